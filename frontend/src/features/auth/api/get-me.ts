import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

export const getMe = async () => unwrap(await registryClient.GET('/v1/auth/me'));

export const getMeQueryOptions = () => queryOptions({ queryKey: ['auth', 'me'], queryFn: getMe });

export function useMe() {
  return useQuery(getMeQueryOptions());
}
