import { describe, expect, it } from 'vitest';
import { carriedStarRating } from './ManagementPage';

describe('carriedStarRating', () => {
  const ratings = [{ year: 2024, stars: 4 }, { year: 2025, stars: 2 }];
  it('is the latest rating before an unrated year', () => {
    expect(carriedStarRating(ratings, 2026)).toEqual({ year: 2025, stars: 2 });
    expect(carriedStarRating(ratings, 2025)).toEqual({ year: 2024, stars: 4 });
  });
  it('is never a later year', () => {
    expect(carriedStarRating(ratings, 2024)).toBeUndefined();
  });
});
