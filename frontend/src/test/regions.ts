// A small region tree (兴庆区 of 银川市, Ningxia) as the registry's GET /v1/regions answers it, for pickers.
import type { Region } from '@/lib/lookups';

const region = (code: string, name: string, level: string, parent_code: string | null): Region => ({
  code, name, level, parent_code, urban_population: null, households: null, fiscal_category: null, residents: null,
  urban_rural: null, established_on: null, retired_on: null, star_ratings: [],
});

export const REGIONS = [
  region('64', '宁夏回族自治区', 'province', null),
  region('6401', '银川市', 'city', '64'),
  region('640104', '兴庆区', 'county', '6401'),
  region('640104001', '凤凰北街街道', 'township', '640104'),
  region('640104001001', '民乐社区', 'community', '640104001'),
  region('640104001002', '丽景社区', 'community', '640104001'),
  region('640104002', '新华街道', 'township', '640104'),
  region('640104002001', '新华社区', 'community', '640104002'),
];

/** The regions inside a jurisdiction (GET /v1/regions?prefix=…): the prefix's own region and those below it. */
export const regionsInside = (prefix: string) => REGIONS.filter((r) => r.code.startsWith(prefix));
