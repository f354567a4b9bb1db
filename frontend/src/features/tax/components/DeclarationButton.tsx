import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatMoney } from '@/lib/format';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import { validated } from '@/lib/validated';
import type { Declaration, DeclarationIn, TaxRules } from '../api/types';
import { capText } from './caps';

interface Values {
  kind: string;
  variant: string;
  units?: number;
  amount: number;
  start_month: Dayjs;
  end_month?: Dayjs | null;
  basis: string;
}

/**
 * Declare or correct a deduction: the kinds and their variants in Chinese from the year's tax rules, with the
 * cap of the chosen variant shown; the amount is per month (a once-a-year item: the year's amount).
 */
export function DeclarationButton({
  rules,
  year,
  existing,
  onSave,
  label,
  testId,
}: {
  rules: TaxRules;
  year: number;
  existing?: Declaration;
  onSave: (body: DeclarationIn) => Promise<unknown>;
  label: string;
  testId?: string;
}) {
  const t = useT();
  const { lang } = useLang();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const variant = Form.useWatch('variant', form);
  const definition = kind ? rules.deductions[kind] : undefined;
  const chosen = definition && variant ? definition.variants[variant] : undefined;
  const initial: Partial<Values> = existing
    ? {
        kind: existing.kind,
        variant: existing.variant,
        units: existing.units,
        amount: Number(existing.amount),
        start_month: dayjs(existing.start_month),
        end_month: existing.end_month ? dayjs(existing.end_month) : null,
        basis: existing.basis,
      }
    : { start_month: dayjs(`${year}-01`), units: 1 };

  const submit = async () => {
    const values = await validated(form);
    if (values === null) return;
    setBusy(true);
    setError(null);
    try {
      await onSave({
        kind: values.kind,
        variant: values.variant,
        units: values.units ?? 1,
        amount: Number(values.amount).toFixed(2),
        start_month: values.start_month.format('YYYY-MM'),
        end_month: values.end_month ? values.end_month.format('YYYY-MM') : null,
        basis: values.basis,
      });
      setOpen(false);
    } catch (caught) {
      setError(caught);
      applyProblemToForm(form, caught, lang, ['kind', 'variant', 'units', 'amount', 'start_month', 'end_month', 'basis']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" type={existing ? 'default' : 'primary'} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal
        open={open}
        title={existing ? t('修改扣除申报', 'Correct the declaration') : t(`${year} 年度扣除申报`, `Declare a deduction for ${year}`)}
        okText={t('提交', 'Submit')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {Boolean(error) && <ProblemAlert error={error} />}
        <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
          <Form.Item name="kind" label={t('扣除项目', 'Deduction')} rules={[{ required: true, message: t('请选择扣除项目', 'Choose a deduction') }]}>
            <Select
              options={Object.entries(rules.deductions).map(([code, k]) => ({ value: code, label: lang === 'en' ? k.label_en : k.label_zh }))}
              onChange={(value: string) => {
                const variants = Object.keys(rules.deductions[value]?.variants ?? {});
                form.setFieldValue('variant', variants.length === 1 ? variants[0] : undefined);
              }}
            />
          </Form.Item>
          {definition && (
            <Form.Item name="variant" label={t('情形', 'Case')} rules={[{ required: true, message: t('请选择情形', 'Choose the case') }]}>
              <Select
                options={Object.entries(definition.variants).map(([code, v]) => ({
                  value: code,
                  label: `${lang === 'en' ? v.label_en : v.label_zh}（${capText(v, definition, t)}）`,
                }))}
              />
            </Form.Item>
          )}
          {definition?.clause && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={definition.clause} />}
          {definition?.per_unit && (
            <Form.Item name="units" label={t(`人数（${definition.unit_zh || '人'}）`, 'Units')} rules={[{ required: true }]}>
              <InputNumber min={1} max={20} style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item
            name="amount"
            label={chosen?.once_a_year ? t('全年扣除金额（元）', 'Amount for the year (yuan)') : t('每月扣除金额（元）', 'Amount per month (yuan)')}
            extra={chosen ? t(`扣除标准：${capText(chosen, definition!, t)}`, `Cap: ${capText(chosen, definition!, t)}`) : undefined}
            rules={[{ required: true, message: t('请填写金额', 'Amount is required') }]}
          >
            <InputNumber min={0.01} step={100} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="start_month" label={t('起始月份', 'From month')} rules={[{ required: true, message: t('请选择起始月份', 'Choose the first month') }]}>
            <DatePicker picker="month" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="end_month" label={t('截止月份（不填为至12月）', 'To month (empty: December)')}>
            <DatePicker picker="month" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="basis"
            label={t('扣除依据', 'What it rests on')}
            extra={t('如：子女姓名及就读学校、贷款合同、租赁城市、赡养对象及分摊方式', 'e.g. child and school, loan contract, city rented in, parent and sharing')}
            rules={[{ required: true, message: t('请填写扣除依据', 'Say what it rests on') }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
        {definition?.annual_cap && (
          <Alert type="warning" showIcon title={t(`本项目全年上限 ${formatMoney(definition.annual_cap)}`, `Annual cap ${formatMoney(definition.annual_cap)}`)} />
        )}
      </Modal>
    </>
  );
}
