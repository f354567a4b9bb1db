import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** Mark an approved run paid with the checksum of the bank file sent (checked against the one generated). */
export const markRunPaid = async ({ runId, checksum }: { runId: string; checksum: string }) =>
  unwrap(await payrollClient.POST('/v1/runs/{run_id}/pay', { params: { path: { run_id: runId } }, body: { bank_file_sha256: checksum } }));

export const useMarkRunPaid = () => useInvalidatingMutation(markRunPaid, ['payroll']);
