import type { components, paths } from '@/api/types/registry';

export type WorkerOut = components['schemas']['WorkerOut'];
export type WorkerDetail = components['schemas']['WorkerDetail'];
export type WorkerCreate = components['schemas']['WorkerCreate'];
export type WorkerUpdate = components['schemas']['WorkerUpdate'];
export type WorkerPage = components['schemas']['Page_WorkerOut_'];
export type WorkerFilters = NonNullable<paths['/v1/workers']['get']['parameters']['query']>;
export type EducationOut = components['schemas']['EducationOut'];
export type CertificateOut = components['schemas']['CertificateOut'];
export type HonourOut = components['schemas']['HonourOut'];
export type ServicePeriodOut = components['schemas']['ServicePeriodOut'];
export type PostPeriodOut = components['schemas']['PostPeriodOut'];
export type StatusPeriodOut = components['schemas']['StatusPeriodOut'];
/** The worker's sub-resources a path names: …/{worker_id}/education, …/certificates, … */
export type WorkerPath = { worker_id: string };
