import { defineGet } from '@/lib/define-call';

export interface TrainingRecord {
  id: string;
  training_date: string;
  hours: string;
  kind: string;
  organiser_level: string;
  title: string;
}

/** GET /v1/training/records?worker_id= (registry). */
export const workerTraining = defineGet<TrainingRecord[]>('registry', '/v1/training/records', ['workers', 'training']);
