import { Button, Card, DatePicker, Form, Input, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { RegionName } from '@/components/Names';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { FISCAL_LEVELS, labelOf } from '@/lib/vocab';
import { useSimulateScheme } from '../api/simulate-scheme';
import type { Scheme, SimulationOut, SimulationSide } from '../api/types';

type Row = { key: string; label: string; current: string; draft: string; difference?: string };

function percent(ratio: string | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${(Number(ratio) * 100).toFixed(2)}%`;
}

/**
 * 成本测算: a draft's month for every worker of a region next to the version in force (nothing is saved). Like the
 * editor's 预览, it runs on the draft on screen: `stored` saves it first when it differs from the stored one and
 * names the document simulated; a result shows while that document is the one on screen (`shown`).
 */
export function SimulationCard({ scheme, shown, busy, stored }: { scheme: Scheme; shown: string | null; busy: boolean; stored: () => Promise<string | null> }) {
  const t = useT();
  const { lang } = useLang();
  const call = useSimulateScheme();
  const [simulated, setSimulated] = useState<{ of: string; result: SimulationOut } | null>(null);
  const result = simulated && simulated.of === shown ? simulated.result : null;
  const [form] = Form.useForm<{ month: Dayjs; region: string }>();
  const region = Form.useWatch('region', form);

  const rows = (r: SimulationOut): Row[] => {
    const money = (pick: (s: SimulationSide) => string, key: string, label: string, difference?: string): Row => ({
      key, label, current: formatMoney(pick(r.in_force)), draft: formatMoney(pick(r.draft)), difference: difference === undefined ? undefined : formatMoney(difference),
    });
    const levels = [...new Set([...Object.keys(r.in_force.funding), ...Object.keys(r.draft.funding)])];
    return [
      { key: 'scheme', label: t('方案', 'Scheme'), current: r.in_force.scheme_name, draft: r.draft.scheme_name },
      { key: 'payable', label: t('发放人数', 'Workers paid'), current: String(r.in_force.payable_workers), draft: String(r.draft.payable_workers) },
      money((s) => s.gross, 'gross', t('应发合计', 'Gross'), r.gross_difference),
      money((s) => s.employer_contributions, 'employer', t('单位缴纳五险一金', "Employer's contributions"), r.employer_contributions_difference),
      money((s) => s.total_cost, 'cost', t('总成本', 'Total cost'), r.total_cost_difference),
      ...levels.map((level) => ({
        key: `funding-${level}`, label: labelOf(FISCAL_LEVELS, level, lang),
        current: formatMoney(r.in_force.funding[level] ?? '0'), draft: formatMoney(r.draft.funding[level] ?? '0'),
        difference: formatMoney((Number(r.draft.funding[level] ?? 0) - Number(r.in_force.funding[level] ?? 0)).toFixed(2)),
      })),
      money((s) => s.average_gross, 'average', t('人均应发', 'Average gross')),
      { key: 'ratio', label: t('人均应发 ÷ 上年社平工资', 'Average gross ÷ average wage'), current: percent(r.in_force.average_wage_ratio), draft: percent(r.draft.average_wage_ratio) },
    ];
  };

  return (
    <Card size="small" style={{ marginTop: 16 }} title={t('成本测算：全地区按草稿与在用版本计算某月（不保存）', 'Cost simulation: a month for the whole region, draft against the version in force (nothing saved)')}>
      <Form
        form={form}
        layout="inline"
        initialValues={{ month: dayjs().subtract(1, 'month'), region: scheme.region_prefix }}
        onFinish={async (values) => {
          const of = await stored();
          if (of === null) return;
          call.mutate(
            { schemeId: scheme.id, body: { month: values.month.format('YYYY-MM'), region: values.region || null } },
            { onSuccess: (outcome) => setSimulated({ of, result: outcome }) },
          );
        }}
      >
        <Form.Item name="month" label={t('月份', 'Month')}>
          <DatePicker picker="month" allowClear={false} />
        </Form.Item>
        <Form.Item name="region" label={t('测算地区', 'Region')} extra={<RegionName code={region} />}>
          <Input style={{ width: 140 }} data-testid="simulation-region" />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={call.isPending} disabled={busy} data-testid="simulation-run">
          {t('测算', 'Simulate')}
        </Button>
      </Form>
      <ProblemAlert error={call.error} />
      {result && (
        <div data-testid="scheme-simulation" style={{ marginTop: 12 }}>
          <Typography.Paragraph>
            {t(
              `${result.workers} 人；增资 ${result.gainers} 人（合计 ${formatMoney(result.gains_total)}），减资 ${result.losers} 人（合计 ${formatMoney(result.losses_total)}），不变 ${result.unchanged} 人。上年社平工资（月）${formatMoney(result.average_wage_target)}。用时 ${result.seconds} 秒。`,
              `${result.workers} workers; ${result.gainers} gain (${formatMoney(result.gains_total)} in all), ${result.losers} lose (${formatMoney(result.losses_total)}), ${result.unchanged} unchanged. Average monthly wage ${formatMoney(result.average_wage_target)}. ${result.seconds} s.`,
            )}
          </Typography.Paragraph>
          <Table<Row>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={rows(result)}
            columns={[
              { title: t('项目', 'Item'), dataIndex: 'label' },
              { title: t('在用版本', 'In force'), dataIndex: 'current', align: 'right' },
              { title: t('草稿', 'Draft'), dataIndex: 'draft', align: 'right' },
              { title: t('差额', 'Difference'), dataIndex: 'difference', align: 'right', render: (v?: string) => v ?? '' },
            ]}
          />
        </div>
      )}
    </Card>
  );
}
