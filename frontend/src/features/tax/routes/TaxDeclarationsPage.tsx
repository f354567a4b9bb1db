import { Card, Descriptions, Form, InputNumber, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { WorkerPicker } from '@/components/WorkerPicker';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useDeleteWorkerDeclaration } from '../api/delete-worker-declaration';
import { taxRulesAvailable, useTaxRules } from '../api/get-tax-rules';
import { useTaxSummary, workerTaxSummaryAvailable } from '../api/get-tax-summary';
import { useWorkerDeclarations, workerDeclarationsAvailable } from '../api/get-worker-declarations';
import { useSaveWorkerBonusMethod } from '../api/save-worker-bonus-method';
import { useSaveWorkerDeclaration } from '../api/save-worker-declaration';
import { useWorkerBonusMethod, workerBonusMethodAvailable } from '../api/get-worker-bonus-method';
import { BonusMethodCard } from '../components/BonusMethodCard';
import { DeclarationButton } from '../components/DeclarationButton';
import { DeclarationImport } from '../components/DeclarationImport';
import { DeclarationsTable } from '../components/DeclarationsTable';
import { TaxSummaryView } from '../components/TaxSummaryView';
import { capText } from '../components/caps';

/** Officers: a worker's deduction declarations (list, enter from the form, correct, remove), import, year summary. */
export function TaxDeclarationsPage() {
  const t = useT();
  const session = useSession();
  const readOnly = session?.role === 'auditor';
  const [year, setYear] = useState(dayjs().year());
  const [workerId, setWorkerId] = useState('');
  const rules = useTaxRules(year);
  const declarations = useWorkerDeclarations(workerId, year);
  const save = useSaveWorkerDeclaration();
  const remove = useDeleteWorkerDeclaration();
  const summary = useTaxSummary(year, workerId, Boolean(workerId) && workerTaxSummaryAvailable());
  const bonusMethod = useWorkerBonusMethod(workerId, year);
  const saveBonusMethod = useSaveWorkerBonusMethod();

  return (
    <>
      <PageTitle title={t('个税专项附加扣除', 'Income-tax deductions')} />
      <Tabs
        items={[
          {
            key: 'worker',
            label: t('按人员', 'By worker'),
            children: (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Form layout="inline">
                  <Form.Item label={t('人员', 'Worker')} htmlFor="tax-worker">
                    <div style={{ width: 260 }} data-testid="tax-worker-picker">
                      <WorkerPicker id="tax-worker" value={workerId || undefined} onChange={(v) => setWorkerId(String(v ?? ''))} />
                    </div>
                  </Form.Item>
                  <Form.Item label={t('纳税年度', 'Tax year')}>
                    <InputNumber min={2019} max={2100} value={year} onChange={(v) => v && setYear(v)} />
                  </Form.Item>
                </Form>
                <QueryState query={rules} available={taxRulesAvailable()} what={t('个税规则', 'tax rules')}>
                  {(taxRules) =>
                    workerId ? (
                      <Card size="small">
                        <QueryState query={declarations} available={workerDeclarationsAvailable()} what={t('扣除申报', 'declarations')}>
                          {(rows) => (
                            <Space direction="vertical" style={{ width: '100%' }}>
                              {!readOnly && (
                                <DeclarationButton
                                  rules={taxRules}
                                  year={year}
                                  label={t('录入申报', 'Enter a declaration')}
                                  testId="enter-declaration"
                                  onSave={(body) => save.mutateAsync({ workerId, body })}
                                />
                              )}
                              <DeclarationsTable
                                rows={rows}
                                rules={taxRules}
                                year={year}
                                readOnly={readOnly}
                                onSave={(id, body) => save.mutateAsync({ workerId, id, body })}
                                onDelete={(id) => remove.mutateAsync(id)}
                              />
                            </Space>
                          )}
                        </QueryState>
                      </Card>
                    ) : (
                      <Card size="small" title={t(`${year} 年度扣除标准`, `${year} deductions and caps`)}>
                        <Descriptions size="small" column={1} data-testid="tax-caps">
                          {Object.entries(taxRules.deductions).map(([code, kind]) => (
                            <Descriptions.Item key={code} label={kind.label_zh}>
                              {Object.values(kind.variants)
                                .map((v) => `${v.label_zh}：${capText(v, kind, t)}`)
                                .join('；')}
                            </Descriptions.Item>
                          ))}
                        </Descriptions>
                      </Card>
                    )
                  }
                </QueryState>
                {workerId && (
                  <QueryState query={bonusMethod} available={workerBonusMethodAvailable()} what={t('全年一次性奖金计税方式', 'year-end bonus method')}>
                    {(election) => (
                      <BonusMethodCard
                        election={election}
                        readOnly={readOnly}
                        onSave={(method) => saveBonusMethod.mutateAsync({ workerId, year, method })}
                      />
                    )}
                  </QueryState>
                )}
                {workerId && workerTaxSummaryAvailable() && (
                  <Card size="small" title={t(`${year} 年度预扣预缴汇总`, `${year} withholding summary`)}>
                    <QueryState query={summary} what={t('年度汇总', 'year summary')}>
                      {(s) => <TaxSummaryView summary={s} column={{ xs: 1, md: 3 }} />}
                    </QueryState>
                  </Card>
                )}
              </Space>
            ),
          },
          ...(readOnly
            ? []
            : [
                {
                  key: 'import',
                  label: t('批量导入', 'Import'),
                  children: <DeclarationImport year={year} onYear={setYear} rules={rules.data} />,
                },
              ]),
        ]}
      />
    </>
  );
}
