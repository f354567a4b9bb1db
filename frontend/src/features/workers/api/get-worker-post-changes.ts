import { defineGet } from '@/lib/define-call';
import type { PostPeriodOut, WorkerPath } from './types';

/** The worker's post history (each post from – to, the office on a head post). */
export const workerPostChanges = defineGet<PostPeriodOut[], WorkerPath>('registry', '/v1/workers/{worker_id}/post-changes', ['workers', 'post-changes']);
