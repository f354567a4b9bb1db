import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, InputNumber, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { useT } from '@/lib/i18n';
import { useMyPayslips } from '@/lib/shared-reads';
import { myBonusMethodAvailable, useMyBonusMethod } from '../api/get-my-bonus-method';
import { myDeclarationsAvailable, useMyDeclarations } from '../api/get-my-declarations';
import { myTaxSummaryAvailable, useTaxSummary } from '../api/get-tax-summary';
import { taxRulesAvailable, useTaxRules } from '../api/get-tax-rules';
import { payslipPdfAvailable, useDownloadPayslipPdf } from '../api/download-payslip-pdf';
import { useSaveMyBonusMethod } from '../api/save-my-bonus-method';
import { useSaveMyDeclaration } from '../api/save-my-declaration';
import { useWithdrawMyDeclaration } from '../api/withdraw-my-declaration';
import { BonusMethodCard } from '../components/BonusMethodCard';
import { DeclarationButton } from '../components/DeclarationButton';
import { DeclarationsTable } from '../components/DeclarationsTable';
import { TaxSummaryView } from '../components/TaxSummaryView';

/** The worker's tax page (phone first): declare deductions, download payslip PDFs, the year's tax summary. */
export function MyTaxPage() {
  const t = useT();
  const [year, setYear] = useState(dayjs().year());
  // The PDF's month: the worker's choice, else the latest month that has a payslip (not a month that has none).
  const [chosen, setMonth] = useState<Dayjs | null>(null);
  const payslips = useMyPayslips();
  const paid = new Set((payslips.data ?? []).map((row) => row.month));
  const latest = [...paid].sort().at(-1);
  const month = chosen ?? (latest ? dayjs(`${latest}-01`) : null);
  const rules = useTaxRules(year);
  const declarations = useMyDeclarations(year);
  const save = useSaveMyDeclaration();
  const withdraw = useWithdrawMyDeclaration();
  const pdf = useDownloadPayslipPdf();
  const summary = useTaxSummary(year);
  const bonusMethod = useMyBonusMethod(year);
  const saveBonusMethod = useSaveMyBonusMethod();

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Link to="/me">{t('← 返回我的', '← Back')}</Link>
        <span>{t('纳税年度', 'Tax year')}</span>
        <InputNumber min={2019} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="tax-year" />
      </Space>

      <Card size="small" title={t('工资条下载（PDF）', 'Payslips as PDF')}>
        {payslipPdfAvailable() ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <DatePicker
                picker="month"
                value={month}
                onChange={(v) => v && setMonth(v)}
                allowClear={false}
                // Only the months with a payslip can be picked (every month while the list is not known).
                disabledDate={payslips.isSuccess ? (d) => !paid.has(d.format('YYYY-MM')) : undefined}
                aria-label={t('月份', 'Month')}
                data-testid="pdf-month"
              />
              <Button
                icon={<DownloadOutlined />}
                loading={pdf.isPending}
                disabled={!month}
                onClick={() => month && pdf.mutate({ month: month.format('YYYY-MM') })}
                data-testid="download-month-pdf"
              >
                {t('下载当月工资条', 'Download the month')}
              </Button>
            </Space>
            {payslips.isSuccess && paid.size === 0 && (
              <Typography.Text type="secondary" data-testid="no-payslips-yet">
                {t('还没有已审批的工资条：工资条在当月工资核算审批后才能下载。', 'No approved payslip yet: a payslip can be downloaded once the month’s payroll is approved.')}
              </Typography.Text>
            )}
            <Button icon={<DownloadOutlined />} loading={pdf.isPending} onClick={() => pdf.mutate({ year })} data-testid="download-year-pdf">
              {t(`下载 ${year} 年度工资明细`, `Download ${year}`)}
            </Button>
            <ProblemAlert error={pdf.error} />
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('暂未开放', 'Not available yet')}</Typography.Text>
        )}
      </Card>

      <Card size="small" title={t('个人所得税专项附加扣除', 'My income-tax deductions')}>
        <QueryState query={rules} available={taxRulesAvailable()} what={t('个税规则', 'tax rules')}>
          {(taxRules) => (
            <QueryState query={declarations} available={myDeclarationsAvailable()} what={t('我的申报', 'my declarations')}>
              {(rows) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <DeclarationButton
                    rules={taxRules}
                    year={year}
                    label={t('新增申报', 'Declare')}
                    testId="declare"
                    onSave={(body) => save.mutateAsync({ body })}
                  />
                  <DeclarationsTable
                    rows={rows}
                    rules={taxRules}
                    year={year}
                    onSave={(id, body) => save.mutateAsync({ id, body })}
                    onDelete={(id) => withdraw.mutateAsync(id)}
                  />
                  <Typography.Text type="secondary">
                    {t(`依据：${taxRules.name}。申报晚了也没关系，下次发工资时从1月起补扣。`, `Rules: ${taxRules.name}. A late declaration catches up from January in the next pay.`)}
                  </Typography.Text>
                </Space>
              )}
            </QueryState>
          )}
        </QueryState>
      </Card>

      <QueryState query={bonusMethod} available={myBonusMethodAvailable()} what={t('全年一次性奖金计税方式', 'year-end bonus method')}>
        {(election) => <BonusMethodCard election={election} onSave={(method) => saveBonusMethod.mutateAsync({ year, method })} />}
      </QueryState>

      <Card size="small" title={t(`${year} 年度预扣预缴汇总（供汇算清缴核对）`, `${year} withholding summary`)}>
        <QueryState query={summary} available={myTaxSummaryAvailable()} what={t('年度汇总', 'year summary')}>
          {(s) => <TaxSummaryView summary={s} />}
        </QueryState>
      </Card>
    </Space>
  );
}
