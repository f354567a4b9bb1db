import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Workers other than secretaries and directors overdue for the three-year rotation. */
export const getRotation = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/training/rotation', { params: { query: { region: region || undefined, page: 1, size: 200 } }, signal }));

export const useRotation = (region: string) =>
  useQuery(queryOptions({ queryKey: ['registry', 'training', 'rotation', region], queryFn: ({ signal }) => getRotation(region, signal) }));

/** The year's training of secretaries and directors by organiser level against the 2:3:5 rule. */
export const getTrainingLevels = async (region: string, year: number, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/training/levels', { params: { query: { region: region || undefined, year } }, signal }));

export const useTrainingLevels = (region: string, year: number) =>
  useQuery(queryOptions({ queryKey: ['registry', 'training', 'levels', region, year], queryFn: ({ signal }) => getTrainingLevels(region, year, signal) }));
