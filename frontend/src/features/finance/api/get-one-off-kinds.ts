import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const oneOffKindsAvailable = () => isAvailable('payroll', 'GET', '/v1/one-off-items/kinds');

export const getOneOffKinds = async (signal?: AbortSignal) => unwrap(await payrollClient.GET('/v1/one-off-items/kinds', { signal }));

export const getOneOffKindsQueryOptions = () =>
  queryOptions({ queryKey: ['payroll', 'one-off-kinds'], queryFn: ({ signal }) => getOneOffKinds(signal), staleTime: Infinity });

export function useOneOffKinds() {
  return useQuery(getOneOffKindsQueryOptions());
}
