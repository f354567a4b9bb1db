// A worker's service history (issue 14): service periods in communities (add earlier service, set an end),
// posts, statuses and 一肩挑, each from the registry's dated lists.
import type { UseQueryResult } from '@tanstack/react-query';
import { App, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { ActionButton } from '@/components/ActionForm';
import { PostName, RegionName } from '@/components/Names';
import { QueryState } from '@/components/QueryState';
import { label, STATUSES } from '@/lib/codes';
import { formatValue } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { HEAD_ROLES, labelOf } from '@/lib/vocab';
import { useAddServicePeriod } from '../api/add-service-period';
import { useCloseServicePeriod } from '../api/close-service-period';
import { workerPostChanges } from '../api/get-worker-post-changes';
import { workerServicePeriods } from '../api/get-worker-service-periods';
import { workerStatusTransitions } from '../api/get-worker-status-transitions';
import type { ServicePeriodOut, WorkerDetail } from '../api/types';
import { useCommunityOptions } from './WorkerActions';

function Section({ title, action, children, testId }: { title: string; action?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div style={{ marginBottom: 24 }} data-testid={testId}>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{title}</Typography.Text>
        {action}
      </Space>
      {children}
    </div>
  );
}

/** Set or correct the end of a service period. */
function EndPeriod({ workerId, period }: { workerId: string; period: ServicePeriodOut }) {
  const t = useT();
  const { message } = App.useApp();
  const close = useCloseServicePeriod();
  return (
    <ActionButton
      label={period.end ? t('更正结束日', 'Correct the end') : t('结束', 'End')}
      title={t('工作经历的结束日期', 'End of the service period')}
      fields={[{ name: 'end', label: t('结束日期', 'End'), kind: 'date', required: true, initial: period.end ? dayjs(period.end) : dayjs() }]}
      onSubmit={(v) => close.mutateAsync({ workerId, periodId: period.id, body: { end: String(v.end) } }).then(() => message.success(t('已保存', 'Saved')))}
    />
  );
}

/** A list of the record as a small table, with its loading, error and empty states. */
export function RecordTable<T extends { id: string }>({ query, available, what, columns, emptyText }: {
  query: UseQueryResult<T[]>;
  available: boolean;
  what: string;
  columns: ColumnsType<T>;
  emptyText?: string;
}) {
  return (
    <QueryState query={query} available={available} what={what} isEmpty={emptyText ? (d) => d.length === 0 : undefined} emptyText={emptyText}>
      {(rows) => <Table<T> size="small" rowKey="id" pagination={false} dataSource={rows} columns={columns} />}
    </QueryState>
  );
}

export function WorkerHistory({ worker, canEdit }: { worker: WorkerDetail; canEdit: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const path = { worker_id: worker.id };
  const periods = workerServicePeriods.useCall(path);
  const posts = workerPostChanges.useCall(path);
  const statuses = workerStatusTransitions.useCall(path);
  const addPeriod = useAddServicePeriod();
  const communities = useCommunityOptions();
  const now = (v: string | null) => v ?? t('至今', 'now');
  const fromTo = [
    { title: t('开始', 'From'), dataIndex: 'from' },
    { title: t('结束', 'To'), dataIndex: 'to', render: now },
  ];
  return (
    <>
      <Statistic
        title={t('累计社区工作年限（省内，中断不连续计算）', 'Cumulative community service in the province (breaks not bridged)')}
        value={worker.cumulative_service_years}
        suffix={t('年', 'years')}
        style={{ marginBottom: 16 }}
      />
      <Section
        title={t('社区工作经历', 'Service in communities')}
        testId="service-periods"
        action={
          canEdit && (
            <ActionButton
              label={t('补录经历', 'Add earlier service')}
              title={t('补录社区工作经历', 'Add service in a community')}
              testId="add-service-period"
              fields={[
                { name: 'community_code', label: t('社区', 'Community'), kind: 'select', required: true, options: communities },
                { name: 'start', label: t('开始日期', 'From'), kind: 'date', required: true },
                { name: 'end', label: t('结束日期', 'To'), kind: 'date', extra: t('仍在该社区工作的不填（调动请用“调动”）', 'Empty while still serving there (a move is a transfer)') },
              ]}
              onSubmit={(v) => addPeriod.mutateAsync({ workerId: worker.id, body: v as never }).then(() => message.success(t('已补录', 'Added')))}
            />
          )
        }
      >
        <RecordTable
          query={periods}
          available={workerServicePeriods.available()}
          what={t('工作经历', 'service periods')}
          columns={[
            { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string, row) => <RegionName code={v} name={row.community_name} /> },
            { title: t('开始', 'From'), dataIndex: 'start' },
            { title: t('结束', 'To'), dataIndex: 'end', render: now },
            ...(canEdit ? [{ title: t('操作', 'Action'), key: 'action', render: (_: unknown, row: ServicePeriodOut) => <EndPeriod workerId={worker.id} period={row} /> }] : []),
          ]}
        />
      </Section>
      <Section title={t('岗位', 'Posts')} testId="post-changes">
        <RecordTable
          query={posts}
          available={workerPostChanges.available()}
          what={t('岗位变动', 'post history')}
          columns={[
            { title: t('岗位', 'Post'), dataIndex: 'post', render: (v: string) => <PostName code={v} /> },
            { title: t('正职分工', 'Head role'), dataIndex: 'head_role', render: (v: string | null) => (v ? labelOf(HEAD_ROLES, v, lang) : '') },
            ...fromTo,
          ]}
        />
      </Section>
      <Section title={t('状态', 'Status')} testId="status-transitions">
        <RecordTable
          query={statuses}
          available={workerStatusTransitions.available()}
          what={t('状态变动', 'status history')}
          columns={[
            { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => label(STATUSES, v, lang) },
            ...fromTo,
            { title: t('原因', 'Reason'), dataIndex: 'reason', render: (v: string | null) => (v && STATUSES[v] ? label(STATUSES, v, lang) : formatValue(v)) },
          ]}
        />
      </Section>
      {worker.yijiantiao_history.length > 0 && (
        <Section title={t('书记、主任“一肩挑”', 'Secretary and director (一肩挑)')}>
          <Table size="small" rowKey="id" pagination={false} dataSource={worker.yijiantiao_history} columns={fromTo} />
        </Section>
      )}
    </>
  );
}
