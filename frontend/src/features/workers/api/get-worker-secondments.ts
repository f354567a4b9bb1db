import { defineGet } from '@/lib/define-call';

export const workerSecondments = defineGet<unknown, { worker_id: string }>(
  'registry', '/v1/workers/{worker_id}/secondments', ['workers', 'secondments'],
);
