import { describe, expect, it } from 'vitest';
import { ageBars } from './charts';

describe('the age chart', () => {
  it('puts the youngest band first, as the statistics list them by key', () => {
    // GET /v1/stats lists the bands sorted by key, so 30岁以下 (under_30) came last.
    const bands = [{ key: '30_39', count: 9 }, { key: '40_49', count: 4 }, { key: '50_59', count: 3 }, { key: 'under_30', count: 1 }];
    expect(ageBars(bands, 'zh')).toEqual([['30岁以下', '30–39岁', '40–49岁', '50–59岁'], [1, 9, 4, 3]]);
    expect(ageBars([{ key: '60_plus', count: 2 }, { key: 'under_30', count: 5 }], 'en')).toEqual([['Under 30', '60+'], [5, 2]]);
  });
});
