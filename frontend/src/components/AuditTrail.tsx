import { Table, Tooltip, Typography } from 'antd';
import { useContext } from 'react';
import type { components } from '@/api/types/registry';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { KnownPeopleContext, type KnownPerson, useWorkerNames, type WorkerSummary } from '@/lib/lookups';
import { termBasisText } from '@/lib/rule-words';
import { AUDIT_ACTIONS, describe, ENTITIES, fieldLabel, formatDateTime, labelOf } from '@/lib/vocab';
import { PersonName, RegionName, WorkerName, WorkerNamesContext } from './Names';
import { pickLanguage } from './payslip-words';

export type AuditEntry = components['schemas']['AuditEntry'];

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

type Lang = 'zh' | 'en';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
/** Nothing to show: no value, an empty text, an empty list or an empty object. */
const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(isEmpty(a) ? null : a) === JSON.stringify(isEmpty(b) ? null : b);
// A value longer than this is cut in the table (the whole text on hover), so one entry never widens the page.
const LONG = 120;
const WORKER_FIELDS = new Set(['worker_id', 'hired_worker_id']);
// Lists of worker ids (the workers a cycle listed).
const WORKER_LISTS = new Set(['added']);
// Amounts that are not named *_total.
const MONEY_FIELDS = new Set(['amount', 'total', 'owed_back']);
const isMoney = (field: string, value: unknown) =>
  (field.endsWith('_total') || MONEY_FIELDS.has(field)) && (typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)));
/** Another record's id (a cycle's, an assessment's): the entry's 对象 column says what it concerns; never shown raw. */
const isReference = (field: string, value: unknown) =>
  field === 'id' || (field.endsWith('_id') && !WORKER_FIELDS.has(field) && (isEmpty(value) || (typeof value === 'string' && UUID.test(value))));

/** The fields that differ between before and after (every field of a creation or a removal); empty lists are not shown. */
export function changedFields(before: unknown, after: unknown): Change[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)]));
  return keys
    .filter((key) => !same(b[key], a[key]) && !(isReference(key, b[key]) && isReference(key, a[key])))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

/** Worker ids in a value: under a worker field, in a list of workers, in nested records (a cycle's skipped workers). */
function collectWorkers(value: unknown, field: string | null, into: string[]) {
  if (typeof value === 'string') {
    if (field && WORKER_FIELDS.has(field) && UUID.test(value)) into.push(value);
  } else if (Array.isArray(value)) {
    const inner = field && WORKER_LISTS.has(field) ? 'worker_id' : field;
    for (const item of value) collectWorkers(item, inner, into);
  } else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) collectWorkers(inner, key, into);
  }
}

/** The workers an entry names: the one it concerns and any worker id in its before/after, nested ones too. */
export function workerIds(entries: AuditEntry[]): string[] {
  const ids: string[] = [];
  for (const entry of entries) {
    if (entry.worker_id) ids.push(entry.worker_id);
    collectWorkers(entry.before, null, ids);
    collectWorkers(entry.after, null, ids);
  }
  return ids;
}

/** The people the entries name: each actor with the name and role recorded when they acted, by account id. */
export function knownPeople(entries: AuditEntry[]): Map<string, KnownPerson> {
  const people = new Map<string, KnownPerson>();
  for (const entry of entries) {
    if (entry.actor_name && !people.has(entry.actor)) people.set(entry.actor, { name: entry.actor_name, role: entry.actor_role });
  }
  return people;
}

/** What a nested value's words need: the language, the entry's entity and the workers looked up by id. */
interface Words {
  lang: Lang;
  entity: string;
  workers: Map<string, WorkerSummary> | undefined;
}

/** A worker by name; one not (yet) known never by id. */
function workerText(id: string, words: Words): string {
  const name = words.workers?.get(id)?.name;
  if (name) return name;
  if (words.workers === undefined) return '…';
  return words.lang === 'en' ? '(outside your jurisdiction)' : '（辖区外人员）';
}

/**
 * A nested value in words: its keys labelled, codes in their field's own list, workers by name, empty parts left
 * out (a secondment's approval: 审核：区民政局（文号）; a cycle's skipped worker: 陆磊（年底前已离岗））.
 */
export function nestedText(value: unknown, field: string, words: Words): string {
  const { lang, entity } = words;
  const colon = lang === 'en' ? ': ' : '：';
  if (isEmpty(value)) return '—';
  if (typeof value === 'boolean') return value ? (lang === 'en' ? 'yes' : '是') : lang === 'en' ? 'no' : '否';
  if (typeof value === 'string') {
    if (WORKER_FIELDS.has(field) && UUID.test(value)) return workerText(value, words);
    return describe(value, lang, { entity, field });
  }
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string' && UUID.test(item))) {
      // Workers by name, with how many; other records' ids only counted.
      if (!WORKER_LISTS.has(field)) return lang === 'en' ? `${value.length} records` : `${value.length} 条`;
      const names = (value as string[]).map((id) => workerText(id, words)).join(lang === 'en' ? ', ' : '、');
      return lang === 'en' ? `${value.length}: ${names}` : `${value.length} 人：${names}`;
    }
    return value.filter((item) => !isEmpty(item)).map((item) => nestedText(item, field, words)).join(lang === 'en' ? '; ' : '；');
  }
  if (isObject(value) && 'step' in value && 'body' in value) {
    // One approval step of a secondment: 批准：兴庆区委社会工作部（兴社工〔2025〕3号）.
    const { step, body, reference } = value as { step: string; body: string; reference?: string | null };
    return `${describe(step, lang, { entity, field: 'step' })}${colon}${body}${reference ? (lang === 'en' ? ` (${reference})` : `（${reference}）`) : ''}`;
  }
  if (isObject(value) && 'worker_id' in value && 'reason' in value && Object.keys(value).length === 2) {
    // A worker left out, and why: 陆磊（年底前已离岗）.
    const reason = describe(String(value.reason ?? ''), lang, { entity, field: 'reason' });
    if (typeof value.worker_id !== 'string') return reason;
    return `${workerText(value.worker_id, words)}${lang === 'en' ? ` (${reason})` : `（${reason}）`}`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([key, inner]) => !isEmpty(inner) && !isReference(key, inner));
    return entries.map(([key, inner]) => `${fieldLabel(entity, key, lang)}${colon}${nestedText(inner, key, words)}`).join(lang === 'en' ? ', ' : '，');
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

function Value({ field, value, entity }: { field: string; value: unknown; entity: string }) {
  const { lang } = useLang();
  const t = useT();
  const workers = useContext(WorkerNamesContext);
  const people = useContext(KnownPeopleContext);
  if (isEmpty(value)) return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'boolean') return <>{value ? t('是', 'yes') : t('否', 'no')}</>;
  if (WORKER_FIELDS.has(field) && typeof value === 'string') return <WorkerName id={value} />;
  if ((field.endsWith('_code') || field.endsWith('_prefix')) && typeof value === 'string') return <RegionName code={value} />;
  if ((field.endsWith('_by') || field === 'actor') && typeof value === 'string') {
    // The entries' own names (an approver is the entry's actor); no account is looked up for one they do not name.
    const known = people?.get(value);
    return <PersonName subject={value} name={known?.name} role={known?.role} />;
  }
  if (field.endsWith('_at') && typeof value === 'string') return <>{formatDateTime(value)}</>;
  if (field.endsWith('sha256') && typeof value === 'string') {
    // A file's checksum: compared, not read (the whole on hover).
    return (
      <Tooltip title={value}>
        <Typography.Text code>{`${value.slice(0, 12)}…`}</Typography.Text>
      </Tooltip>
    );
  }
  if (isMoney(field, value)) return <>{formatMoney(value as string)}</>;
  if (field === 'term_basis' && typeof value === 'string') return <Long text={termBasisText(value, lang)} />;
  if (typeof value === 'string') return <Long text={describe(value, lang, { entity, field })} />;
  if (typeof value === 'number') return <>{value}</>;
  return <Long text={nestedText(value, field, { lang, entity, workers })} />;
}

/** What changed: one line per changed field, labelled, before → after. */
export function AuditDiff({ before, after, entity = '' }: { before: unknown; after: unknown; entity?: string }) {
  const { lang } = useLang();
  const t = useT();
  const changes = changedFields(before, after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('无字段变化', 'No field changed')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16, whiteSpace: 'normal', overflowWrap: 'anywhere' }} data-testid="audit-diff">
      {changes.map((change) => (
        <li key={change.field}>
          <Tooltip title={change.field}>
            <Typography.Text strong>{fieldLabel(entity, change.field, lang)}</Typography.Text>
          </Tooltip>
          {'：'}
          {isObject(before) && change.field in before && (
            <>
              <Typography.Text delete type="secondary">
                <Value field={change.field} value={change.before} entity={entity} />
              </Typography.Text>
              {' → '}
            </>
          )}
          <Value field={change.field} value={change.after} entity={entity} />
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
  const people = knownPeople(entries);
  return (
    <KnownPeopleContext.Provider value={people}>
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
            { title: t('操作人', 'Who'), dataIndex: 'actor', width: 130, render: (v: string, row) => <PersonName subject={v} role={row.actor_role} name={row.actor_name ?? people.get(v)?.name} /> },
            { title: t('操作', 'What'), dataIndex: 'action', width: 100, render: (v: string) => labelOf(AUDIT_ACTIONS, v, lang) },
            { title: t('对象', 'Record'), dataIndex: 'entity', width: 90, render: (v: string) => labelOf(ENTITIES, v, lang) },
            ...(showWorker ? [{ title: t('人员', 'Worker'), dataIndex: 'worker_id', width: 90, render: (v: string | null) => <WorkerName id={v} /> }] : []),
            { title: t('区划', 'Region'), dataIndex: 'region_code', width: 110, render: (v: string | null, row) => <RegionName code={v} name={row.region_name} /> },
            // A reason a service or the demo seed wrote in both languages ("中文 / English"): the reader's side.
            { title: t('原因', 'Reason'), dataIndex: 'reason', width: 120, render: (v: string | null) => (v ? <Long text={pickLanguage(v, lang)} /> : '—') },
            { title: t('变更内容', 'Changes'), render: (_, row) => <AuditDiff before={row.before} after={row.after} entity={row.entity} /> },
          ]}
        />
      </WorkerNamesContext.Provider>
    </KnownPeopleContext.Provider>
  );
}
