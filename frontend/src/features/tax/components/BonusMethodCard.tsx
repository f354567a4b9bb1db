import { Alert, Button, Card, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/lib/i18n';
import type { BonusElection, BonusMethod } from '../api/types';
import { bonusMethodState, bracketRows, METHOD_LABELS } from './bonus-method';

/** 全年一次性奖金计税方式 of one worker and tax year: the method (并入综合所得 / 单独计税), the rule of the year and,
 * where the reader may change it, a save button. `onSave` is the officer's or the worker's own call. */
export function BonusMethodCard({
  election,
  readOnly = false,
  onSave,
}: {
  election: BonusElection;
  readOnly?: boolean;
  onSave: (method: BonusMethod) => Promise<unknown>;
}) {
  const t = useT();
  const [method, setMethod] = useState<BonusMethod>(election.method);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setMethod(election.method), [election.method, election.tax_year, election.worker_id]);
  const state = bonusMethodState(election, readOnly, t);
  const label = (m: BonusMethod) => t(...METHOD_LABELS[m]);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await onSave(method);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t(`${election.tax_year} 年全年一次性奖金计税方式`, `${election.tax_year} year-end bonus: how it is taxed`)} data-testid="bonus-method">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text data-testid="bonus-method-current">
          {t('当前：', 'Now: ')}
          {label(election.method)}
          {!election.recorded && t('（未选择，默认）', ' (nothing chosen: the default)')}
        </Typography.Text>
        <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as BonusMethod)} disabled={!state.editable}>
          <Radio value="combined">{label('combined')}</Radio>
          <Radio value="separate" disabled={!state.separateAllowed}>
            {label('separate')}
          </Radio>
        </Radio.Group>
        {state.reason && <Typography.Text type="secondary" data-testid="bonus-method-reason">{state.reason}</Typography.Text>}
        {election.rule ? (
          <Alert
            type="info"
            data-testid="bonus-method-rule"
            title={t(
              `单独计税：奖金 ÷ 12 按月度税率表确定税率和速算扣除数，税额 = 奖金 × 税率 − 速算扣除数；每年只能采用一次，执行至 ${election.rule.last_year} 年底`,
              `Separately: bonus ÷ 12 picks the rate and quick deduction of the monthly table; tax = bonus × rate − quick deduction; once a year, through ${election.rule.last_year}`,
            )}
            description={
              <>
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {bracketRows(election.rule, t).map((row) => (
                    <li key={row}>{row}</li>
                  ))}
                </ul>
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  {election.rule.clause}
                </Typography.Paragraph>
              </>
            }
          />
        ) : (
          <Typography.Text type="secondary">{t('并入综合所得：与当月工资一起按累计预扣法计税。', 'Combined: taxed with the wages by cumulative withholding.')}</Typography.Text>
        )}
        {state.editable && (
          <Button type="primary" onClick={save} loading={saving} disabled={method === election.method && election.recorded} data-testid="save-bonus-method">
            {t('保存计税方式', 'Save the method')}
          </Button>
        )}
        <ProblemAlert error={error} />
      </Space>
    </Card>
  );
}
