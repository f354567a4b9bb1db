import { defineGet } from '@/lib/define-call';
import type { HonourOut, WorkerPath } from './types';

/** The worker's honours (表彰) and their level. */
export const workerHonours = defineGet<HonourOut[], WorkerPath>('registry', '/v1/workers/{worker_id}/honours', ['workers', 'honours']);
