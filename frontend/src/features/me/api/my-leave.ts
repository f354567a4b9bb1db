import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type MyLeaveIn = components['schemas']['MyLeaveIn'];

/** The signed-in worker's leave requests. */
export const getMyLeave = async (signal?: AbortSignal) => unwrap(await registryClient.GET('/v1/me/leave-requests', { signal }));

export const useMyLeave = () => useQuery(queryOptions({ queryKey: ['registry', 'me', 'leave'], queryFn: ({ signal }) => getMyLeave(signal) }));

/** The signed-in worker's annual leave balance this year. */
export const getMyLeaveBalance = async (year: number, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/me/leave-balance', { params: { query: { year } }, signal }));

export const useMyLeaveBalance = (year: number) =>
  useQuery(queryOptions({ queryKey: ['registry', 'me', 'leave-balance', year], queryFn: ({ signal }) => getMyLeaveBalance(year, signal) }));

/** Ask for leave. */
export const requestMyLeave = async (body: MyLeaveIn) => unwrap(await registryClient.POST('/v1/me/leave-requests', { body }));

export const useRequestMyLeave = () => useInvalidatingMutation(requestMyLeave, ['registry']);
