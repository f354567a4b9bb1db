import { PlusOutlined } from '@ant-design/icons';
import { App, Typography } from 'antd';
import dayjs from 'dayjs';
import { ActionButton } from '@/components/ActionForm';
import { useLang, useT } from '@/lib/i18n';
import { sourceText } from '@/lib/rule-words';
import { useOpenCycle, type CycleIn } from '../api/open-cycle';
import type { Cycle } from '../api/types';

type Plan = NonNullable<CycleIn['plan']>;

/**
 * The county opens its cycle for a year with its guidance plan: the plan of the county's latest cycle (or
 * the service's defaults) with the numbers a county sets — excellent quota, deadlines, notice days — editable.
 */
export function OpenCycleButton({ county, previous, onOpened }: { county: string; previous?: Cycle; onOpened: (cycle: Cycle) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const open = useOpenCycle();
  const plan = previous?.plan as Plan | undefined;
  const year = dayjs().year();
  return (
    <ActionButton
      label={t('开启考核周期', 'Open a cycle')}
      title={t('开启年度考核周期', 'Open an assessment cycle')}
      buttonProps={{ type: 'primary', icon: <PlusOutlined />, size: 'middle' }}
      testId="open-cycle"
      fields={[
        { name: 'year', label: t('考核年度', 'Year'), kind: 'number', required: true, initial: year, min: 2000, max: 2100 },
        { name: 'name', label: t('名称', 'Name'), initial: t(`${year}年度社区工作者考核`, `${year} community worker assessment`) },
        // Without an earlier plan the service's defaults apply whole: no numbers are offered that would not be sent.
        // An empty share means no cap (NX, IM), never 0 %.
        ...(plan
          ? [
              { name: 'excellent_quota_percent', label: t('优秀比例上限（%，留空为不设比例）', 'Excellent quota (%, empty: no cap)'), kind: 'number' as const, min: 0, max: 100, initial: plan.excellent_quota_percent == null ? undefined : Number(plan.excellent_quota_percent) },
              { name: 'proposal', label: t('建议截止（次年 月-日）', 'Proposals due (MM-DD next year)'), initial: plan.deadlines?.proposal ?? '01-15' },
              { name: 'decision', label: t('决定截止（次年 月-日）', 'Decisions due (MM-DD next year)'), initial: plan.deadlines?.decision ?? '01-31' },
              { name: 'notice_days', label: t('公示天数', 'Notice days'), kind: 'number' as const, min: 1, max: 30, initial: plan.deadlines?.notice_days ?? 5 },
            ]
          : []),
      ]}
      onSubmit={async (values) => {
        const body: CycleIn = { year: Number(values.year), county_code: county, name: (values.name as string) || null };
        if (plan) {
          body.plan = {
            ...plan,
            excellent_quota_percent: values.excellent_quota_percent == null || values.excellent_quota_percent === '' ? null : String(values.excellent_quota_percent),
            deadlines: { proposal: String(values.proposal), decision: String(values.decision), notice_days: Number(values.notice_days) },
          };
        }
        const cycle = await open.mutateAsync(body);
        message.success(t('考核周期已开启', 'Cycle opened'));
        onOpened(cycle);
      }}
    >
      <Typography.Paragraph type="secondary">
        {plan
          ? t(`考核方案沿用 ${previous?.year} 年度（${sourceText(plan.source, lang)}），可修改以下数字。`, `The plan follows ${previous?.year} (${plan.source ?? ''}); the numbers below can change.`)
          : t('采用考核方案的默认设置。', 'The default plan applies.')}
      </Typography.Paragraph>
    </ActionButton>
  );
}
