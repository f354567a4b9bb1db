import { Button, DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { RegionSelect, type RegionLevel } from '@/components/RegionSelect';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { useStartRun } from '../api/start-run';
import type { Run } from '../api/types';

interface Values {
  region_code: string;
  month: Dayjs;
  kind: 'monthly' | 'year_end' | 'retiree' | 'one-off';
}

// A run covers a province, city, county or township (RunStart.region_code), never a single community.
const RUN_LEVELS: readonly RegionLevel[] = ['province', 'city', 'county', 'township'];
const RUN_CODE_LENGTHS = [2, 4, 6, 9];

export function StartRunForm({ defaultRegion, onStarted }: { defaultRegion: string; onStarted: (run: Run) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const start = useStartRun();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  return (
    <Form
      form={form}
      layout="inline"
      style={{ rowGap: 8 }}
      initialValues={{ region_code: RUN_CODE_LENGTHS.includes(defaultRegion.length) ? defaultRegion : undefined, month: dayjs().startOf('month'), kind: 'monthly' }}
      onFinish={(values) => {
        setUnmatched([]);
        start.mutate(
          { region_code: values.region_code, month: values.month.format('YYYY-MM'), kind: values.kind },
          { onSuccess: onStarted, onError: (error) => setUnmatched(applyProblemToForm(form, error, lang, ['region_code', 'month', 'kind'])) },
        );
      }}
      data-testid="start-run-form"
    >
      {start.isError && <div style={{ width: '100%' }}><ProblemAlert error={start.error} extra={unmatched} /></div>}
      <Form.Item name="region_code" label={t('区划', 'Region')} rules={[{ required: true, message: t('请选择区划', 'Choose a region') }]}>
        <RegionSelect levels={RUN_LEVELS} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="month" label={t('月份', 'Month')} rules={[{ required: true, message: t('请选择月份', 'Pick a month') }]}>
        <DatePicker picker="month" allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'month')} />
      </Form.Item>
      <Form.Item name="kind">
        <Select
          style={{ width: 190 }}
          options={[
            { value: 'monthly', label: t('月度工资', 'Monthly pay') },
            { value: 'year_end', label: t('年终绩效', 'Year-end performance') },
            { value: 'retiree', label: t('离退休荣誉补贴', 'Retired honours subsidy') },
            { value: 'one-off', label: t('一次性项目（单独发放）', 'One-off items (on their own)') },
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={start.isPending}>
        {t('开始核算', 'Start the run')}
      </Button>
    </Form>
  );
}
