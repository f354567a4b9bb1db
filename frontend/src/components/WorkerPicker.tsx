import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState, type CSSProperties } from 'react';
import { registryClient, unwrap } from '@/lib/api-client';
import { useT } from '@/lib/i18n';

/** Workers by name, to pick one. */
export const searchWorkers = async (name: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/workers', { params: { query: { name: name || undefined, page: 1, size: 20 } }, signal }));

export function useWorkerSearch(name: string, enabled = true) {
  return useQuery({ queryKey: ['registry', 'worker-search', name], queryFn: ({ signal }) => searchWorkers(name, signal), enabled });
}

/** Pick one or several workers by name (searched in the registry). */
export function WorkerPicker({
  value,
  onChange,
  multiple,
  id,
  allowClear,
  style,
}: {
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  multiple?: boolean;
  id?: string;
  allowClear?: boolean;
  style?: CSSProperties;
}) {
  const t = useT();
  const [term, setTerm] = useState('');
  const found = useWorkerSearch(term);
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      style={style}
      filterOption={false}
      onSearch={setTerm}
      loading={found.isFetching}
      placeholder={t('输入姓名搜索', 'Type a name')}
      options={(found.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.name}（${w.national_id.slice(-4)}）` }))}
    />
  );
}
