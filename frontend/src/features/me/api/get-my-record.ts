import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export const myRecordAvailable = () => isAvailable('registry', 'GET', '/v1/me');

export const getMyRecord = async (signal?: AbortSignal) => unwrap(await registryClient.GET('/v1/me', { signal }));

export const getMyRecordQueryOptions = () => queryOptions({ queryKey: ['me', 'record'], queryFn: ({ signal }) => getMyRecord(signal) });

export function useMyRecord() {
  return useQuery(getMyRecordQueryOptions());
}
