import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/types/assessment';
import { assessmentClient, isAvailable, unwrap } from '@/lib/api-client';
import type { AssessmentStatus } from './types';

export type ProbationCasesIn = components['schemas']['ProbationCasesIn'];
export type ProbationCasesOpened = components['schemas']['ProbationCasesOpened'];

export const probationAvailable = () => isAvailable('assessment', 'GET', '/v1/probation-cases');

/** Probation cases (试用期满考核) in the caller's jurisdiction, optionally by status. */
export const getProbationCases = async (status?: AssessmentStatus, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/probation-cases', { params: { query: { status } }, signal }));

export function useProbationCases(status?: AssessmentStatus) {
  return useQuery({
    queryKey: ['assessment', 'probation', status ?? 'all'],
    queryFn: ({ signal }) => getProbationCases(status, signal),
  });
}

/** Open a case for every probation ending by the date (whatever the month); cases already open are kept. */
export const openProbationCases = async (body: ProbationCasesIn) =>
  unwrap(await assessmentClient.POST('/v1/probation-cases', { body }));

export function useOpenProbationCases() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: openProbationCases,
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessment', 'probation'] }),
  });
}
