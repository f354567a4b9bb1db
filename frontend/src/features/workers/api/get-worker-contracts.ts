import { defineGet } from '@/lib/define-call';

export const workerContracts = defineGet<unknown, { worker_id: string }>(
  'registry', '/v1/workers/{worker_id}/contracts', ['workers', 'contracts'],
);
