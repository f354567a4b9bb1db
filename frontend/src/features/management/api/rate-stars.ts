import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type StarRatingIn = components['schemas']['StarRatingIn'];

/** A community's star rating for a year. */
export const rateStars = async ({ code, year, body }: { code: string; year: number; body: StarRatingIn }) =>
  unwrap(await registryClient.PUT('/v1/regions/{code}/star-ratings/{year}', { params: { path: { code, year } }, body }));

export const useRateStars = () => useInvalidatingMutation(rateStars, ['registry']);
