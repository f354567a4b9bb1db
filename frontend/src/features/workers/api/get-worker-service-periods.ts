import { defineGet } from '@/lib/define-call';
import type { ServicePeriodOut, WorkerPath } from './types';

/** The worker's service periods in communities: these count toward the cumulative years. */
export const workerServicePeriods = defineGet<ServicePeriodOut[], WorkerPath>('registry', '/v1/workers/{worker_id}/service-periods', ['workers', 'service-periods']);
