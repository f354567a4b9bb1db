import { defineGet } from '@/lib/define-call';
import type { EducationOut, WorkerPath } from './types';

/** The worker's education records (GET …/education). */
export const workerEducation = defineGet<EducationOut[], WorkerPath>('registry', '/v1/workers/{worker_id}/education', ['workers', 'education']);
