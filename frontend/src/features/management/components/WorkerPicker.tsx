// The picker is shared (the finance and tax pages pick workers too).
export { WorkerPicker } from '@/components/WorkerPicker';
