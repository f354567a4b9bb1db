import { CheckOutlined, DollarOutlined, DownloadOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Drawer, Popconfirm, Progress, Space, Table } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { PostName, RegionName } from '@/components/Names';
import { useParams } from 'react-router-dom';
import { ActorAt } from '@/components/ActorAt';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { actorsOf, peopleOf, useMay, usePayrollTrail } from '@/lib/duties';
import { formatMoney } from '@/lib/format';
import { useT } from '@/lib/i18n';
import { formatDateTime } from '@/lib/vocab';
import { useApproveRun } from '../api/approve-run';
import { useCancelRun } from '../api/cancel-run';
import { usePayRun } from '../api/pay-run';
import { payrollSheetAvailable, useDownloadPayrollSheet } from '../api/download-payroll-sheet';
import { usePayslip } from '../api/get-payslip';
import { useRun } from '../api/get-run';
import { useRunPayslips } from '../api/get-run-payslips';
import { useRecalculateRun } from '../api/recalculate-run';
import type { PayslipSummary } from '../api/types';
import { PayslipLines } from '@/components/PayslipLines';
import { RunStateTag } from '../components/RunStateTag';

export function PayrollRunPage() {
  const { runId = '' } = useParams();
  const t = useT();
  const { message } = App.useApp();
  const run = useRun(runId);
  // Who did each step (names and roles for 发起/审批/发放; the preparers and the approver for separation of duties).
  const trail = usePayrollTrail('payroll_run', runId, ['payroll', 'run', runId]);
  const people = peopleOf(trail.data);
  // Each button only for someone the payroll service would let press it: the role matrix, then maker–checker.
  const region = run.data?.region_code;
  const mayRecalculate = useMay('payroll_run.recalculate');
  const mayCancel = useMay('payroll_run.cancel');
  const mayApprove = useMay('payroll_run.approve', {
    region, rule: 'run_preparer_not_approver', earlier: actorsOf(trail.data, ['start', 'restart', 'recalculate'], run.data?.created_by),
  });
  const mayPay = useMay('payroll_run.pay', { region, rule: 'run_approver_not_payer', earlier: actorsOf(trail.data, ['approve'], run.data?.approved_by) });
  const [page, setPage] = useState({ page: 1, size: 50 });
  const calculated = run.data?.job_status === 'succeeded';
  const payslips = useRunPayslips(runId, page.page, page.size, calculated);
  const [openWorker, setOpenWorker] = useState<string | null>(null);
  const payslip = usePayslip(runId, openWorker);
  const approve = useApproveRun();
  const recalculate = useRecalculateRun();
  const download = useDownloadPayrollSheet();
  const cancel = useCancelRun();
  const pay = usePayRun();
  const eta = useEta(run.data?.processed, run.data?.total);

  return (
    <QueryState query={run} what={t('工资核算', 'payroll run')}>
      {(r) => {
        const running = r.job_status === 'queued' || r.job_status === 'running';
        const percent = r.total ? Math.round((r.processed / r.total) * 100) : running ? 0 : 100;
        return (
          <>
            <PageTitle
              title={
                <>
                  {t(`${r.month} 工资核算`, `Payroll ${r.month}`)} · <RegionName code={r.region_code} /> <RunStateTag state={r.state} jobStatus={r.job_status} />
                </>
              }
              extra={
                <Space wrap>
                  {r.state === 'calculated' && !running && mayRecalculate && (
                    <Button icon={<ReloadOutlined />} loading={recalculate.isPending} onClick={() => recalculate.mutate(runId)} data-testid="recalculate-run">
                      {t('重新核算', 'Recalculate')}
                    </Button>
                  )}
                  {(r.state === 'draft' || r.state === 'calculated') && mayCancel && (
                    <Popconfirm
                      title={t('取消本次工资核算？', 'Cancel this payroll run?')}
                      okText={t('取消核算', 'Cancel the run')}
                      cancelText={t('返回', 'Back')}
                      onConfirm={() => cancel.mutate(runId, { onSuccess: () => message.success(t('已取消', 'Cancelled')) })}
                    >
                      <Button danger icon={<StopOutlined />} loading={cancel.isPending} disabled={r.job_status === 'cancelled'} data-testid="cancel-run">
                        {t('取消核算', 'Cancel the run')}
                      </Button>
                    </Popconfirm>
                  )}
                  {mayPay && r.state === 'approved' && (
                    <Popconfirm
                      title={t('确认工资已发放到个人账户？', 'Confirm the pay has reached the accounts?')}
                      okText={t('标记已发放', 'Mark paid')}
                      cancelText={t('取消', 'Cancel')}
                      onConfirm={() => pay.mutate(runId, { onSuccess: () => message.success(t('已标记为已发放', 'Marked paid')) })}
                    >
                      <Button type="primary" icon={<DollarOutlined />} loading={pay.isPending} data-testid="pay-run">
                        {t('标记已发放', 'Mark paid')}
                      </Button>
                    </Popconfirm>
                  )}
                  {mayApprove && r.state === 'calculated' && r.job_status === 'succeeded' && (
                    <Popconfirm
                      title={t('确认审批本次工资？审批后不可再修改。', 'Approve this payroll? It cannot change afterwards.')}
                      okText={t('审批', 'Approve')}
                      cancelText={t('取消', 'Cancel')}
                      onConfirm={() => approve.mutate(runId, { onSuccess: () => message.success(t('已审批', 'Approved')) })}
                    >
                      <Button type="primary" icon={<CheckOutlined />} loading={approve.isPending} data-testid="approve-run">
                        {t('审批', 'Approve')}
                      </Button>
                    </Popconfirm>
                  )}
                  {payrollSheetAvailable() && r.job_status === 'succeeded' && (
                    <Button
                      icon={<DownloadOutlined />}
                      loading={download.isPending}
                      onClick={() => download.mutate({ runId, name: `工资表-${r.region_code}-${r.month}.xlsx` })}
                    >
                      {t('下载工资表', 'Download 工资表')}
                    </Button>
                  )}
                </Space>
              }
            />
            <ProblemAlert error={approve.error ?? recalculate.error ?? download.error ?? cancel.error ?? pay.error} />
            {r.job_status === 'failed' && <Alert type="error" showIcon title={t('核算失败', 'The calculation failed')} description={r.error} style={{ marginBottom: 16 }} />}
            <Card style={{ marginBottom: 16 }}>
              {running && (
                <>
                  <Progress percent={percent} status="active" data-testid="run-progress" format={() => (r.total ? `${r.processed} / ${r.total}` : t('排队中', 'queued'))} />
                  <div data-testid="run-eta" style={{ marginBottom: 8 }}>
                    {r.total
                      ? t(`已核算 ${r.processed} / ${r.total} 人`, `${r.processed} of ${r.total} workers`) + (eta !== null ? t(`，预计还需 ${eta} 秒`, `, about ${eta} s to go`) : '')
                      : t('等待开始…', 'Waiting to start…')}
                  </div>
                </>
              )}
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="run-totals">
                <Descriptions.Item label={t('人数', 'Workers')}>{r.worker_count}</Descriptions.Item>
                <Descriptions.Item label={t('应发合计', 'Gross')}>{formatMoney(r.gross_total)}</Descriptions.Item>
                <Descriptions.Item label={t('实发合计', 'Net')}>{formatMoney(r.net_total)}</Descriptions.Item>
                <Descriptions.Item label={t('单位成本', 'Employer cost')}>{formatMoney(r.employer_total)}</Descriptions.Item>
                <Descriptions.Item label={t('补发/补扣', 'Arrears')}>{formatMoney(r.arrears_total)}</Descriptions.Item>
                <Descriptions.Item label={t('发起', 'Started by')}>
                  <ActorAt subject={r.created_by} at={r.created_at} people={people} />
                </Descriptions.Item>
                <Descriptions.Item label={t('核算完成', 'Calculated')}>{formatDateTime(r.calculated_at)}</Descriptions.Item>
                <Descriptions.Item label={t('审批', 'Approved by')}>
                  <ActorAt subject={r.approved_by} at={r.approved_at} people={people} />
                </Descriptions.Item>
                <Descriptions.Item label={t('发放', 'Paid')}>
                  <ActorAt subject={r.paid_by} at={r.paid_at} people={people} />
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t('工资条（点击查看明细）', 'Payslips (click for the lines)')}>
              {calculated ? (
                <QueryState query={payslips} what={t('工资条', 'payslips')} isEmpty={(d) => d.items.length === 0} emptyText={t('本次核算没有人员', 'No workers in this run')}>
                  {(data) => (
                    <Table<PayslipSummary>
                      rowKey="worker_id"
                      size="small"
                      dataSource={data.items}
                      scroll={{ x: 'max-content' }}
                      data-testid="payslips-table"
                      onRow={(row) => ({ onClick: () => setOpenWorker(row.worker_id), style: { cursor: 'pointer' } })}
                      pagination={{ current: data.page, pageSize: data.size, total: data.total, onChange: (p, s) => setPage({ page: p, size: s }) }}
                      columns={[
                        { title: t('姓名', 'Name'), dataIndex: 'worker_name' },
                        { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
                        { title: t('岗位', 'Post'), dataIndex: 'post', render: (v: string | null) => <PostName code={v} /> },
                        { title: t('应发', 'Gross'), dataIndex: 'gross', align: 'right', render: formatMoney },
                        { title: t('社保', 'Social ins.'), dataIndex: 'social_insurance', align: 'right', render: formatMoney },
                        { title: t('公积金', 'Housing'), dataIndex: 'housing_fund', align: 'right', render: formatMoney },
                        { title: t('个税', 'Tax'), dataIndex: 'tax', align: 'right', render: formatMoney },
                        { title: t('实发', 'Net'), dataIndex: 'net', align: 'right', render: formatMoney },
                        { title: t('补发', 'Arrears'), dataIndex: 'arrears', align: 'right', render: formatMoney },
                      ]}
                    />
                  )}
                </QueryState>
              ) : (
                <Alert type="info" showIcon title={running ? t('正在核算，完成后显示工资条。', 'Calculating; payslips appear when it is done.') : t('暂无工资条。', 'No payslips.')} />
              )}
            </Card>
            <Drawer open={Boolean(openWorker)} onClose={() => setOpenWorker(null)} size="large" title={t('工资条明细', 'Payslip lines')}>
              <QueryState query={payslip} what={t('工资条', 'payslip')}>
                {(data) => <PayslipLines payslip={data} />}
              </QueryState>
            </Drawer>
          </>
        );
      }}
    </QueryState>
  );
}

/** Seconds left at the rate observed since this page started watching (null until there is a rate). */
function useEta(processed: number | undefined, total: number | null | undefined): number | null {
  const first = useRef<{ at: number; processed: number } | null>(null);
  const [eta, setEta] = useState<number | null>(null);
  useEffect(() => {
    if (processed === undefined || !total) return;
    const now = Date.now();
    if (!first.current || processed < first.current.processed) first.current = { at: now, processed };
    const done = processed - first.current.processed;
    const seconds = (now - first.current.at) / 1000;
    setEta(done > 0 && seconds > 0 ? Math.max(0, Math.ceil(((total - processed) * seconds) / done)) : null);
  }, [processed, total]);
  return eta;
}
