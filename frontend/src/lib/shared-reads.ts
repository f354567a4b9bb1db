import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { paths as PayrollPaths } from '@/api/types/payroll';
import { assessmentClient, isAvailable, payrollClient, registryClient, unwrap } from './api-client';

/**
 * Reads that more than one page shows — quota, payroll runs, assessment cycles and statistics — live here
 * once, each under one query key. A write that invalidates a key (e.g. starting a run invalidates
 * `sharedKeys.runs`) so refreshes every page showing that read: the payroll list, finance and the home page.
 * Features import them; they never define their own key for these endpoints (src/app/shared-reads.test.tsx).
 */
export type RunsQuery = NonNullable<PayrollPaths['/v1/runs']['get']['parameters']['query']>;

export const sharedKeys = {
  quota: ['registry', 'quota'] as const,
  runs: ['payroll', 'runs'] as const,
  cycles: ['assessment', 'cycles'] as const,
  statistics: ['assessment', 'statistics'] as const,
};

/** Head count against quota per county and community, with the rule each number comes from. */
export const getQuota = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/quota', { params: { query: { region: region || undefined } }, signal }));

export const quotaQueryOptions = (region: string, enabled = true) =>
  queryOptions({ queryKey: [...sharedKeys.quota, region], queryFn: ({ signal }) => getQuota(region, signal), enabled });

export function useQuota(region: string, enabled = true) {
  return useQuery(quotaQueryOptions(region, enabled));
}

/** Payroll runs: a page of the list, filtered by region, month or state. */
export const getRuns = async (query: RunsQuery, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/runs', { params: { query }, signal }));

export const runsQueryOptions = (query: RunsQuery) =>
  queryOptions({ queryKey: [...sharedKeys.runs, query], queryFn: ({ signal }) => getRuns(query, signal), placeholderData: keepPreviousData });

export function useRuns(query: RunsQuery) {
  return useQuery(runsQueryOptions(query));
}

/** Assessment cycles, of one year or all. */
export const getCycles = async (year: number | undefined, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/cycles', { params: { query: { year } }, signal }));

export const cyclesQueryOptions = (year?: number) =>
  queryOptions({ queryKey: [...sharedKeys.cycles, year ?? null], queryFn: ({ signal }) => getCycles(year, signal) });

export function useCycles(year?: number) {
  return useQuery(cyclesQueryOptions(year));
}

/** Proposed / decided / final counts and the excellent quota (limit vs decided) per county and township. */
export const getStatistics = async (year: number, region: string | undefined, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/statistics', { params: { query: { year, region: region || undefined } }, signal }));

export const statisticsQueryOptions = (year: number | undefined, region?: string) => {
  // A region shorter than a province's code means "everything the caller sees".
  const scope = region && region.length >= 2 ? region : undefined;
  return queryOptions({
    queryKey: [...sharedKeys.statistics, year ?? null, scope ?? ''],
    queryFn: ({ signal }) => getStatistics(year!, scope, signal),
    enabled: Boolean(year),
  });
};

export function useStatistics(year: number | undefined, region?: string) {
  return useQuery(statisticsQueryOptions(year, region));
}

/** The worker's own payslips of approved runs (/me: month by month; /me/tax: the month a PDF defaults to). */
export const myPayslipsAvailable = () => isAvailable('payroll', 'GET', '/v1/me/payslips');

export const getMyPayslips = async (signal?: AbortSignal) => unwrap(await payrollClient.GET('/v1/me/payslips', { signal }));

export const myPayslipsQueryOptions = () => queryOptions({ queryKey: ['me', 'payslips'], queryFn: ({ signal }) => getMyPayslips(signal) });

export function useMyPayslips() {
  return useQuery(myPayslipsQueryOptions());
}
