import { Alert, Button, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { EDUCATION, options } from '@/lib/codes';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { validated } from '@/lib/validated';
import { DISQUALIFICATIONS, labelOf, optionsOf, RECRUIT_GROUPS } from '@/lib/vocab';
import { useCheckEligibility, type EligibilityCheckIn, type EligibilityOut } from '../api/check-eligibility';

type Values = Omit<EligibilityCheckIn, 'region_code' | 'on' | 'street_recommendation_on'> & { on?: Dayjs; street_recommendation_on?: Dayjs };

/** The answer of a check: eligible or not, with every failed rule and the priority groups. */
export function EligibilityResult({ result }: { result: EligibilityOut }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Alert
      type={result.eligible ? 'success' : 'error'}
      showIcon
      data-testid="eligibility-result"
      title={result.eligible ? t(`符合报名条件（${result.age} 岁）`, `Eligible (aged ${result.age})`) : t(`不符合报名条件（${result.age} 岁）`, `Not eligible (aged ${result.age})`)}
      description={
        <Descriptions size="small" column={1}>
          {result.failures.length > 0 && (
            <Descriptions.Item label={t('原因', 'Reasons')}>
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {result.failures.map((f, i) => (
                  <li key={i}>{String(lang === 'en' ? f.message_en : f.message_zh)}</li>
                ))}
              </ul>
            </Descriptions.Item>
          )}
          {result.priority.length > 0 && (
            <Descriptions.Item label={t('优先条件', 'Priority')}>
              {result.priority.map((g) => (
                <Tag key={g}>{labelOf(RECRUIT_GROUPS, g, lang)}</Tag>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
      }
    />
  );
}

/** The facts the eligibility rule reads (IM art.9–11), in the applicant form and the pre-check alike. */
export function EligibilityFields() {
  const t = useT();
  const { lang } = useLang();
  return (
    <>
      <Form.Item name="national_id" label={t('身份证号', 'ID number')} rules={[{ required: true, message: t('请填写身份证号', 'ID number is required') }]}>
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="education" label={t('学历', 'Education')} rules={[{ required: true, message: t('请选择学历', 'Education is required') }]}>
        <Select options={options(EDUCATION, lang)} />
      </Form.Item>
      <Form.Item name="citizen" valuePropName="checked">
        <Checkbox>{t('中华人民共和国公民', 'PRC citizen')}</Checkbox>
      </Form.Item>
      <Form.Item name="groups" label={t('放宽条件或优先群体', 'Relaxation or priority groups')}>
        <Select mode="multiple" options={optionsOf(RECRUIT_GROUPS, lang)} optionFilterProp="label" />
      </Form.Item>
      <Form.Item name="street_recommendation_by" label={t('街道推荐人', 'Recommended by (street)')}>
        <Input maxLength={128} />
      </Form.Item>
      <Form.Item name="street_recommendation_on" label={t('推荐日期', 'Recommended on')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="disqualifications" label={t('不得招聘情形', 'Disqualifications')}>
        <Select mode="multiple" options={optionsOf(DISQUALIFICATIONS, lang)} optionFilterProp="label" />
      </Form.Item>
    </>
  );
}

/** The form's values as the API takes them: the recommendation date as YYYY-MM-DD, empty texts null. */
export function eligibilityBody<V extends { citizen?: boolean; street_recommendation_by?: string | null; street_recommendation_on?: Dayjs | null }>(values: V) {
  const { street_recommendation_on: recommendedOn, ...rest } = values;
  return {
    ...rest,
    citizen: values.citizen ?? true,
    street_recommendation_by: values.street_recommendation_by || null,
    street_recommendation_on: recommendedOn ? recommendedOn.format('YYYY-MM-DD') : null,
  };
}

/** A pre-check of a person's facts against the region's eligibility rule (IM art.9–11): nothing is registered. */
export function EligibilityCheck({ regionCode }: { regionCode: string }) {
  const t = useT();
  const { lang } = useLang();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const check = useCheckEligibility();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const submit = async () => {
    const entered = await validated(form);
    if (entered === null) return;
    const { on, ...values } = entered;
    check.mutate(
      { ...eligibilityBody(values), on: on ? on.format('YYYY-MM-DD') : null, region_code: regionCode },
      { onError: (error) => setUnmatched(applyProblemToForm(form, error, lang)) },
    );
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="eligibility-check">
        {t('资格预审', 'Check eligibility')}
      </Button>
      <Modal
        open={open}
        title={t('资格预审（不登记）', 'Check eligibility (nothing is registered)')}
        okText={t('审查', 'Check')}
        cancelText={t('关闭', 'Close')}
        confirmLoading={check.isPending}
        onOk={submit}
        onCancel={() => {
          setOpen(false);
          check.reset();
        }}
        destroyOnHidden
      >
        {check.isError && <ProblemAlert error={check.error} extra={unmatched} />}
        {check.data && <EligibilityResult result={check.data} />}
        <Form form={form} layout="vertical" initialValues={{ citizen: true, groups: [], disqualifications: [] }} preserve={false} style={{ marginTop: 12 }}>
          <EligibilityFields />
          <Form.Item name="on" label={t('审查日期', 'Checked as of')} extra={t('不填：今天', 'Empty: today')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
