import dayjs, { type Dayjs } from 'dayjs';

/** The year whose annual assessment is under way: it runs from the year's December into the next year. */
export function assessedYear(today: Dayjs = dayjs()): number {
  return today.month() < 11 ? today.year() - 1 : today.year();
}

/** The latest cycle's year not after `upTo` (in a December before the county opens the year's cycle, last year's), else `upTo`. */
export function latestCycleYear(cycles: { year: number }[], upTo: number): number {
  const years = cycles.map((c) => c.year).filter((y) => y <= upTo);
  return years.length ? Math.max(...years) : upTo;
}
