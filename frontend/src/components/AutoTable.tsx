import { Table, type TableColumnsType } from 'antd';
import { formatValue } from '@/lib/format';

type Row = Record<string, unknown>;

/**
 * A table for records whose columns are named by the caller (`columns`), or, when omitted, by the
 * keys of the records themselves (nested objects shown as text).
 */
export function AutoTable({
  rows,
  columns,
  labels,
  rowKey,
  testId,
}: {
  rows: Row[];
  columns?: TableColumnsType<Row>;
  labels?: Record<string, string>;
  rowKey?: string;
  testId?: string;
}) {
  const keys = columns ? [] : Array.from(new Set(rows.flatMap((row) => Object.keys(row)))).filter((k) => k !== 'id');
  const derived: TableColumnsType<Row> = keys.map((key) => ({
    key,
    dataIndex: key,
    title: labels?.[key] ?? key,
    render: (value: unknown) => formatValue(value),
  }));
  return (
    <Table<Row>
      size="small"
      rowKey={(row) => String(row[rowKey ?? 'id'] ?? JSON.stringify(row))}
      dataSource={rows}
      columns={columns ?? derived}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
    />
  );
}
