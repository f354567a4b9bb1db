import { Space } from 'antd';
import { ActionButton } from '@/components/ActionForm';
import { PersonName } from '@/components/Names';
import { useT } from '@/lib/i18n';
import { formatDateTime } from '@/lib/vocab';

export interface DecidedRow {
  status: string;
  decided_by?: string | null;
  decided_at?: string | null;
  decision_note?: string | null;
}

/**
 * The decision column of a request another officer decides (quota exceptions, community numbers): approve / reject
 * buttons while pending for those who may decide, else who decided, when and why.
 */
export function DecisionCell({ row, canDecide, testIdPrefix, what, onDecide }: {
  row: DecidedRow;
  canDecide: boolean;
  testIdPrefix: string;
  what: [string, string];
  onDecide: (decision: 'approve' | 'reject', note: string | null) => Promise<unknown>;
}) {
  const t = useT();
  if (row.status !== 'pending') {
    return (
      <>
        <PersonName subject={row.decided_by} /> {formatDateTime(row.decided_at)}
        {row.decision_note ? `（${row.decision_note}）` : ''}
      </>
    );
  }
  if (!canDecide) return <>{t('待审批', 'Pending')}</>;
  return (
    <Space>
      {(['approve', 'reject'] as const).map((decision) => (
        <ActionButton
          key={decision}
          label={decision === 'approve' ? t('批准', 'Approve') : t('驳回', 'Reject')}
          title={decision === 'approve' ? t(`批准${what[0]}`, `Approve the ${what[1]}`) : t(`驳回${what[0]}`, `Reject the ${what[1]}`)}
          testId={`${testIdPrefix}-${decision}`}
          buttonProps={{ size: 'small', danger: decision === 'reject' }}
          fields={[{ name: 'note', label: t('审批意见', 'Note'), kind: 'textarea' }]}
          onSubmit={(v) => onDecide(decision, (v.note as string) || null)}
        />
      ))}
    </Space>
  );
}
