import { queryOptions, useQuery } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';

export const getRun = async (runId: string, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/runs/{run_id}', { params: { path: { run_id: runId } }, signal }));

const RUNNING = ['queued', 'running'];

/** Polls every 1.5 s while the calculation job is queued or running, so progress is visible. */
export const getRunQueryOptions = (runId: string) =>
  queryOptions({
    queryKey: ['payroll', 'run', runId],
    queryFn: ({ signal }) => getRun(runId, signal),
    refetchInterval: (query) => (query.state.data && RUNNING.includes(query.state.data.job_status) ? 1500 : false),
  });

export function useRun(runId: string) {
  return useQuery(getRunQueryOptions(runId));
}
