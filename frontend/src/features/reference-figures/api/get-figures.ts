import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/payroll';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export type Figure = components['schemas']['FigureOut'];
export interface FigureFilter {
  region?: string;
  year?: number;
}

export const figuresAvailable = () => isAvailable('payroll', 'GET', '/v1/reference-figures');

/** GET /v1/reference-figures: every figure version that applies to, or lies inside, the caller's jurisdiction. */
export const getFigures = async (filter: FigureFilter, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/reference-figures', { params: { query: { region: filter.region || undefined, year: filter.year } }, signal }));

export const getFiguresQueryOptions = (filter: FigureFilter) =>
  queryOptions({ queryKey: ['reference-figures', filter], queryFn: ({ signal }) => getFigures(filter, signal), enabled: figuresAvailable() });

export function useFigures(filter: FigureFilter) {
  return useQuery(getFiguresQueryOptions(filter));
}
