import { Card, Flex, InputNumber, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { ActionButton, type ActionField } from '@/components/ActionForm';
import { PersonName, RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { pickLanguage } from '@/components/payslip-words';
import { QueryState } from '@/components/QueryState';
import { isAvailable } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { useRegionIndex } from '@/lib/lookups';
import { FIGURE_KINDS, FIGURE_STATUSES, formatDateTime, labelOf, optionsOf } from '@/lib/vocab';
import { useAddFigure, type FigureIn } from '../api/add-figure';
import { figuresAvailable, useFigures, type Figure } from '../api/get-figures';

// Who may add a figure version (payroll's duty reference_figure.add).
const ADDERS = ['provincial_admin', 'city_officer'];

/** A rate (0.1200) as a percentage, an amount as yuan. */
export function figureValue(kind: string, value: string): string {
  if (kind !== 'housing_fund_rate') return formatMoney(value);
  // Moved two places as text: figures are never computed with floats.
  const [whole, fraction = ''] = value.split('.');
  const digits = `${fraction}0000`;
  return `${Number(`${whole}${digits.slice(0, 2)}`)}.${digits.slice(2, 4)}%`;
}

/**
 * The wage figures pay policy refers to (average wage, disposable income, contribution base limits, the
 * housing-fund rate), each a version by region, year and publication date; provincial admins and city officers
 * add a provisional or official version inside their jurisdiction.
 */
export function ReferenceFiguresPage() {
  const t = useT();
  const { lang } = useLang();
  const session = useSession();
  const [year, setYear] = useState<number>();
  const [kind, setKind] = useState<string>();
  const figures = useFigures({ year });
  const regions = useRegionIndex();
  const add = useAddFigure();
  const mayAdd = Boolean(session && ADDERS.includes(session.role)) && isAvailable('payroll', 'POST', '/v1/reference-figures');
  // Figures are set for provinces, cities and counties: the regions of the jurisdiction down to counties.
  const regionOptions = [...(regions.data?.values() ?? [])]
    .filter((r) => r.code.length <= 6)
    .map((r) => ({ value: r.code, label: r.name }));
  const fields: ActionField[] = [
    { name: 'region_code', label: t('地区', 'Region'), kind: 'select', required: true, options: regionOptions, initial: session?.jurisdiction },
    { name: 'year', label: t('年度', 'Year'), kind: 'number', required: true, min: 2000, max: 2100, initial: new Date().getFullYear() - 1 },
    { name: 'kind', label: t('项目', 'Figure'), kind: 'select', required: true, options: optionsOf(FIGURE_KINDS, lang) },
    {
      name: 'value',
      label: t('数值', 'Value'),
      kind: 'number',
      required: true,
      min: 0,
      step: 0.01,
      extra: t('金额以元为单位；住房公积金缴存比例填小数，如 0.12 即 12%', 'Amounts in yuan; the housing-fund rate as a fraction, 0.12 for 12%'),
    },
    { name: 'status', label: t('状态', 'Status'), kind: 'select', required: true, options: optionsOf(FIGURE_STATUSES, lang), initial: 'provisional' },
    { name: 'published_on', label: t('公布日期', 'Published on'), kind: 'date', required: true },
    { name: 'source', label: t('来源', 'Source'), kind: 'textarea' },
  ];
  const submit = (values: Record<string, unknown>) => {
    const code = String(values.region_code);
    const body = {
      ...values,
      region_name: regions.data?.get(code)?.name ?? '',
      value: String(values.value),
      source: (values.source as string | null) ?? '',
    } as FigureIn;
    return add.mutateAsync(body);
  };

  return (
    <>
      <PageTitle
        title={t('工资参考数据', 'Reference figures')}
        extra={
          mayAdd && (
            <ActionButton label={t('新增数据版本', 'Add a figure version')} title={t('新增数据版本', 'Add a figure version')} fields={fields} onSubmit={submit} buttonProps={{ type: 'primary', size: 'middle' }} testId="add-figure" />
          )
        }
      />
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <InputNumber placeholder={t('年度', 'Year')} min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? undefined)} aria-label={t('年度', 'Year')} />
          <Select allowClear placeholder={t('项目', 'Figure')} style={{ width: 220 }} value={kind} onChange={setKind} options={optionsOf(FIGURE_KINDS, lang)} aria-label={t('项目', 'Figure')} />
        </Flex>
        <QueryState query={figures} available={figuresAvailable()} what={t('工资参考数据', 'reference figures')} isEmpty={(rows) => rows.length === 0}>
          {(rows) => (
            <Table<Figure>
              size="small"
              rowKey="id"
              data-testid="figures-table"
              dataSource={kind ? rows.filter((r) => r.kind === kind) : rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('地区', 'Region'), dataIndex: 'region_code', render: (code: string, row) => <RegionName code={code} name={row.region_name || null} /> },
                { title: t('年度', 'Year'), dataIndex: 'year' },
                { title: t('项目', 'Figure'), dataIndex: 'kind', render: (v: string) => labelOf(FIGURE_KINDS, v, lang) },
                { title: t('数值', 'Value'), dataIndex: 'value', align: 'right', render: (v: string, row) => figureValue(row.kind, v) },
                { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'official' ? 'green' : 'orange'}>{labelOf(FIGURE_STATUSES, v, lang)}</Tag> },
                { title: t('公布日期', 'Published on'), dataIndex: 'published_on' },
                { title: t('来源', 'Source'), dataIndex: 'source', render: (v: string) => (v ? pickLanguage(v, lang) : '—') },
                { title: t('录入人', 'Entered by'), dataIndex: 'created_by', render: (v: string) => <PersonName subject={v} /> },
                { title: t('录入时间', 'Entered at'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
