import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { options, RESULTS } from '@/lib/codes';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { validated } from '@/lib/validated';
import { useDecide } from '../api/decide';
import { usePropose } from '../api/propose';
import type { Assessment, Cycle } from '../api/types';

interface Dimension {
  code: string;
  name_zh: string;
  weight: string;
}

/** Propose (community party secretary) or decide (township) one assessment; API field errors on the fields. */
export function ActionModal({ action, assessment, cycle, onClose }: { action: 'propose' | 'decide'; assessment: Assessment; cycle?: Cycle; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm();
  const propose = usePropose();
  const decide = useDecide();
  const mutation = action === 'propose' ? propose : decide;
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const dimensions = ((cycle?.plan as { dimensions?: Dimension[] } | undefined)?.dimensions ?? []) as Dimension[];

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setUnmatched([]);
    const onError = (error: unknown) => setUnmatched(applyProblemToForm(form, error, lang));
    if (action === 'propose') {
      const scores = Object.fromEntries(Object.entries(values.dimension_scores ?? {}).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));
      propose.mutate({ assessmentId: assessment.id, body: { result: values.result ?? null, reason: values.reason, dimension_scores: scores } }, { onSuccess: onClose, onError });
    } else {
      decide.mutate({ assessmentId: assessment.id, body: { result: values.result ?? null, reason: values.reason || null } }, { onSuccess: onClose, onError });
    }
  };

  return (
    <Modal
      open
      title={`${action === 'propose' ? t('考核建议', 'Proposal') : t('考核决定', 'Decision')} · ${assessment.worker_name}`}
      okText={action === 'propose' ? t('提交建议', 'Propose') : t('作出决定', 'Decide')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={mutation.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {mutation.isError && <ProblemAlert error={mutation.error} extra={unmatched} />}
      <Form form={form} layout="vertical" initialValues={{ result: action === 'decide' ? assessment.proposed_result ?? undefined : undefined }}>
        {action === 'propose' &&
          dimensions.map((dimension) => (
            <Form.Item key={dimension.code} name={['dimension_scores', dimension.code]} label={`${dimension.name_zh}（${t('权重', 'weight')} ${dimension.weight}）`} extra={t('留空则采用日常记录/满意度测评的建议分', 'Empty: use the suggestion from daily records / the survey')}>
              <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        <Form.Item name="result" label={t('结果', 'Result')} extra={action === 'propose' ? t('留空则按得分和方案阈值确定', 'Empty: from the score and the plan thresholds') : t('留空则采用建议结果；改变结果需说明理由', 'Empty: the proposed result; a different result needs a reason')}>
          <Select allowClear options={options(RESULTS, lang)} />
        </Form.Item>
        <Form.Item name="reason" label={t('理由', 'Reason')} rules={action === 'propose' ? [{ required: true, message: t('请填写理由', 'A reason is required') }] : []}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
