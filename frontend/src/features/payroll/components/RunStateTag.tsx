import { Tag } from 'antd';
import { useT } from '@/lib/i18n';

const STATES: Record<string, [string, string, string]> = {
  draft: ['草稿', 'Draft', 'default'],
  calculated: ['已核算，待审批', 'Calculated, to approve', 'blue'],
  approved: ['已审批', 'Approved', 'green'],
  paid: ['已发放', 'Paid', 'purple'],
};
const JOBS: Record<string, [string, string, string]> = {
  queued: ['排队中', 'Queued', 'default'],
  running: ['核算中', 'Calculating', 'processing'],
  failed: ['核算失败', 'Failed', 'red'],
  cancelled: ['已取消', 'Cancelled', 'default'],
};

export function RunStateTag({ state, jobStatus }: { state: string; jobStatus: string }) {
  const t = useT();
  const [zh, en, color] = JOBS[jobStatus] ?? STATES[state] ?? [state, state, 'default'];
  return <Tag color={color} data-testid="run-state">{t(zh, en)}</Tag>;
}
