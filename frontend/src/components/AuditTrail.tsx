import { Table, Typography } from 'antd';
import type { components } from '@/api/types/registry';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { AUDIT_ACTIONS, describe, ENTITIES, FIELDS, formatDateTime, labelOf } from '@/lib/vocab';
import { PersonName, RegionName } from './Names';

export type AuditEntry = components['schemas']['AuditEntry'];

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields that differ between before and after (every field of a creation or a removal). */
export function changedFields(before: unknown, after: unknown): Change[] {
  const b = before && typeof before === 'object' && !Array.isArray(before) ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' && !Array.isArray(after) ? (after as Record<string, unknown>) : {};
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)]));
  return keys.filter((key) => key !== 'id' && !same(b[key], a[key])).map((field) => ({ field, before: b[field], after: a[field] }));
}

function Value({ field, value }: { field: string; value: unknown }) {
  const { lang } = useLang();
  const t = useT();
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'boolean') return <>{value ? t('是', 'yes') : t('否', 'no')}</>;
  if (field.endsWith('_code') && typeof value === 'string') return <RegionName code={value} />;
  if ((field.endsWith('_by') || field === 'actor') && typeof value === 'string') return <PersonName subject={value} />;
  if (field.endsWith('_at') && typeof value === 'string') return <>{formatDateTime(value)}</>;
  if (field.endsWith('_total') || field === 'amount') return <>{formatMoney(value as string)}</>;
  if (typeof value === 'string') return <>{describe(value, lang)}</>;
  if (typeof value === 'number') return <>{value}</>;
  if (Array.isArray(value)) return <>{value.map((item) => (typeof item === 'object' ? Object.values(item ?? {}).join(' ') : String(item))).join('；')}</>;
  return (
    <>
      {Object.entries(value as Record<string, unknown>)
        .map(([key, inner]) => `${labelOf(FIELDS, key, lang)}: ${typeof inner === 'object' ? JSON.stringify(inner) : String(inner)}`)
        .join('；')}
    </>
  );
}

/** What changed: one line per changed field, labelled, before → after. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { lang } = useLang();
  const t = useT();
  const changes = changedFields(before, after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('无字段变化', 'No field changed')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid="audit-diff">
      {changes.map((change) => (
        <li key={change.field}>
          <Typography.Text strong>{labelOf(FIELDS, change.field, lang)}</Typography.Text>
          {'：'}
          {before != null && (
            <>
              <Typography.Text delete type="secondary">
                <Value field={change.field} value={change.before} />
              </Typography.Text>
              {' → '}
            </>
          )}
          <Value field={change.field} value={change.after} />
        </li>
      ))}
    </ul>
  );
}

/** Audit entries: when, who, what, where, why, and what changed. */
export function AuditTable({
  entries,
  testId,
  pagination,
}: {
  entries: AuditEntry[];
  testId?: string;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (page: number, size: number) => void };
}) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Table<AuditEntry>
      size="small"
      rowKey="id"
      dataSource={entries}
      data-testid={testId}
      scroll={{ x: 'max-content' }}
      pagination={pagination ?? false}
      columns={[
        { title: t('时间', 'When'), dataIndex: 'at', render: (v: string) => formatDateTime(v), width: 140 },
        { title: t('操作人', 'Who'), dataIndex: 'actor', render: (v: string, row) => <PersonName subject={v} role={row.actor_role} name={row.actor_name} /> },
        { title: t('操作', 'What'), dataIndex: 'action', render: (v: string) => labelOf(AUDIT_ACTIONS, v, lang) },
        { title: t('对象', 'Record'), dataIndex: 'entity', render: (v: string) => labelOf(ENTITIES, v, lang) },
        { title: t('区划', 'Region'), dataIndex: 'region_code', render: (v: string | null, row) => <RegionName code={v} name={row.region_name} /> },
        { title: t('原因', 'Reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
        { title: t('变更内容', 'Changes'), render: (_, row) => <AuditDiff before={row.before} after={row.after} /> },
      ]}
    />
  );
}
