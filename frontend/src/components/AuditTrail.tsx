import { Table, Tooltip, Typography } from 'antd';
import type { components } from '@/api/types/registry';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { useWorkerNames } from '@/lib/lookups';
import { AUDIT_ACTIONS, describe, ENTITIES, FIELDS, formatDateTime, labelOf } from '@/lib/vocab';
import { PersonName, RegionName, WorkerName, WorkerNamesContext } from './Names';

export type AuditEntry = components['schemas']['AuditEntry'];

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
// A value longer than this is cut in the table (the whole text on hover), so one entry never widens the page.
const LONG = 120;
const WORKER_FIELDS = new Set(['worker_id', 'hired_worker_id']);

/** The fields that differ between before and after (every field of a creation or a removal). */
export function changedFields(before: unknown, after: unknown): Change[] {
  const b = before && typeof before === 'object' && !Array.isArray(before) ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' && !Array.isArray(after) ? (after as Record<string, unknown>) : {};
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)]));
  return keys.filter((key) => key !== 'id' && !same(b[key], a[key])).map((field) => ({ field, before: b[field], after: a[field] }));
}

/** The workers an entry names: the one it concerns and any worker id in its before/after. */
export function workerIds(entries: AuditEntry[]): string[] {
  const ids: string[] = [];
  for (const entry of entries) {
    if (entry.worker_id) ids.push(entry.worker_id);
    for (const side of [entry.before, entry.after]) {
      if (!side || typeof side !== 'object' || Array.isArray(side)) continue;
      for (const field of WORKER_FIELDS) {
        const value = (side as Record<string, unknown>)[field];
        if (typeof value === 'string') ids.push(value);
      }
    }
  }
  return ids;
}

/** A nested value in words: its keys labelled, codes described (a secondment's approval: 审核：区民政局（文号）). */
function nestedText(value: unknown, lang: 'zh' | 'en'): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? (lang === 'en' ? 'yes' : '是') : lang === 'en' ? 'no' : '否';
  if (typeof value === 'string') return describe(value, lang);
  if (Array.isArray(value)) return value.map((item) => nestedText(item, lang)).join(lang === 'en' ? '; ' : '；');
  if (typeof value === 'object' && 'step' in value && 'body' in value) {
    // One approval step of a secondment: 批准：兴庆区委社会工作部（兴社工〔2025〕3号）.
    const { step, body, reference } = value as { step: string; body: string; reference?: string | null };
    return `${describe(step, lang)}${lang === 'en' ? ': ' : '：'}${body}${reference ? (lang === 'en' ? ` (${reference})` : `（${reference}）`) : ''}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== null && inner !== undefined && inner !== '');
    return entries.map(([key, inner]) => `${labelOf(FIELDS, key, lang)}${lang === 'en' ? ': ' : '：'}${nestedText(inner, lang)}`).join(lang === 'en' ? ', ' : '，');
  }
  return String(value);
}

function Long({ text }: { text: string }) {
  if (text.length <= LONG) return <>{text}</>;
  return (
    <Tooltip title={text}>
      <span>{`${text.slice(0, LONG)}…`}</span>
    </Tooltip>
  );
}

function Value({ field, value }: { field: string; value: unknown }) {
  const { lang } = useLang();
  const t = useT();
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'boolean') return <>{value ? t('是', 'yes') : t('否', 'no')}</>;
  if (WORKER_FIELDS.has(field) && typeof value === 'string') return <WorkerName id={value} />;
  if ((field.endsWith('_code') || field.endsWith('_prefix')) && typeof value === 'string') return <RegionName code={value} />;
  if ((field.endsWith('_by') || field === 'actor') && typeof value === 'string') return <PersonName subject={value} />;
  if (field.endsWith('_at') && typeof value === 'string') return <>{formatDateTime(value)}</>;
  if (field.endsWith('_total') || field === 'amount') return <>{formatMoney(value as string)}</>;
  if (typeof value === 'string') return <Long text={describe(value, lang)} />;
  if (typeof value === 'number') return <>{value}</>;
  return <Long text={nestedText(value, lang)} />;
}

/** What changed: one line per changed field, labelled, before → after. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { lang } = useLang();
  const t = useT();
  const changes = changedFields(before, after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('无字段变化', 'No field changed')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16, whiteSpace: 'normal', overflowWrap: 'anywhere' }} data-testid="audit-diff">
      {changes.map((change) => (
        <li key={change.field}>
          <Tooltip title={change.field}>
            <Typography.Text strong>{labelOf(FIELDS, change.field, lang)}</Typography.Text>
          </Tooltip>
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

/** Audit entries: when, who, what, about whom, where, why, and what changed. */
export function AuditTable({
  entries,
  testId,
  pagination,
  showWorker = true,
}: {
  entries: AuditEntry[];
  testId?: string;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (page: number, size: number) => void };
  /** The worker each entry concerns (a worker's own trail leaves it out: it is theirs). */
  showWorker?: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  // The page's workers by name, in one request for all rows.
  const names = useWorkerNames(workerIds(entries));
  const known = names.data ?? (names.isLoading ? undefined : new Map());
  return (
    <WorkerNamesContext.Provider value={known}>
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        dataSource={entries}
        data-testid={testId}
        tableLayout="fixed"
        scroll={{ x: 1050 }}
        pagination={pagination ?? false}
        columns={[
          { title: t('时间', 'When'), dataIndex: 'at', render: (v: string) => formatDateTime(v), width: 130 },
          { title: t('操作人', 'Who'), dataIndex: 'actor', width: 130, render: (v: string, row) => <PersonName subject={v} role={row.actor_role} name={row.actor_name} /> },
          { title: t('操作', 'What'), dataIndex: 'action', width: 100, render: (v: string) => labelOf(AUDIT_ACTIONS, v, lang) },
          { title: t('对象', 'Record'), dataIndex: 'entity', width: 90, render: (v: string) => labelOf(ENTITIES, v, lang) },
          ...(showWorker ? [{ title: t('人员', 'Worker'), dataIndex: 'worker_id', width: 90, render: (v: string | null) => <WorkerName id={v} /> }] : []),
          { title: t('区划', 'Region'), dataIndex: 'region_code', width: 110, render: (v: string | null, row) => <RegionName code={v} name={row.region_name} /> },
          { title: t('原因', 'Reason'), dataIndex: 'reason', width: 120, render: (v: string | null) => (v ? <Long text={v} /> : '—') },
          { title: t('变更内容', 'Changes'), render: (_, row) => <AuditDiff before={row.before} after={row.after} /> },
        ]}
      />
    </WorkerNamesContext.Provider>
  );
}
