import { describe, expect, it } from 'vitest';
import type { Region } from '@/lib/lookups';
import { REGIONS } from '@/test/regions';
import { regionOptions } from './RegionSelect';

const index = (rows: Region[]) => new Map(rows.map((row) => [row.code, row]));

describe('regionOptions', () => {
  it('offers the levels asked for, inside the prefix, by name with the parent’s, retired ones left out', () => {
    const retired = { ...REGIONS[7], code: '640104002002', name: '旧城社区', retired_on: '2025-01-01' };
    expect(regionOptions(index([...REGIONS, retired]), ['community'], '640104002')).toEqual([
      { value: '640104002001', label: '新华社区（新华街道）', level: 'community' },
    ]);
    expect(regionOptions(index(REGIONS), ['city', 'county']).map((o) => o.label)).toEqual(['银川市', '兴庆区']);
  });

  it('does not repeat a parent’s name the region’s own name begins with', () => {
    const township = { ...REGIONS[3], name: '兴庆区新华街道' };
    expect(regionOptions(index([REGIONS[2], township]), ['township'])).toEqual([{ value: '640104001', label: '兴庆区新华街道', level: 'township' }]);
  });

  it('is empty while the index is not known', () => {
    expect(regionOptions(undefined, ['county'])).toEqual([]);
  });
});
