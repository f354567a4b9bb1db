import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { useT } from '@/lib/i18n';
import { useRegionIndex, type Region } from '@/lib/lookups';
import { RegionName } from './Names';

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'community';

export interface RegionOption {
  value: string;
  label: string;
  level: string;
}

/**
 * The regions in use inside the caller's jurisdiction (the registry answers no other) at the levels an action
 * takes, optionally inside `within`, by name: a township or community with its parent's name
 * (民乐社区（凤凰北街街道）), as two places may share a name — unless its name already begins with it.
 */
export function regionOptions(index: Map<string, Region> | undefined, levels: readonly RegionLevel[], within = ''): RegionOption[] {
  if (!index) return [];
  return [...index.values()]
    .filter((region) => (levels as readonly string[]).includes(region.level) && region.code.startsWith(within) && !region.retired_on)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((region) => {
      const parent = region.parent_code && (region.level === 'township' || region.level === 'community') ? index.get(region.parent_code) : undefined;
      // A name that already begins with its parent's (兴庆区新华街道) is not told it twice.
      const said = !parent || region.name.startsWith(parent.name);
      return { value: region.code, label: said ? region.name : `${region.name}（${parent.name}）`, level: region.level };
    });
}

/** `regionOptions` of the caller's region index (one cached request for the whole jurisdiction). */
export function useRegionOptions(levels: readonly RegionLevel[], within = '') {
  const index = useRegionIndex();
  const key = levels.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `levels` (a new array each render)
  const options = useMemo(() => regionOptions(index.data, levels, within), [index.data, key, within]);
  return { options, isLoading: index.isLoading };
}

/**
 * A region chosen by name among those of the caller's jurisdiction at the levels the action takes (a payroll
 * run: province to township; a recruitment plan: city or county), never a code typed by hand. Typing searches
 * the names (and the codes).
 */
export function RegionSelect({ levels, within, ...select }: { levels: readonly RegionLevel[]; within?: string } & Omit<SelectProps<string>, 'options'>) {
  const t = useT();
  const { options, isLoading } = useRegionOptions(levels, within);
  return (
    <Select<string>
      showSearch={{ optionFilterProp: ['label', 'value'] }}
      loading={isLoading}
      placeholder={t('选择区划', 'Choose a region')}
      notFoundContent={isLoading ? t('加载中…', 'Loading…') : t('管辖范围内没有可选的区划', 'No region to choose in your jurisdiction')}
      // Chosen before the names are in (a default): named as RegionName does, not shown as its code.
      labelRender={({ label, value }) => label ?? <RegionName code={String(value)} />}
      {...select}
      options={options}
    />
  );
}
