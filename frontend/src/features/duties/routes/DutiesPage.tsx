import { Alert, Card, Form, InputNumber, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionForm';
import { leaveFields } from '@/components/leave-fields';
import { PersonName, PostName, RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { WorkerPicker } from '@/components/WorkerPicker';
import { useSession } from '@/lib/auth';
import { useLang, useT } from '@/lib/i18n';
import { formatDateTime, labelOf, optionsOf } from '@/lib/vocab';
import { useDisciplineRecords, useRecordDiscipline } from '../api/discipline';
import { useFilings, useRecordFiling, useUnfiled } from '../api/filings';
import { useHealthChecks, useMissingChecks, useRecordHealthCheck } from '../api/health';
import { useDecideLeave, useLeaveBalance, useLeaveRequests, useRequestLeave } from '../api/leave';
import { useRotation, useTrainingLevels } from '../api/training';
import { DISCIPLINE_KINDS, LEAVE_KINDS, LEAVE_STATUSES, SPLIT_LEVELS } from '@/lib/duty-labels';

const WRITERS = ['township_officer', 'county_officer', 'city_officer', 'provincial_admin'];

/** The worker field of a modal whose other fields come from ActionFields. */
function WorkerField() {
  const t = useT();
  return (
    <Form.Item label={t('人员', 'Worker')} required>
      <Form.Item name="worker_id" noStyle rules={[{ required: true }]}>
        <WorkerPicker />
      </Form.Item>
    </Form.Item>
  );
}

const nameColumns = (t: ReturnType<typeof useT>) => [
  { title: t('姓名', 'Name'), dataIndex: 'name' },
  { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
];

function Discipline({ region, canWrite }: { region: string; canWrite: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const list = useDisciplineRecords(region);
  const record = useRecordDiscipline();
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('违纪违法及刑事记录按适用政策文件列明的情形提示退出，由人员决定是否解除聘用，系统不自动处理。', 'Records of the kinds the applying text names raise the exit flag; a person decides, nothing happens automatically.')}
      </Typography.Paragraph>
      {canWrite && (
        <ActionButton
          label={t('登记违纪违法记录', 'Record discipline')}
          title={t('登记违纪违法或刑事记录', 'Record a discipline or criminal record')}
          testId="discipline-record"
          buttonProps={{ type: 'primary', size: 'middle', style: { marginBottom: 12 } }}
          fields={[
            { name: 'kind', label: t('类别', 'Kind'), kind: 'select', required: true, options: optionsOf(DISCIPLINE_KINDS, lang) },
            { name: 'record_date', label: t('处分（判决）日期', 'Date'), kind: 'date', required: true, initial: dayjs() },
            { name: 'issuing_body', label: t('作出机关', 'Issuing body'), required: true },
            { name: 'summary', label: t('事由摘要', 'Summary'), kind: 'textarea', required: true },
          ]}
          onSubmit={(v) => record.mutateAsync(v as never)}
        >
          <WorkerField />
        </ActionButton>
      )}
      <QueryState query={list} what={t('违纪违法记录', 'discipline records')} isEmpty={(d) => d.length === 0}>
        {(rows) => (
          <Table
            size="small"
            rowKey="id"
            dataSource={rows}
            data-testid="discipline-table"
            columns={[
              { title: t('姓名', 'Name'), dataIndex: 'worker_name' },
              { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
              { title: t('类别', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(DISCIPLINE_KINDS, v, lang) },
              { title: t('日期', 'Date'), dataIndex: 'record_date' },
              { title: t('作出机关', 'Issuing body'), dataIndex: 'issuing_body' },
              { title: t('摘要', 'Summary'), dataIndex: 'summary' },
              {
                title: t('退出提示', 'Exit flag'),
                dataIndex: 'raises_exit_flag',
                render: (v: boolean) => (v ? <Tag color="red">{t('提示退出，待决定', 'Exit flagged')}</Tag> : <Tag>{t('不触发', 'No')}</Tag>),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

function Filings({ region, canWrite }: { region: string; canWrite: boolean }) {
  const t = useT();
  const unfiled = useUnfiled(region);
  const list = useFilings(region);
  const record = useRecordFiling();
  return (
    <>
      {canWrite && (
        <ActionButton
          label={t('登记书记备案', 'Record a filing')}
          title={t('登记社区党组织书记备案', "Record a party secretary's filing")}
          buttonProps={{ type: 'primary', size: 'middle', style: { marginBottom: 12 } }}
          fields={[
            { name: 'filed_on', label: t('备案日期', 'Filed on'), kind: 'date', required: true, initial: dayjs() },
            { name: 'filing_body', label: t('备案机关', 'Filing body'), required: true },
            { name: 'reference', label: t('备案文号', 'Reference') },
          ]}
          onSubmit={(v) => record.mutateAsync(v as never)}
        >
          <WorkerField />
        </ActionButton>
      )}
      <Card size="small" title={t('尚未备案的社区党组织书记', 'Secretaries not yet filed')} style={{ marginBottom: 12 }}>
        <QueryState query={unfiled} what={t('未备案书记', 'unfiled secretaries')} isEmpty={(d) => d.items.length === 0} emptyText={t('没有未备案的书记', 'Every secretary is filed')}>
          {(data) => (
            <Table size="small" rowKey="worker_id" dataSource={data.items} pagination={false} data-testid="unfiled-table"
              columns={[...nameColumns(t), { title: t('说明', 'Message'), dataIndex: 'message_zh' }]} />
          )}
        </QueryState>
      </Card>
      <QueryState query={list} what={t('备案记录', 'filings')} isEmpty={(d) => d.length === 0}>
        {(rows) => (
          <Table size="small" rowKey="id" dataSource={rows}
            columns={[
              { title: t('书记', 'Secretary'), dataIndex: 'worker_name' },
              { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
              { title: t('备案日期', 'Filed on'), dataIndex: 'filed_on' },
              { title: t('备案机关', 'Filing body'), dataIndex: 'filing_body' },
              { title: t('文号', 'Reference'), dataIndex: 'reference' },
            ]} />
        )}
      </QueryState>
    </>
  );
}

function Health({ region, canWrite }: { region: string; canWrite: boolean }) {
  const t = useT();
  const [year, setYear] = useState(dayjs().year());
  const missing = useMissingChecks(region, year);
  const list = useHealthChecks(region);
  const record = useRecordHealthCheck();
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} addonAfter={t('年', 'year')} />
        {canWrite && (
          <ActionButton
            label={t('登记体检', 'Record a health check')}
            title={t('登记年度体检', 'Record a health check')}
            buttonProps={{ type: 'primary', size: 'middle' }}
            fields={[
              { name: 'checked_on', label: t('体检日期', 'Checked on'), kind: 'date', required: true, initial: dayjs() },
              { name: 'institution', label: t('体检机构', 'Institution'), required: true },
              { name: 'note', label: t('备注', 'Note'), kind: 'textarea' },
            ]}
            onSubmit={(v) => record.mutateAsync(v as never)}
          >
            <WorkerField />
          </ActionButton>
        )}
      </Space>
      <Card size="small" title={t('本年度尚未体检', 'No health check this year')} style={{ marginBottom: 12 }}>
        <QueryState query={missing} what={t('体检', 'health checks')} isEmpty={(d) => d.items.length === 0} emptyText={t('没有缺少体检的人员（或适用文件未规定年度体检）', 'Nobody is missing a check (or no text sets one)')}>
          {(data) => (
            <Table size="small" rowKey="worker_id" dataSource={data.items} data-testid="health-missing"
              columns={[...nameColumns(t), { title: t('已体检次数', 'Checks'), dataIndex: 'checks' }, { title: t('要求', 'Required'), dataIndex: 'required' }]} />
          )}
        </QueryState>
      </Card>
      <QueryState query={list} what={t('体检记录', 'health checks')} isEmpty={(d) => d.length === 0}>
        {(rows) => (
          <Table size="small" rowKey="id" dataSource={rows}
            columns={[
              { title: t('姓名', 'Name'), dataIndex: 'worker_name' },
              { title: t('体检日期', 'Checked on'), dataIndex: 'checked_on' },
              { title: t('体检机构', 'Institution'), dataIndex: 'institution' },
            ]} />
        )}
      </QueryState>
    </>
  );
}

function LeaveBalanceLine({ workerId }: { workerId?: string }) {
  const t = useT();
  const balance = useLeaveBalance(workerId, dayjs().year());
  if (!balance.data) return null;
  const b = balance.data;
  return (
    <Alert type="info" showIcon style={{ marginBottom: 12 }}
      message={t(`${b.year} 年年休假：应休 ${b.entitled_days} 天（工龄 ${b.service_years} 年），已休 ${b.used_days} 天，待批 ${b.pending_days} 天，剩余 ${b.remaining_days} 天`,
        `${b.year} annual leave: ${b.entitled_days} days (${b.service_years} years of service), ${b.used_days} taken, ${b.pending_days} pending, ${b.remaining_days} left`)} />
  );
}

function Leave({ region, canWrite, role }: { region: string; canWrite: boolean; role: string }) {
  const t = useT();
  const { lang } = useLang();
  const list = useLeaveRequests(region);
  const ask = useRequestLeave();
  const decide = useDecideLeave();
  const [selected, setSelected] = useState<string>();
  return (
    <>
      {canWrite && (
        <ActionButton
          label={t('代为请假', 'Ask for leave')}
          title={t('代社区工作者提交请假申请', 'Ask for leave on a worker’s behalf')}
          buttonProps={{ type: 'primary', size: 'middle', style: { marginBottom: 12 } }}
          fields={leaveFields(t, lang)}
          onSubmit={(v) => ask.mutateAsync(v as never)}
        >
          <WorkerField />
        </ActionButton>
      )}
      <LeaveBalanceLine workerId={selected} />
      <QueryState query={list} what={t('请假申请', 'leave requests')} isEmpty={(d) => d.length === 0}>
        {(rows) => (
          <Table
            size="small"
            rowKey="id"
            dataSource={rows}
            data-testid="leave-table"
            onRow={(row) => ({ onClick: () => setSelected(row.worker_id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('姓名', 'Name'), dataIndex: 'worker_name' },
              { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
              { title: t('假别', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(LEAVE_KINDS, v, lang) },
              { title: t('期间', 'Period'), render: (_, row) => `${row.start_date} — ${row.end_date}` },
              { title: t('工作日', 'Working days'), dataIndex: 'days' },
              { title: t('申请人', 'Asked by'), dataIndex: 'requested_by', render: (v: string) => <PersonName subject={v} /> },
              {
                title: t('审批', 'Decision'),
                dataIndex: 'status',
                render: (status: string, row) =>
                  status === 'pending' && role === 'township_officer' ? (
                    <Space>
                      {(['approve', 'reject'] as const).map((decision) => (
                        <ActionButton
                          key={decision}
                          label={decision === 'approve' ? t('批准', 'Approve') : t('驳回', 'Reject')}
                          title={decision === 'approve' ? t('批准请假', 'Approve the leave') : t('驳回请假', 'Reject the leave')}
                          testId={`leave-${decision}`}
                          buttonProps={{ size: 'small', danger: decision === 'reject' }}
                          fields={[{ name: 'note', label: t('审批意见', 'Note'), kind: 'textarea' }]}
                          onSubmit={(v) => decide.mutateAsync({ id: row.id, body: { decision, note: (v.note as string) || null } })}
                        />
                      ))}
                    </Space>
                  ) : (
                    <>
                      {labelOf(LEAVE_STATUSES, status, lang)}
                      {row.decided_by ? <> · <PersonName subject={row.decided_by} /> {formatDateTime(row.decided_at)}</> : null}
                    </>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

function Training({ region }: { region: string }) {
  const t = useT();
  const { lang } = useLang();
  const [year, setYear] = useState(dayjs().year());
  const levels = useTrainingLevels(region, year);
  const rotation = useRotation(region);
  return (
    <>
      <Card size="small" title={t('书记、主任培训分级（2:3:5）', 'Secretaries and directors by organiser level (2:3:5)')} style={{ marginBottom: 12 }}
        extra={<InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} addonAfter={t('年', 'year')} />}>
        <QueryState query={levels} what={t('分级培训', 'training levels')} isEmpty={(d) => d.levels.length === 0} emptyText={t('适用的政策文件未规定分级比例', 'No text in force sets a split')}>
          {(data) => (
            <>
              <Typography.Paragraph>
                {t(`书记、主任 ${data.head_workers} 人，本年已培训 ${data.trained_workers} 人，未培训 ${data.untrained_workers} 人`,
                  `${data.head_workers} secretaries and directors, ${data.trained_workers} trained this year, ${data.untrained_workers} not`)}
              </Typography.Paragraph>
              <Table size="small" rowKey="level" dataSource={data.levels} pagination={false} data-testid="training-levels"
                columns={[
                  { title: t('组织层级', 'Organiser level'), dataIndex: 'level', render: (v: string) => labelOf(SPLIT_LEVELS, v, lang) },
                  { title: t('目标比例', 'Target share'), dataIndex: 'target_share' },
                  { title: t('目标人数', 'Target workers'), dataIndex: 'target_workers' },
                  { title: t('已培训人数', 'Trained'), dataIndex: 'trained_workers' },
                  { title: t('实际比例', 'Share'), dataIndex: 'share' },
                ]} />
            </>
          )}
        </QueryState>
      </Card>
      <Card size="small" title={t('其他社区工作者三年轮训：已逾期', 'Three-year rotation of other workers: overdue')}>
        <QueryState query={rotation} what={t('轮训', 'rotation')} isEmpty={(d) => d.items.length === 0} emptyText={t('没有逾期未轮训的人员', 'Nobody is overdue')}>
          {(data) => (
            <Table size="small" rowKey="worker_id" dataSource={data.items} data-testid="training-rotation"
              columns={[
                ...nameColumns(t),
                { title: t('岗位', 'Post'), dataIndex: 'post', render: (v: string) => <PostName code={v} /> },
                { title: t('最近一次轮训', 'Last trained'), dataIndex: 'last_trained_on', render: (v: string | null) => v ?? t('无', 'never') },
                { title: t('应轮训日期', 'Due on'), dataIndex: 'due_on' },
              ]} />
          )}
        </QueryState>
      </Card>
    </>
  );
}

/** Duties on people beyond the record (issue 13): discipline, secretaries' filing, health checks, leave, training. */
export function DutiesPage() {
  const t = useT();
  const session = useSession();
  const region = session?.jurisdiction ?? '';
  const role = session?.role ?? '';
  const canWrite = WRITERS.includes(role);
  return (
    <>
      <PageTitle title={t('人员事务', 'Duties')} />
      <Card>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'leave', label: t('请假审批', 'Leave'), children: <Leave region={region} canWrite={canWrite} role={role} /> },
            { key: 'discipline', label: t('违纪违法记录', 'Discipline'), children: <Discipline region={region} canWrite={canWrite} /> },
            { key: 'filings', label: t('书记备案', 'Secretary filings'), children: <Filings region={region} canWrite={canWrite} /> },
            { key: 'health', label: t('年度体检', 'Health checks'), children: <Health region={region} canWrite={canWrite} /> },
            { key: 'training', label: t('轮训与分级培训', 'Rotation and levels'), children: <Training region={region} /> },
          ]}
        />
      </Card>
    </>
  );
}
