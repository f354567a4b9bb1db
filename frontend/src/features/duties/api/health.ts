import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type HealthCheckIn = components['schemas']['HealthCheckIn'];

/** Health checks recorded in the jurisdiction. */
export const getHealthChecks = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/health-checks', { params: { query: { region: region || undefined } }, signal }));

export const useHealthChecks = (region: string) =>
  useQuery(queryOptions({ queryKey: ['registry', 'health', region], queryFn: ({ signal }) => getHealthChecks(region, signal) }));

/** Workers without the year's health check. */
export const getMissingChecks = async (region: string, year: number, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/health-checks/missing', { params: { query: { region: region || undefined, year, page: 1, size: 200 } }, signal }));

export const useMissingChecks = (region: string, year: number) =>
  useQuery(queryOptions({ queryKey: ['registry', 'health', 'missing', region, year], queryFn: ({ signal }) => getMissingChecks(region, year, signal) }));

/** Record a health check (audited). */
export const recordHealthCheck = async (body: HealthCheckIn) => unwrap(await registryClient.POST('/v1/health-checks', { body }));

export const useRecordHealthCheck = () => useInvalidatingMutation(recordHealthCheck, ['registry']);
