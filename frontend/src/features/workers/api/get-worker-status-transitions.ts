import { defineGet } from '@/lib/define-call';
import type { StatusPeriodOut, WorkerPath } from './types';

/** The worker's status history (probation, active, seconded … exit) with reasons. */
export const workerStatusTransitions = defineGet<StatusPeriodOut[], WorkerPath>('registry', '/v1/workers/{worker_id}/status-transitions', ['workers', 'status-transitions']);
