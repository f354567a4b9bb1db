import { Alert, Table, Typography } from 'antd';
import { QueryState } from '@/components/QueryState';
import { useLang, useT } from '@/lib/i18n';
import { schemaAvailable, useSchema, type JsonSchema } from '../api/get-schema';

// The document's top-level fields in words (payroll.policy.scheme.PayScheme).
const FIELD_WORDS: Record<string, [string, string]> = {
  name: ['方案名称', 'Name'],
  source: ['依据文件', 'Source texts'],
  posts: ['岗位与等级范围', 'Posts and level ranges'],
  tables: ['薪酬表（岗位 × 等级）', 'Pay tables (posts × levels)'],
  seniority: ['年限晋级规则', 'Seniority rules'],
  components: ['薪酬构成', 'Pay components'],
  performance: ['绩效薪酬', 'Performance pay'],
  employment: ['聘用、试用期与停发', 'Employment, probation and stopping pay'],
  social_insurance: ['社会保险', 'Social insurance'],
  housing_fund: ['住房公积金', 'Housing fund'],
  income_tax: ['个人所得税', 'Income tax'],
  pay_total: ['薪酬总额口径', 'What the pay total includes'],
  funding: ['财政分担', 'Fiscal shares'],
  pay_floor: ['保底标准', 'Pay floor'],
  notes: ['备注', 'Notes'],
};

const TYPE_WORDS: Record<string, [string, string]> = {
  string: ['文本', 'text'],
  object: ['对象', 'object'],
  array: ['列表', 'list'],
  number: ['数值', 'number'],
  integer: ['整数', 'integer'],
  boolean: ['是/否', 'yes/no'],
};

type Property = NonNullable<JsonSchema['properties']>[string];

function typeOf(property: Property): string | undefined {
  if (property.type) return property.type;
  if (property.$ref) return 'object';
  return property.anyOf?.map((p) => p.type ?? ((p as Property).$ref ? 'object' : undefined)).find((t) => t && t !== 'null');
}

/** What the schema says of a document's top level: required fields missing, fields the schema does not know. */
export function schemaProblems(schema: JsonSchema, doc: Record<string, unknown> | null): { missing: string[]; unknown: string[] } {
  if (!doc) return { missing: [], unknown: [] };
  const known = new Set(Object.keys(schema.properties ?? {}));
  return {
    missing: (schema.required ?? []).filter((key) => doc[key] === undefined),
    unknown: schema.additionalProperties === false ? Object.keys(doc).filter((key) => !known.has(key)) : [],
  };
}

/** The expert tab's guide: every top-level field of the scheme document (from the API's schema) and its check. */
export function SchemaOutline({ doc }: { doc: Record<string, unknown> | null }) {
  const t = useT();
  const { lang } = useLang();
  const schema = useSchema();
  const word = (key: string, words: Record<string, [string, string]>) => (words[key] ? words[key][lang === 'en' ? 1 : 0] : key);
  return (
    <QueryState query={schema} available={schemaAvailable()} what={t('方案结构', 'scheme structure')}>
      {(data) => {
        const { missing, unknown } = schemaProblems(data, doc);
        const required = new Set(data.required ?? []);
        return (
          <div data-testid="scheme-schema">
            {(missing.length > 0 || unknown.length > 0) && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 8 }}
                data-testid="scheme-schema-problems"
                title={t('与方案结构不符', 'Does not match the scheme structure')}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {missing.map((key) => (
                      <li key={`m-${key}`}>{t(`缺少必填字段「${word(key, FIELD_WORDS)}」`, `Required field missing: ${word(key, FIELD_WORDS)}`)} <Typography.Text code>{key}</Typography.Text></li>
                    ))}
                    {unknown.map((key) => (
                      <li key={`u-${key}`}>{t('方案结构中没有此字段', 'Not a field of the scheme')} <Typography.Text code>{key}</Typography.Text></li>
                    ))}
                  </ul>
                }
              />
            )}
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={Object.entries(data.properties ?? {}).map(([key, property]) => ({ key, property }))}
              columns={[
                { title: t('字段', 'Field'), dataIndex: 'key', render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
                { title: t('含义', 'Meaning'), dataIndex: 'key', render: (key: string) => word(key, FIELD_WORDS) },
                { title: t('类型', 'Type'), render: (_, row) => word(typeOf(row.property) ?? '', TYPE_WORDS) || '—' },
                { title: t('必填', 'Required'), dataIndex: 'key', render: (key: string) => (required.has(key) ? t('是', 'Yes') : t('否（有默认值）', 'No (has a default)')) },
              ]}
            />
          </div>
        );
      }}
    </QueryState>
  );
}
