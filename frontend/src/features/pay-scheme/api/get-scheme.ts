import { queryOptions, useQuery } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';

export const getScheme = async (schemeId: number, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/pay-schemes/{scheme_id}', { params: { path: { scheme_id: schemeId } }, signal }));

export const getSchemeQueryOptions = (schemeId: number | undefined) =>
  queryOptions({ queryKey: ['pay-scheme', 'one', schemeId], queryFn: ({ signal }) => getScheme(schemeId!, signal), enabled: schemeId !== undefined });

export function useScheme(schemeId: number | undefined) {
  return useQuery(getSchemeQueryOptions(schemeId));
}
