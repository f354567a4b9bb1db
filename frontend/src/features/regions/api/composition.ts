import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';

export type Composition = components['schemas']['CompositionOut'];

/** GET /v1/communities/{code}/composition: the 两委 composition against the rule that applies (SS 二(三)1). */
export const getComposition = async (code: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/communities/{code}/composition', { params: { path: { code } }, signal }));

export const useComposition = (code: string | null) =>
  useQuery(queryOptions({ queryKey: ['registry', 'composition', code], queryFn: ({ signal }) => getComposition(code!, signal), enabled: !!code }));
