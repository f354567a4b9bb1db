import { useMutation } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';

export type EligibilityCheckIn = components['schemas']['EligibilityCheckIn'];
export type EligibilityOut = components['schemas']['EligibilityOut'];

/** POST /v1/recruitment/eligibility-check: a person's facts against the region's eligibility rule (nothing saved). */
export const checkEligibility = async (body: EligibilityCheckIn) =>
  unwrap(await registryClient.POST('/v1/recruitment/eligibility-check', { body }));

export const useCheckEligibility = () => useMutation({ mutationFn: checkEligibility });
