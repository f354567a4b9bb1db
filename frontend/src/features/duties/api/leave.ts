import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type LeaveIn = components['schemas']['LeaveIn'];
export type LeaveDecision = components['schemas']['LeaveDecision'];
export type LeaveOut = components['schemas']['LeaveOut'];

/** Leave requests in the jurisdiction. */
export const getLeaveRequests = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/leave/requests', { params: { query: { region: region || undefined } }, signal }));

export const useLeaveRequests = (region: string) =>
  useQuery(queryOptions({ queryKey: ['registry', 'leave', region], queryFn: ({ signal }) => getLeaveRequests(region, signal) }));

/** A worker's annual leave balance. */
export const getLeaveBalance = async (workerId: string, year: number, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/leave/balance', { params: { query: { worker_id: workerId, year } }, signal }));

export const useLeaveBalance = (workerId: string | undefined, year: number) =>
  useQuery(queryOptions({ queryKey: ['registry', 'leave', 'balance', workerId, year], queryFn: ({ signal }) => getLeaveBalance(workerId ?? '', year, signal), enabled: Boolean(workerId) }));

/** Ask for leave on a worker's behalf. */
export const requestLeave = async (body: LeaveIn) => unwrap(await registryClient.POST('/v1/leave/requests', { body }));

export const useRequestLeave = () => useInvalidatingMutation(requestLeave, ['registry']);

/** Approve or reject (a township officer other than the one who asked). */
export const decideLeave = async ({ id, body }: { id: string; body: LeaveDecision }) =>
  unwrap(await registryClient.POST('/v1/leave/requests/{request_id}/decision', { params: { path: { request_id: id } }, body }));

export const useDecideLeave = () => useInvalidatingMutation(decideLeave, ['registry']);
