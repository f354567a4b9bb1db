import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** Cancel a run that is not approved yet (a running calculation stops). */
export const cancelRun = async (runId: string) =>
  unwrap(await payrollClient.POST('/v1/runs/{run_id}/cancel', { params: { path: { run_id: runId } } }));

export const useCancelRun = () => useInvalidatingMutation(cancelRun, ['payroll']);
