import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export type RenewalOut = components['schemas']['RenewalOut'];

export const contractRenewalAvailable = () => isAvailable('registry', 'GET', '/v1/workers/{worker_id}/contract-renewal');

/** The renewal of the worker's current contract as the registry would decide it today (nothing is written). */
export const getContractRenewal = async (workerId: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/workers/{worker_id}/contract-renewal', { params: { path: { worker_id: workerId } }, signal }));

export const getContractRenewalQueryOptions = (workerId: string, enabled = true) =>
  queryOptions({
    queryKey: ['workers', 'contract-renewal', workerId],
    queryFn: ({ signal }) => getContractRenewal(workerId, signal),
    enabled: enabled && Boolean(workerId),
    staleTime: 0,
  });

export function useContractRenewal(workerId: string, enabled = true) {
  return useQuery(getContractRenewalQueryOptions(workerId, enabled));
}
