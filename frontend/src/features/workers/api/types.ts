import type { components, paths } from '@/api/types/registry';

export type WorkerOut = components['schemas']['WorkerOut'];
export type WorkerDetail = components['schemas']['WorkerDetail'];
export type WorkerCreate = components['schemas']['WorkerCreate'];
export type WorkerUpdate = components['schemas']['WorkerUpdate'];
export type WorkerPage = components['schemas']['Page_WorkerOut_'];
export type WorkerFilters = NonNullable<paths['/v1/workers']['get']['parameters']['query']>;
