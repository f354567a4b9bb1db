import { Space, Tag } from 'antd';
import type { components } from '@/api/types/registry';
import { ActionButton } from '@/components/ActionForm';
import { useT } from '@/lib/i18n';
import { useRecordOutcome, type OutcomeIn } from '../api/record-outcome';

type Applicant = components['schemas']['ApplicantOut'];
export type OutcomeStep = OutcomeIn['step'];

// IM art.8 (四)–(六): the steps whose outcome is recorded per applicant, with their short labels.
export const OUTCOME_STEPS: { step: OutcomeStep; zh: string; en: string }[] = [
  { step: 'exam', zh: '笔试面试', en: 'Test & interview' },
  { step: 'medical', zh: '体检', en: 'Medical' },
  { step: 'background_check', zh: '考察', en: 'Background check' },
];

/** 通过 / 未通过 / 未录入, with the exam's score. */
export function OutcomeTag({ outcome }: { outcome: Applicant['outcomes'][OutcomeStep] }) {
  const t = useT();
  if (!outcome) return <Tag>{t('未录入', 'Not recorded')}</Tag>;
  const score = outcome.score != null ? ` ${outcome.score}` : '';
  return outcome.passed ? <Tag color="green">{t('通过', 'Passed') + score}</Tag> : <Tag color="red">{t('未通过', 'Failed') + score}</Tag>;
}

/**
 * One applicant's outcome of one step, and (for a writer, once the campaign has reached the step) a small form to
 * record or correct it. `failOnly`: the public notice is out, so only a failure (an objection upheld) may be recorded.
 */
export function StepOutcome({
  campaignId,
  applicant,
  step,
  editable,
  failOnly,
}: {
  campaignId: string;
  applicant: Applicant;
  step: OutcomeStep;
  editable: boolean;
  failOnly: boolean;
}) {
  const t = useT();
  const record = useRecordOutcome();
  const outcome = applicant.outcomes[step];
  const label = OUTCOME_STEPS.find((s) => s.step === step)!;
  const results = [
    ...(failOnly ? [] : [{ value: 'passed', label: t('通过', 'Passed') }]),
    { value: 'failed', label: t('未通过', 'Failed') },
  ];
  return (
    <Space size={4}>
      <span data-testid={`outcome-${step}-${applicant.id}`}>
        <OutcomeTag outcome={outcome} />
      </span>
      {editable && (
        <ActionButton
          label={outcome ? t('更正', 'Correct') : t('录入', 'Record')}
          title={t(`${label.zh}结果：${applicant.name}`, `${label.en}: ${applicant.name}`)}
          testId={`record-${step}-${applicant.id}`}
          buttonProps={{ type: 'link' }}
          fields={[
            { name: 'result', label: t('结果', 'Result'), kind: 'select', required: true, options: results },
            ...(step === 'exam' ? [{ name: 'score', label: t('成绩', 'Score'), kind: 'number' as const, min: 0, max: 100, step: 0.5 }] : []),
            { name: 'note', label: t('备注', 'Note') },
          ]}
          onSubmit={({ result, score, note }) =>
            record.mutateAsync({
              campaignId,
              applicantId: applicant.id,
              body: { step, passed: result === 'passed', score: score == null ? null : String(score), note: (note as string | null) ?? null },
            })
          }
        />
      )}
    </Space>
  );
}
