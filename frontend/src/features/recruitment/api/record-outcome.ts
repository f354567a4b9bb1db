import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type OutcomeIn = components['schemas']['OutcomeIn'];

/**
 * POST …/applicants/{applicant_id}/outcomes: record (or correct, audited) an eligible applicant's outcome of the
 * written test and interview, the medical or the background check once the campaign has reached that step; after
 * the public notice only a failure may be recorded.
 */
export const recordOutcome = async ({ campaignId, applicantId, body }: { campaignId: string; applicantId: string; body: OutcomeIn }) =>
  unwrap(
    await registryClient.POST('/v1/recruitment/campaigns/{campaign_id}/applicants/{applicant_id}/outcomes', {
      params: { path: { campaign_id: campaignId, applicant_id: applicantId } },
      body,
    }),
  );

export const useRecordOutcome = () => useInvalidatingMutation(recordOutcome, ['recruitment']);
