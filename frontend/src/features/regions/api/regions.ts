import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type Region = components['schemas']['RegionOut'];
export type RegionCreate = components['schemas']['RegionCreate'];
export type RegionUpdate = components['schemas']['RegionUpdate'];
export type RegionRetire = components['schemas']['RegionRetire'];

/** GET /v1/regions?include_retired=true: every region of the jurisdiction, retired ones included. */
export const getAllRegions = async (prefix: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/regions', { params: { query: { prefix, include_retired: true } }, signal }));

export const useAllRegions = (prefix: string) =>
  useQuery(queryOptions({ queryKey: ['registry', 'regions', 'all', prefix], queryFn: ({ signal }) => getAllRegions(prefix, signal) }));

export const createRegion = async (body: RegionCreate) => unwrap(await registryClient.POST('/v1/regions', { body }));
export const useCreateRegion = () => useInvalidatingMutation(createRegion, ['registry', 'regions']);

export const updateRegion = async ({ code, body }: { code: string; body: RegionUpdate }) =>
  unwrap(await registryClient.PATCH('/v1/regions/{code}', { params: { path: { code } }, body }));
export const useUpdateRegion = () => useInvalidatingMutation(updateRegion, ['registry', 'regions']);

export const retireRegion = async ({ code, body }: { code: string; body: RegionRetire }) =>
  unwrap(await registryClient.POST('/v1/regions/{code}/retirement', { params: { path: { code } }, body }));
export const useRetireRegion = () => useInvalidatingMutation(retireRegion, ['registry', 'regions']);

export type RegionChange = components['schemas']['RegionChangeOut'];

/** GET /v1/regions/{code}/history: added, renamed, changed, retired — each with the date it holds from. */
export const getRegionHistory = async (code: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/regions/{code}/history', { params: { path: { code } }, signal }));

export const useRegionHistory = (code: string | null) =>
  useQuery(queryOptions({ queryKey: ['registry', 'regions', 'history', code], queryFn: ({ signal }) => getRegionHistory(code!, signal), enabled: !!code }));
