import type { components } from '@/api/types/assessment';
import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type CycleIn = components['schemas']['CycleIn'];

/** The county opens its cycle for a year with its guidance plan. */
export const openCycle = async (body: CycleIn) => unwrap(await assessmentClient.POST('/v1/cycles', { body }));

export const useOpenCycle = () => useInvalidatingMutation(openCycle, ['assessment']);
