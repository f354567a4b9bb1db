import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export interface JsonSchema {
  type?: string;
  title?: string;
  required?: string[];
  additionalProperties?: boolean | object;
  properties?: Record<string, JsonSchema & { $ref?: string; anyOf?: JsonSchema[]; default?: unknown }>;
}

export const schemaAvailable = () => isAvailable('payroll', 'GET', '/v1/pay-schemes/schema');

/** GET /v1/pay-schemes/schema: the JSON Schema of the pay-scheme document (the same model publishing validates). */
export const getSchema = async (signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/pay-schemes/schema', { signal })) as JsonSchema;

export const getSchemaQueryOptions = () =>
  queryOptions({ queryKey: ['pay-scheme', 'schema'], queryFn: ({ signal }) => getSchema(signal), enabled: schemaAvailable(), staleTime: Infinity });

export function useSchema() {
  return useQuery(getSchemaQueryOptions());
}
