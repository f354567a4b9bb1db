import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, payrollClient, registryClient, unwrap, type Service } from '@/lib/api-client';

export interface AuditQuery {
  action?: string;
  region?: string;
  worker_id?: string;
  entity?: string;
  since?: string;
  until?: string;
  page: number;
  size: number;
}

/** GET /v1/audit of one service (each keeps its own trail): who, what, when, before and after. */
export const getAudit = async (service: Service, query: AuditQuery, signal?: AbortSignal) => {
  const init = { params: { query }, signal };
  if (service === 'payroll') return unwrap(await payrollClient.GET('/v1/audit', init));
  if (service === 'assessment') return unwrap(await assessmentClient.GET('/v1/audit', init));
  return unwrap(await registryClient.GET('/v1/audit', init));
};

export const getAuditQueryOptions = (service: Service, query: AuditQuery) =>
  queryOptions({ queryKey: ['audit', service, query], queryFn: ({ signal }) => getAudit(service, query, signal), placeholderData: keepPreviousData });

export function useAudit(service: Service, query: AuditQuery) {
  return useQuery(getAuditQueryOptions(service, query));
}
