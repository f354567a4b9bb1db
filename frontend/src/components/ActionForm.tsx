import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { validated } from '@/lib/validated';
import { ProblemAlert } from './ProblemAlert';

export interface ActionField {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'number' | 'date' | 'month' | 'select' | 'switch';
  required?: boolean;
  options?: { value: string | number; label: string }[];
  initial?: unknown;
  min?: number;
  max?: number;
  step?: number;
  extra?: ReactNode;
}

type Values = Record<string, unknown>;

/** Dates become YYYY-MM-DD (months YYYY-MM), empty strings null. */
function normalise(fields: ActionField[], values: Values): Values {
  const out: Values = { ...values };
  for (const field of fields) {
    const value = values[field.name];
    if (dayjs.isDayjs(value)) out[field.name] = (value as Dayjs).format(field.kind === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD');
    else if (value === '' || value === undefined) out[field.name] = null;
    else out[field.name] = value;
  }
  return out;
}

/** Form.Item hands its child `id`, `value` and `onChange`: passed on to the control, or nothing is ever entered. */
function Control({ field, ...control }: { field: ActionField } & Record<string, unknown>) {
  switch (field.kind) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={2000} {...control} />;
    case 'number':
      return <InputNumber min={field.min} max={field.max} step={field.step} style={{ width: '100%' }} {...control} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} {...control} />;
    case 'month':
      return <DatePicker picker="month" style={{ width: '100%' }} {...control} />;
    case 'select':
      return <Select allowClear showSearch optionFilterProp="label" options={field.options} {...control} />;
    case 'switch':
      return <Switch {...control} />;
    default:
      return <Input maxLength={500} {...control} />;
  }
}

/** The fields of a small action form; API field errors appear on the field of the same name. */
export function ActionFields({ fields }: { fields: ActionField[] }) {
  const t = useT();
  return (
    <>
      {fields.map((field) => (
        <Form.Item
          key={field.name}
          name={field.name}
          label={field.label}
          extra={field.extra}
          valuePropName={field.kind === 'switch' ? 'checked' : 'value'}
          rules={field.required ? [{ required: true, message: t(`请填写${field.label}`, `${field.label} is required`) }] : []}
        >
          <Control field={field} />
        </Form.Item>
      ))}
    </>
  );
}

/**
 * A button that opens a modal form and submits it: `onSubmit` gets the normalised values and returns the
 * API call's promise; a problem shows in the modal, success closes it. With `confirm`, a second dialog shows
 * what is about to happen (its text from the values) and only "确认" submits.
 */
export function ActionButton({
  label,
  title,
  fields,
  onSubmit,
  buttonProps,
  okText,
  testId,
  confirm,
  children,
}: {
  label: ReactNode;
  title: string;
  fields: ActionField[];
  onSubmit: (values: Values) => Promise<unknown>;
  buttonProps?: React.ComponentProps<typeof Button>;
  okText?: string;
  testId?: string;
  confirm?: (values: Values) => ReactNode;
  children?: ReactNode;
}) {
  const t = useT();
  const { lang } = useLang();
  const { modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const [form] = Form.useForm<Values>();
  const initial = Object.fromEntries(fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial]));
  const submit = async () => {
    const entered = await validated(form);
    if (entered === null) return;
    const values = normalise(fields, entered);
    if (confirm) {
      const confirmed = await modal.confirm({ title, content: confirm(values), okText: t('确认', 'Confirm'), cancelText: t('取消', 'Cancel') });
      if (!confirmed) return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      setOpen(false);
      form.resetFields();
    } catch (caught) {
      setError(caught);
      setUnmatched(applyProblemToForm(form, caught, lang, fields.map((f) => f.name)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" {...buttonProps} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal
        open={open}
        title={title}
        okText={okText ?? t('提交', 'Submit')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {Boolean(error) && <ProblemAlert error={error} extra={unmatched} labels={Object.fromEntries(fields.map((f) => [f.name, f.label]))} />}
        <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
          {children}
          <ActionFields fields={fields} />
        </Form>
      </Modal>
    </>
  );
}
