import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, isAvailable, type Service } from './api-client';

type Query = Record<string, string | number | boolean | null | undefined>;

/**
 * One GET operation: `available()` (declared by the service's OpenAPI document), the fetcher, query options
 * and a hook. `template` is the OpenAPI path ("/v1/workers/{worker_id}/contracts"); `params` fill it in.
 */
export function defineGet<T, P extends Record<string, string> = Record<string, string>>(
  service: Service,
  template: string,
  key: string[],
) {
  const available = () => isAvailable(service, 'GET', template);
  const path = (params: P) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name as keyof P] ?? ''));
  const fetcher = (params: P, query?: Query, signal?: AbortSignal) =>
    apiRequest<T>(service, 'GET', path(params), { query, signal });
  const options = (params: P, query?: Query, enabled = true) =>
    queryOptions({
      queryKey: [...key, params, query ?? {}],
      queryFn: ({ signal }) => fetcher(params, query, signal),
      enabled: enabled && available(),
    });
  const useCall = (params: P, query?: Query, enabled = true) => useQuery(options(params, query, enabled));
  return { available, fetcher, options, useCall };
}

/** Lists may come bare (`[...]`) or paged (`{items: [...]}`): read either. */
export function itemsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items)) {
    return (data as { items: T[] }).items;
  }
  return [];
}
