import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type DisciplineIn = components['schemas']['DisciplineIn'];

/** Discipline and criminal records in the jurisdiction (each says whether it raises the exit flag). */
export const getDisciplineRecords = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/discipline-records', { params: { query: { region: region || undefined } }, signal }));

export const useDisciplineRecords = (region: string) =>
  useQuery(queryOptions({ queryKey: ['registry', 'discipline', region], queryFn: ({ signal }) => getDisciplineRecords(region, signal) }));

/** Record a discipline or criminal record (audited). */
export const recordDiscipline = async (body: DisciplineIn) => unwrap(await registryClient.POST('/v1/discipline-records', { body }));

export const useRecordDiscipline = () => useInvalidatingMutation(recordDiscipline, ['registry']);
