import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { assessedYear, latestCycleYear } from './assessment-year';

describe('the assessment page opens on', () => {
  it('last year until December, this year from December', () => {
    expect(assessedYear(dayjs('2026-11-30'))).toBe(2025);
    expect(assessedYear(dayjs('2026-12-01'))).toBe(2026);
    expect(assessedYear(dayjs('2027-01-15'))).toBe(2026);
  });

  it("the year being assessed once its cycle is open, else the latest earlier cycle's year", () => {
    expect(latestCycleYear([{ year: 2024 }, { year: 2025 }, { year: 2026 }], 2026)).toBe(2026);
    expect(latestCycleYear([{ year: 2024 }, { year: 2025 }], 2026)).toBe(2025);
    expect(latestCycleYear([{ year: 2027 }], 2026)).toBe(2026);
    expect(latestCycleYear([], 2026)).toBe(2026);
  });
});
