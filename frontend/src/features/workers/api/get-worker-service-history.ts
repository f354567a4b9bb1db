import { defineGet } from '@/lib/define-call';

export interface ServiceHistory {
  cumulative_service_years?: string;
  periods?: { community_code: string; community_name?: string; start: string; end: string | null; post?: string }[];
  items?: unknown[];
}

export const workerServiceHistory = defineGet<ServiceHistory, { worker_id: string }>(
  'registry', '/v1/workers/{worker_id}/service-history', ['workers', 'service-history'],
);
