import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export const workerAuditAvailable = () => isAvailable('registry', 'GET', '/v1/audit');

export const getWorkerAudit = async (workerId: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/audit', { params: { query: { worker_id: workerId, size: 100 } }, signal }));

export const getWorkerAuditQueryOptions = (workerId: string, enabled = true) =>
  queryOptions({ queryKey: ['workers', 'audit', workerId], queryFn: ({ signal }) => getWorkerAudit(workerId, signal), enabled });

export function useWorkerAudit(workerId: string, enabled = true) {
  return useQuery(getWorkerAuditQueryOptions(workerId, enabled));
}
