import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type HireIn = components['schemas']['HireIn'];

/**
 * POST …/applicants/{applicant_id}/hire: an eligible applicant becomes a worker with a contract, once every step
 * (the public notice included) is done and inside the positions and the quota.
 */
export const hireApplicant = async ({ campaignId, applicantId, body }: { campaignId: string; applicantId: string; body: HireIn }) =>
  unwrap(
    await registryClient.POST('/v1/recruitment/campaigns/{campaign_id}/applicants/{applicant_id}/hire', {
      params: { path: { campaign_id: campaignId, applicant_id: applicantId } },
      body,
    }),
  );

export const useHireApplicant = () => useInvalidatingMutation(hireApplicant, [['recruitment'], ['workers']]);
