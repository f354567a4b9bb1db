import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, isAvailable, unwrap } from '@/lib/api-client';

export const workerAssessmentsAvailable = () => isAvailable('assessment', 'GET', '/v1/results');

/** Final results of the worker's community (the results feed), this worker's picked out. */
export const getWorkerAssessments = async (workerId: string, communityCode: string, signal?: AbortSignal) => {
  const feed = unwrap(await assessmentClient.GET('/v1/results', { params: { query: { region: communityCode, limit: 1000 } }, signal }));
  return feed.items.filter((item) => item.worker_id === workerId).sort((a, b) => b.year - a.year);
};

export const getWorkerAssessmentsQueryOptions = (workerId: string, communityCode: string | undefined) =>
  queryOptions({
    queryKey: ['workers', 'assessments', workerId, communityCode],
    queryFn: ({ signal }) => getWorkerAssessments(workerId, communityCode!, signal),
    enabled: Boolean(communityCode),
  });

export function useWorkerAssessments(workerId: string, communityCode: string | undefined) {
  return useQuery(getWorkerAssessmentsQueryOptions(workerId, communityCode));
}
