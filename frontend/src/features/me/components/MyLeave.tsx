import { Card, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { ActionButton } from '@/components/ActionForm';
import { leaveFields } from '@/components/leave-fields';
import { QueryState } from '@/components/QueryState';
import { useLang, useT } from '@/lib/i18n';
import { labelOf } from '@/lib/vocab';
import { LEAVE_KINDS, LEAVE_STATUSES } from '@/lib/duty-labels';
import { useMyLeave, useMyLeaveBalance, useRequestMyLeave } from '../api/my-leave';

/** The worker's own leave: the year's annual-leave balance, a request form and the requests with their decisions. */
export function MyLeave() {
  const t = useT();
  const { lang } = useLang();
  const balance = useMyLeaveBalance(dayjs().year());
  const requests = useMyLeave();
  const ask = useRequestMyLeave();
  return (
    <Card
      size="small"
      title={t('我的请假', 'My leave')}
      extra={
        <ActionButton
          label={t('申请请假', 'Ask for leave')}
          title={t('申请请假', 'Ask for leave')}
          testId="my-leave-request"
          fields={leaveFields(t, lang)}
          onSubmit={(v) => ask.mutateAsync(v as never)}
        />
      }
    >
      <QueryState query={balance} what={t('年休假', 'annual leave')}>
        {(b) => (
          <Typography.Paragraph data-testid="my-leave-balance">
            {t(`${b.year} 年年休假应休 ${b.entitled_days} 天，已休 ${b.used_days} 天，待批 ${b.pending_days} 天，剩余 ${b.remaining_days} 天`,
              `${b.year}: ${b.entitled_days} days of annual leave, ${b.used_days} taken, ${b.pending_days} pending, ${b.remaining_days} left`)}
          </Typography.Paragraph>
        )}
      </QueryState>
      <QueryState query={requests} what={t('请假申请', 'leave requests')} isEmpty={(d) => d.length === 0} emptyText={t('暂无请假申请', 'No leave requests')}>
        {(rows) => (
          <List
            size="small"
            dataSource={rows}
            data-testid="my-leave-list"
            renderItem={(r) => (
              <List.Item>
                {labelOf(LEAVE_KINDS, r.kind, lang)} {r.start_date} — {r.end_date}（{t(`${r.days} 个工作日`, `${r.days} working days`)}）：
                {labelOf(LEAVE_STATUSES, r.status, lang)}
                {r.decision_note ? `（${r.decision_note}）` : ''}
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}
