import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type FilingIn = components['schemas']['FilingIn'];

/** Party secretaries' filings with the organisation department. */
export const getFilings = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/secretary-filings', { params: { query: { region: region || undefined } }, signal }));

export const useFilings = (region: string) =>
  useQuery(queryOptions({ queryKey: ['registry', 'filings', region], queryFn: ({ signal }) => getFilings(region, signal) }));

/** Secretaries not yet filed (the flag the filing rule raises). */
export const getUnfiled = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/flags', { params: { query: { region: region || undefined, kind: ['secretary_not_filed'] } }, signal }));

export const useUnfiled = (region: string) =>
  useQuery(queryOptions({ queryKey: ['registry', 'flags', 'secretary_not_filed', region], queryFn: ({ signal }) => getUnfiled(region, signal) }));

/** Record a filing (audited). */
export const recordFiling = async (body: FilingIn) => unwrap(await registryClient.POST('/v1/secretary-filings', { body }));

export const useRecordFiling = () => useInvalidatingMutation(recordFiling, ['registry']);
