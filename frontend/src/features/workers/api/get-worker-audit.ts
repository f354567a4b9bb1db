import { defineGet } from '@/lib/define-call';

export interface AuditEntry {
  id?: string;
  at: string;
  actor?: string;
  actor_name?: string;
  action: string;
  entity?: string;
  before?: unknown;
  after?: unknown;
}

export const workerAudit = defineGet<unknown, { worker_id: string }>(
  'registry', '/v1/workers/{worker_id}/audit', ['workers', 'audit'],
);
