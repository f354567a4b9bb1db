import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const inForceAvailable = () => isAvailable('payroll', 'GET', '/v1/pay-schemes/in-force');

/** GET /v1/pay-schemes/in-force: the published version that applies to a region on a date (most specific prefix). */
export const getInForce = async (region: string, on: string | undefined, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/pay-schemes/in-force', { params: { query: { region, on } }, signal }));

export const getInForceQueryOptions = (region: string | undefined, on?: string, enabled = true) =>
  queryOptions({
    queryKey: ['pay-scheme', 'in-force', region ?? '', on ?? ''],
    queryFn: ({ signal }) => getInForce(region!, on, signal),
    enabled: enabled && Boolean(region) && inForceAvailable(),
    retry: false,
  });

/** `enabled` false: not asked (the caller already knows no version applies). */
export function useInForce(region: string | undefined, on?: string, enabled = true) {
  return useQuery(getInForceQueryOptions(region, on, enabled));
}
