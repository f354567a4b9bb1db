import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** Finance marks an approved run as paid. */
export const payRun = async (runId: string) =>
  unwrap(await payrollClient.POST('/v1/runs/{run_id}/pay', { params: { path: { run_id: runId } } }));

export const usePayRun = () => useInvalidatingMutation(payRun, ['payroll']);
