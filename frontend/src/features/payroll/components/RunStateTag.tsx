import { Tag } from 'antd';
import { useLang } from '@/lib/i18n';
import { JOB_STATUSES, labelOf, RUN_STATES } from '@/lib/vocab';

const STATE_COLORS: Record<string, string> = { draft: 'default', calculated: 'blue', approved: 'green', paid: 'purple' };
const JOB_COLORS: Record<string, string> = { queued: 'default', running: 'processing', failed: 'red', cancelled: 'default' };

/** The run's state in words: the calculation job while it is not done, else the approval state. */
export function RunStateTag({ state, jobStatus }: { state: string; jobStatus: string }) {
  const { lang } = useLang();
  const job = jobStatus !== 'succeeded' && JOB_STATUSES[jobStatus];
  return (
    <Tag color={job ? JOB_COLORS[jobStatus] : STATE_COLORS[state] ?? 'default'} data-testid="run-state">
      {job ? labelOf(JOB_STATUSES, jobStatus, lang) : labelOf(RUN_STATES, state, lang)}
    </Tag>
  );
}
