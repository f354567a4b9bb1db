import { Form, Input, InputNumber, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';

export type Doc = Record<string, unknown>;
type Path = (string | number)[];

export function getIn(doc: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined), doc);
}

/** A copy of `doc` with `value` at `path` (objects created on the way). */
export function setIn(doc: Doc, path: Path, value: unknown): Doc {
  const copy: Doc = structuredClone(doc);
  let node: Record<string | number, unknown> = copy;
  path.slice(0, -1).forEach((key) => {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  });
  node[path[path.length - 1]] = value;
  return copy;
}

/** Every leaf of a document as "a.b.c" → value (arrays by index). */
export function flatten(value: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (value && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    if (entries.length === 0) out.set(prefix, value);
    entries.forEach(([key, item]) => flatten(item, prefix ? `${prefix}.${key}` : key, out));
  } else {
    out.set(prefix, value);
  }
  return out;
}

export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

/** What this version changes against the one in force, leaf by leaf. */
export function diffDocuments(before: unknown, after: unknown): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const paths = Array.from(new Set([...a.keys(), ...b.keys()])).sort();
  return paths.filter((path) => JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path))).map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}

const show = (value: unknown) => (value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The changes against the version in force: path, value in force, value here. */
export function SchemeDiff({ baseline, doc }: { baseline: Doc | null; doc: Doc }) {
  const t = useT();
  if (!baseline) return <Typography.Paragraph type="secondary">{t('没有生效中的版本可供比较。', 'No version in force to compare with.')}</Typography.Paragraph>;
  const changes = diffDocuments(baseline, doc);
  return (
    <Table<Change>
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={changes}
      data-testid="scheme-diff"
      locale={{ emptyText: t('与生效版本相同', 'Same as the version in force') }}
      columns={[
        { title: t('位置', 'Where'), dataIndex: 'path', render: (v: string) => <code>{v}</code> },
        { title: t('生效版本', 'In force'), dataIndex: 'before', render: (v: unknown) => <code>{show(v)}</code> },
        { title: t('本版本', 'This version'), dataIndex: 'after', render: (v: unknown) => <Typography.Text mark><code>{show(v)}</code></Typography.Text> },
      ]}
    />
  );
}

interface Post {
  label_zh?: string;
  label_en?: string;
  min_level?: number;
  max_level?: number;
}

/**
 * The scheme as a form: posts and their level ranges, the grade-pay table (posts × levels), the components,
 * the contribution and performance rates. Changed values are marked against the version in force; the API's
 * validation messages appear under the field they name (`document.<path>`).
 */
export function SchemeForm({ doc, baseline, editable, problems, onChange }: { doc: Doc; baseline: Doc | null; editable: boolean; problems: FieldProblem[]; onChange: (doc: Doc) => void }) {
  const t = useT();
  const { lang } = useLang();
  const problemAt = (path: Path) => {
    const key = ['document', ...path].join('.');
    const found = problems.filter((p) => p.field === key);
    return found.length ? found.map((p) => (lang === 'en' ? p.message_en : p.message_zh)).join('；') : undefined;
  };
  const changed = (path: Path) => baseline !== null && JSON.stringify(getIn(baseline, path)) !== JSON.stringify(getIn(doc, path));
  const update = (path: Path, value: unknown) => onChange(setIn(doc, path, value));

  /** A money or rate kept as a decimal string by the API. */
  const decimal = (path: Path, label: ReactNode, width = 110) => {
    const help = problemAt(path);
    const value = getIn(doc, path);
    return (
      <Form.Item key={path.join('.')} label={label} validateStatus={help ? 'error' : undefined} help={help} style={{ marginBottom: 8 }} data-field={path.join('.')}>
        <Input
          size="small"
          style={{ width, background: changed(path) ? '#fffbe6' : undefined }}
          value={value === undefined || value === null ? '' : String(value)}
          disabled={!editable}
          aria-label={path.join('.')}
          onChange={(event) => update(path, event.target.value)}
        />
      </Form.Item>
    );
  };

  // A document the API will refuse may hold anything: the form shows only what has the expected shape.
  const object = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
  const posts = Object.fromEntries(Object.entries(object(getIn(doc, ['posts']))).filter(([, post]) => post && typeof post === 'object')) as Record<string, Post>;
  const amounts = object(getIn(doc, ['tables', 'grade_pay', 'amounts'])) as Record<string, Record<string, string>>;
  const maxLevel = Math.max(0, ...Object.values(posts).map((p) => p.max_level ?? 0));
  const levels = Array.from({ length: maxLevel }, (_, i) => i + 1);
  const listed = getIn(doc, ['components']);
  const components = (Array.isArray(listed) ? listed.filter((item) => item && typeof item === 'object') : []) as Record<string, unknown>[];
  const rates: [Path, string, string][] = [
    [['social_insurance', 'employee', 'pension'], '个人养老', 'Employee pension'],
    [['social_insurance', 'employee', 'medical'], '个人医疗', 'Employee medical'],
    [['social_insurance', 'employee', 'unemployment'], '个人失业', 'Employee unemployment'],
    [['social_insurance', 'employer', 'pension'], '单位养老', 'Employer pension'],
    [['social_insurance', 'employer', 'medical'], '单位医疗', 'Employer medical'],
    [['social_insurance', 'employer', 'unemployment'], '单位失业', 'Employer unemployment'],
    [['social_insurance', 'employer', 'injury'], '单位工伤', 'Employer injury'],
    [['housing_fund', 'default_rate'], '住房公积金比例', 'Housing fund rate'],
    [['performance', 'share'], '绩效薪酬占比', 'Performance share'],
  ];

  return (
    <Form layout="inline" component="div" data-testid="scheme-form">
      <div style={{ width: '100%' }}>
        <Typography.Title level={5}>{t('岗位与等级范围', 'Posts and level ranges')}</Typography.Title>
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={Object.entries(posts).map(([code, post]) => ({ code, ...post }))}
          data-testid="scheme-posts"
          columns={[
            { title: t('岗位', 'Post'), render: (_, row: Post & { code: string }) => (lang === 'en' ? row.label_en : row.label_zh) },
            {
              title: t('最低等级', 'Lowest level'),
              render: (_, row: Post & { code: string }) => (
                <InputNumber size="small" min={1} max={99} value={row.min_level} disabled={!editable} aria-label={`posts.${row.code}.min_level`} onChange={(v) => update(['posts', row.code, 'min_level'], v)} />
              ),
            },
            {
              title: t('最高等级', 'Highest level'),
              render: (_, row: Post & { code: string }) => (
                <InputNumber size="small" min={1} max={99} value={row.max_level} disabled={!editable} aria-label={`posts.${row.code}.max_level`} onChange={(v) => update(['posts', row.code, 'max_level'], v)} />
              ),
            },
          ]}
        />

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('岗位等级薪酬表（元/月，岗位 × 等级）', 'Grade pay (yuan a month, posts × levels)')}
        </Typography.Title>
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={Object.keys(posts).map((code) => ({ code }))}
          data-testid="scheme-grade-pay"
          columns={[
            { title: t('岗位', 'Post'), fixed: 'left', render: (_, row: { code: string }) => (lang === 'en' ? posts[row.code].label_en : posts[row.code].label_zh) },
            ...levels.map((level) => ({
              title: t(`${level}级`, `L${level}`),
              key: String(level),
              render: (_: unknown, row: { code: string }) => {
                const post = posts[row.code];
                if (level < (post.min_level ?? 1) || level > (post.max_level ?? 0)) return <Typography.Text type="secondary">—</Typography.Text>;
                const path = ['tables', 'grade_pay', 'amounts', row.code, String(level)];
                const help = problemAt(path);
                return (
                  <Form.Item validateStatus={help ? 'error' : undefined} help={help} style={{ margin: 0 }}>
                    <Input
                      size="small"
                      style={{ width: 78, background: changed(path) ? '#fffbe6' : undefined }}
                      value={amounts[row.code]?.[String(level)] ?? ''}
                      disabled={!editable}
                      aria-label={path.join('.')}
                      onChange={(event) => update(path, event.target.value)}
                    />
                  </Form.Item>
                );
              },
            })),
          ]}
        />

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('薪酬构成', 'Components')}
        </Typography.Title>
        <Table
          size="small"
          rowKey={(row) => String(row.code)}
          pagination={false}
          dataSource={components}
          data-testid="scheme-components"
          columns={[
            { title: t('项目', 'Item'), render: (_, row) => String((lang === 'en' ? row.label_en : row.label_zh) ?? '') },
            {
              title: t('数值', 'Figures'),
              render: (_, row, index) => {
                const editableKeys = ['share', 'per_star', 'amount'].filter((key) => typeof row[key] === 'string');
                if (editableKeys.length === 0) return <Typography.Text type="secondary">{t('见原始数据', 'see JSON')}</Typography.Text>;
                return editableKeys.map((key) => decimal(['components', index, key], { share: t('比例', 'Share'), per_star: t('每星', 'Per star'), amount: t('金额', 'Amount') }[key], 90));
              },
            },
            { title: '', render: (_: unknown, _row: unknown, index: number) => (changed(['components', index]) ? <Tag color="gold">{t('已修改', 'Changed')}</Tag> : null) },
          ]}
        />

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('缴费比例与绩效', 'Contribution rates and performance')}
        </Typography.Title>
        <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }} data-testid="scheme-rates">
          {rates.filter(([path]) => getIn(doc, path) !== undefined).map(([path, zh, en]) => decimal(path, t(zh, en)))}
        </div>
      </div>
    </Form>
  );
}
