export { useQuota } from '@/lib/shared-reads';
