import { Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { CERTIFICATES, EDUCATION, options, POSTS } from '@/lib/codes';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import type { WorkerSummary } from '../api/types';

const DATE_FIELDS = ['birth_date', 'hired_on'] as const;

type FormValues = Record<string, unknown>;

function toFormValues(worker?: WorkerSummary): FormValues {
  if (!worker) return {};
  const values: FormValues = { ...worker };
  DATE_FIELDS.forEach((field) => {
    values[field] = worker[field] ? dayjs(String(worker[field])) : undefined;
  });
  return values;
}

function toBody(values: FormValues, original?: WorkerSummary): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const out = dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM-DD') : value === '' ? null : value;
    if (out === undefined) continue;
    // An edit sends only what changed (PATCH).
    if (original && (original[key] ?? null) === (out ?? null)) continue;
    body[key] = out;
  }
  return body;
}

/** Register or edit a worker; the API's field errors appear next to the fields. */
export function WorkerForm({
  worker,
  submitting,
  onSubmit,
}: {
  worker?: WorkerSummary;
  submitting: boolean;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
}) {
  const [form] = Form.useForm<FormValues>();
  const t = useT();
  const { lang } = useLang();
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const required = (zh: string, en: string) => [{ required: !worker, message: t(`请填写${zh}`, `${en} is required`) }];

  const finish = async (values: FormValues) => {
    setError(null);
    setUnmatched([]);
    try {
      await onSubmit(toBody(values, worker));
    } catch (caught) {
      setError(caught);
      setUnmatched(applyProblemToForm(form, caught, lang));
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={toFormValues(worker)} onFinish={finish} style={{ maxWidth: 720 }} data-testid="worker-form">
      {Boolean(error) && <ProblemAlert error={error} extra={unmatched} />}
      <Form.Item name="name" label={t('姓名', 'Name')} rules={required('姓名', 'Name')}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="national_id" label={t('身份证号', 'National ID number')} rules={required('身份证号', 'ID number')}>
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="sex" label={t('性别', 'Sex')} rules={required('性别', 'Sex')}>
        <Select options={[{ value: 'M', label: t('男', 'Male') }, { value: 'F', label: t('女', 'Female') }]} />
      </Form.Item>
      <Form.Item name="birth_date" label={t('出生日期', 'Date of birth')} rules={required('出生日期', 'Date of birth')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="phone" label={t('联系电话', 'Phone')}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="community_code" label={t('社区代码（12位）', 'Community code (12 digits)')} rules={required('社区代码', 'Community code')}>
        <Input maxLength={12} />
      </Form.Item>
      <Form.Item name="post" label={t('岗位', 'Post')} rules={required('岗位', 'Post')}>
        <Select options={options(POSTS, lang)} />
      </Form.Item>
      <Form.Item name="hired_on" label={t('入职日期', 'Hired on')} rules={required('入职日期', 'Hired on')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="education_level" label={t('学历', 'Education')}>
        <Select allowClear options={options(EDUCATION, lang)} />
      </Form.Item>
      <Form.Item name="certificate_level" label={t('职业资格', 'Certificate')}>
        <Select allowClear options={options(CERTIFICATES, lang)} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting}>
        {worker ? t('保存', 'Save') : t('登记', 'Register')}
      </Button>
    </Form>
  );
}
