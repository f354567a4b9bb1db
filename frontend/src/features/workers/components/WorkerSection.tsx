import type { UseQueryResult } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { AutoTable } from '@/components/AutoTable';
import { QueryState } from '@/components/QueryState';
import { itemsOf } from '@/lib/define-call';

type Row = Record<string, unknown>;

/** One tab of the worker page: a list from its own endpoint, with loading / error / empty / not-yet states. */
export function WorkerSection({
  query,
  available,
  what,
  columns,
  testId,
}: {
  query: UseQueryResult<unknown>;
  available: boolean;
  what: string;
  columns?: TableColumnsType<Row>;
  testId?: string;
}) {
  return (
    <QueryState query={query} available={available} what={what} isEmpty={(data) => itemsOf(data).length === 0}>
      {(data) => <AutoTable rows={itemsOf<Row>(data)} columns={columns} testId={testId} />}
    </QueryState>
  );
}
