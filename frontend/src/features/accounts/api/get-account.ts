import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** GET /v1/accounts/{account_id}: one account inside the jurisdiction (lockout, password and history facts). */
export const getAccount = async (accountId: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/accounts/{account_id}', { params: { path: { account_id: accountId } }, signal }));

export const getAccountQueryOptions = (accountId: string | undefined) =>
  queryOptions({ queryKey: ['registry', 'accounts', 'one', accountId], queryFn: ({ signal }) => getAccount(accountId!, signal), enabled: Boolean(accountId) });

export function useAccount(accountId: string | undefined) {
  return useQuery(getAccountQueryOptions(accountId));
}
