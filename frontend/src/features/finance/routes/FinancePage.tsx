import { CheckCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ActorAt } from '@/components/ActorAt';
import { RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { EXPORTERS, peopleOf, roleMay, useMay } from '@/lib/duties';
import { formatMoney } from '@/lib/format';
import { useT } from '@/lib/i18n';
import { RUN_KINDS } from '@/lib/vocab';
import { bankFileAvailable, useDownloadBankFile } from '../api/download-bank-file';
import { useDownloadWithholding, withholdingAvailable } from '../api/download-withholding';
import { payableRunsAvailable, usePayableRuns } from '../api/get-payable-runs';
import { useRunSteps } from '../api/get-run-steps';
import { useMarkRunPaid } from '../api/mark-run-paid';
import type { Run } from '../api/types';

/** Finance officers: pay approved runs through the bank file (代发文件) and export the withholding declaration. */
export function FinancePage() {
  const t = useT();
  // The withholding declaration is exported by finance officers only (the auditor reads the runs).
  const exporter = EXPORTERS.includes(useSession()?.role ?? '');
  return (
    <>
      <PageTitle title={t('财务发放与扣缴申报', 'Paying and tax declaration')} />
      <Tabs
        items={[
          { key: 'pay', label: t('代发与发放', 'Bank file and paying'), children: <PayRuns /> },
          ...(exporter ? [{ key: 'withholding', label: t('个税扣缴申报', 'Withholding declaration'), children: <Withholding /> }] : []),
        ]}
      />
    </>
  );
}

function PayRuns() {
  const t = useT();
  const { message } = App.useApp();
  const session = useSession();
  const exporter = EXPORTERS.includes(session?.role ?? '');
  const approved = usePayableRuns('approved');
  const paid = usePayableRuns('paid');
  // Who approved and who paid, by name and role as they acted (the runs' audit trail).
  const people = peopleOf(useRunSteps().data);
  const download = useDownloadBankFile();
  const pay = useMarkRunPaid();
  // The checksum of the file this officer downloaded, per run: what is sent to the bank is what is marked paid.
  const [sent, setSent] = useState<Record<string, string>>({});


  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ProblemAlert error={download.error ?? pay.error} />
      <Card size="small" title={t('已审批、待发放', 'Approved, to be paid')}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(
            '下载代发文件发送银行后，用同一文件的校验值（SHA-256）标记已发放；重新下载会生成新的校验值。审批人不能标记发放。',
            'Send the downloaded bank file, then mark the run paid with that file’s SHA-256; downloading again makes a new checksum. The approver cannot mark it paid.',
          )}
        />
        <RunsTable
          query={approved}
          what={t('待发放批次', 'runs to pay')}
          emptyText={t('没有待发放的批次', 'No approved runs')}
          testId="runs-to-pay"
          columns={[
            { title: t('审批', 'Approved by'), key: 'approved', render: (_, r) => <ActorAt subject={r.approved_by} at={r.approved_at} people={people} /> },
            {
              title: t('代发文件', 'Bank file'),
              key: 'file',
              render: (_, r) =>
                bankFileAvailable() && exporter ? (
                  <Space wrap>
                    {(['xlsx', 'csv'] as const).map((format) => (
                      <Button
                        key={format}
                        size="small"
                        icon={<DownloadOutlined />}
                        loading={download.isPending && download.variables?.runId === r.id && download.variables?.format === format}
                        data-testid={`bank-file-${format}`}
                        onClick={() =>
                          download.mutate(
                            { runId: r.id, format, name: `代发-${r.region_code}-${r.month}` },
                            { onSuccess: ({ checksum }) => setSent((s) => ({ ...s, [r.id]: checksum })) },
                          )
                        }
                      >
                        {format === 'xlsx' ? 'Excel' : 'CSV'}
                      </Button>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('校验值（SHA-256）', 'Checksum (SHA-256)'),
              key: 'checksum',
              render: (_, r) => (
                <Typography.Text code copyable={Boolean(sent[r.id])} data-testid="bank-file-checksum" style={{ fontSize: 12 }}>
                  {sent[r.id] ? sent[r.id] : t('请先下载代发文件', 'download the bank file first')}
                </Typography.Text>
              ),
            },
            {
              title: t('发放', 'Pay'),
              key: 'pay',
              render: (_, r) => (
                <MayPay run={r}>
                  <Popconfirm
                    title={t('确认已将该代发文件发送银行并发放到个人账户？', 'Confirm this bank file was sent and the pay reached the accounts?')}
                    okText={t('标记已发放', 'Mark paid')}
                    cancelText={t('取消', 'Cancel')}
                    disabled={!sent[r.id]}
                    onConfirm={() =>
                      pay.mutate({ runId: r.id, checksum: sent[r.id] }, { onSuccess: () => message.success(t('已标记为已发放', 'Marked paid')) })
                    }
                  >
                    <Button size="small" type="primary" icon={<CheckCircleOutlined />} disabled={!sent[r.id]} loading={pay.isPending && pay.variables?.runId === r.id} data-testid="mark-paid">
                      {t('标记已发放', 'Mark paid')}
                    </Button>
                  </Popconfirm>
                </MayPay>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('已发放', 'Paid')}>
        <RunsTable
          query={paid}
          what={t('已发放批次', 'paid runs')}
          emptyText={t('暂无', 'None yet')}
          testId="paid-runs"
          columns={[
            { title: t('发放', 'Paid'), key: 'paid', render: (_, r) => <ActorAt subject={r.paid_by} at={r.paid_at} people={people} /> },
            {
              title: t('代发文件校验值', 'Bank file checksum'),
              key: 'sha',
              render: (_, r) => (r.bank_file_sha256 ? <Typography.Text code style={{ fontSize: 12 }}>{r.bank_file_sha256}</Typography.Text> : <Tag>{t('未记录', 'none')}</Tag>),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/**
 * 标记已发放 for whoever the payroll service lets mark this run paid: a finance officer who did not approve it
 * (while the region's separation rule is on); anyone else sees why not.
 */
function MayPay({ run, children }: { run: Run; children: ReactNode }) {
  const t = useT();
  const session = useSession();
  const allowed = useMay('payroll_run.pay', { region: run.region_code, rule: 'run_approver_not_payer', earlier: run.approved_by ? [run.approved_by] : [] });
  if (allowed) return <>{children}</>;
  if (!roleMay(session?.role, 'payroll_run.pay')) return <>—</>;
  return (
    <Typography.Text type="secondary" data-testid="pay-by-another">
      {t('本人审批，须由其他财务人员标记发放', 'You approved it: another finance officer marks it paid')}
    </Typography.Text>
  );
}

/** Runs of one state with the run, head count and net columns first. */
function RunsTable({ query, what, emptyText, testId, columns }: { query: ReturnType<typeof usePayableRuns>; what: string; emptyText: string; testId: string; columns: ColumnsType<Run> }) {
  const t = useT();
  const first: ColumnsType<Run> = [
    {
      title: t('批次', 'Run'),
      key: 'run',
      render: (_, r) => (
        <Link to={`/payroll/runs/${r.id}`}>
          {r.month} {t(RUN_KINDS[r.kind]?.[0] ?? r.kind, RUN_KINDS[r.kind]?.[1] ?? r.kind)} · <RegionName code={r.region_code} />
        </Link>
      ),
    },
    { title: t('人数', 'Workers'), dataIndex: 'worker_count' },
    { title: t('实发合计', 'Net'), dataIndex: 'net_total', align: 'right', render: formatMoney },
  ];
  return (
    <QueryState query={query} available={payableRunsAvailable()} what={what} isEmpty={(d) => d.items.length === 0} emptyText={emptyText}>
      {(data) => <Table<Run> rowKey="id" size="small" pagination={false} dataSource={data.items} data-testid={testId} scroll={{ x: 'max-content' }} columns={[...first, ...columns]} />}
    </QueryState>
  );
}

function Withholding() {
  const t = useT();
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const download = useDownloadWithholding();
  if (!withholdingAvailable()) return <Alert type="info" title={t('暂未开放', 'Not available yet')} />;
  return (
    <Card size="small">
      <Typography.Paragraph>
        {t(
          '导出当月已审批工资的“正常工资薪金所得”申报表（自然人电子税务局扣缴端导入格式，含累计专项附加扣除），含完整身份证号，请妥善保管。',
          'The month’s 正常工资薪金所得 declaration of approved pay, in the withholding client’s import layout (with the cumulative deductions); it carries full ID numbers.',
        )}
      </Typography.Paragraph>
      <Space wrap>
        <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} aria-label={t('申报月份', 'Month')} data-testid="withholding-month" />
        <Button type="primary" icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate({ month: month.format('YYYY-MM') })} data-testid="download-withholding">
          {t('导出扣缴申报表', 'Export the declaration')}
        </Button>
      </Space>
      <div style={{ marginTop: 8 }}>
        <ProblemAlert error={download.error} />
      </div>
    </Card>
  );
}
