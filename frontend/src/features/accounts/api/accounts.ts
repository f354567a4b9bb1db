import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type Account = components['schemas']['AccountOut'];
export type AccountCreate = components['schemas']['AccountCreate'];
export type AccountUpdate = components['schemas']['AccountUpdate'];
export type AccountWithPassword = components['schemas']['AccountWithPassword'];
export type Grantable = components['schemas']['Grantable'];

export interface AccountQuery {
  q?: string;
  role?: string;
  active?: boolean;
  page: number;
  size: number;
}

/** GET /v1/accounts: accounts inside the jurisdiction, lockouts shown. */
export const getAccounts = async (query: AccountQuery, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/accounts', { params: { query }, signal }));

export const useAccounts = (query: AccountQuery) =>
  useQuery(queryOptions({ queryKey: ['registry', 'accounts', query], queryFn: ({ signal }) => getAccounts(query, signal), placeholderData: keepPreviousData }));

/** GET /v1/accounts/grantable: what the pickers may offer this administrator. */
export const getGrantable = async (signal?: AbortSignal) => unwrap(await registryClient.GET('/v1/accounts/grantable', { signal }));

export const useGrantable = () =>
  useQuery(queryOptions({ queryKey: ['registry', 'accounts', 'grantable'], queryFn: ({ signal }) => getGrantable(signal) }));

export const createAccount = async (body: AccountCreate) => unwrap(await registryClient.POST('/v1/accounts', { body }));
export const useCreateAccount = () => useInvalidatingMutation(createAccount, ['registry', 'accounts']);

export const createWorkerAccount = async (workerId: string) =>
  unwrap(await registryClient.POST('/v1/accounts/worker', { body: { worker_id: workerId } }));
export const useCreateWorkerAccount = () => useInvalidatingMutation(createWorkerAccount, ['registry', 'accounts']);

export const updateAccount = async ({ id, body }: { id: string; body: AccountUpdate }) =>
  unwrap(await registryClient.PATCH('/v1/accounts/{account_id}', { params: { path: { account_id: id } }, body }));
export const useUpdateAccount = () => useInvalidatingMutation(updateAccount, ['registry', 'accounts']);

type Action = 'deactivate' | 'activate' | 'unlock';

/** Deactivate, activate or unlock (each audited; deactivation ends the account's sessions). */
export const accountAction = async ({ id, action }: { id: string; action: Action }) => {
  const init = { params: { path: { account_id: id } } };
  if (action === 'deactivate') return unwrap(await registryClient.POST('/v1/accounts/{account_id}/deactivate', init));
  if (action === 'activate') return unwrap(await registryClient.POST('/v1/accounts/{account_id}/activate', init));
  return unwrap(await registryClient.POST('/v1/accounts/{account_id}/unlock', init));
};
export const useAccountAction = () => useInvalidatingMutation(accountAction, ['registry', 'accounts']);

export const resetPassword = async (id: string) =>
  unwrap(await registryClient.POST('/v1/accounts/{account_id}/password-reset', { params: { path: { account_id: id } } }));
export const useResetPassword = () => useInvalidatingMutation(resetPassword, ['registry', 'accounts']);
