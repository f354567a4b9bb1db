import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export const workerSecondmentsAvailable = () => isAvailable('registry', 'GET', '/v1/secondments');

/** The registry lists secondments by region; this worker's are picked from their community's list. */
export const getWorkerSecondments = async (workerId: string, communityCode: string, signal?: AbortSignal) => {
  const all = unwrap(await registryClient.GET('/v1/secondments', { params: { query: { region: communityCode } }, signal }));
  return all.filter((item) => item.worker_id === workerId);
};

export const getWorkerSecondmentsQueryOptions = (workerId: string, communityCode: string | undefined) =>
  queryOptions({
    queryKey: ['workers', 'secondments', workerId, communityCode],
    queryFn: ({ signal }) => getWorkerSecondments(workerId, communityCode!, signal),
    enabled: Boolean(communityCode),
  });

export function useWorkerSecondments(workerId: string, communityCode: string | undefined) {
  return useQuery(getWorkerSecondmentsQueryOptions(workerId, communityCode));
}
