// 续聘 on the worker's current contract: the registry's answer for today (new term, the assessment it rests on,
// whether it may be decided now and why not), then a confirmation; a refusal shows in the dialog in Chinese.
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal, Spin, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useLang, useT } from '@/lib/i18n';
import { validated } from '@/lib/validated';
import { contractRenewalAvailable, useContractRenewal } from '../api/get-contract-renewal';
import { renewContractAvailable, useRenewContract } from '../api/renew-contract';
import type { WorkerDetail } from '../api/types';
import { assessmentBasis, renewalConfirmText, renewalCondition, renewalStatusColor, renewalStatusLabel } from '../lib/renewal';

type Values = { end?: Dayjs | null; reason?: string };

export function ContractRenewalButton({ worker }: { worker: WorkerDetail }) {
  const t = useT();
  const { lang } = useLang();
  const { modal, message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const preview = useContractRenewal(worker.id, open);
  const renew = useRenewContract();
  const data = preview.data;

  const submit = async () => {
    if (!data) return;
    const values = await validated(form);
    if (!values) return;
    const end = values.end ? values.end.format('YYYY-MM-DD') : null;
    const confirmed = await modal.confirm({
      title: t('确认续聘', 'Confirm renewal'),
      content: renewalConfirmText(worker.name, data, end, lang),
      okText: t('确认', 'Confirm'),
      cancelText: t('取消', 'Cancel'),
    });
    if (!confirmed) return;
    try {
      await renew.mutateAsync({ workerId: worker.id, body: { current_end: data.current.end, end, reason: values.reason || null } });
    } catch {
      return; // the refusal is shown in the dialog (ProblemAlert of renew.error)
    }
    message.success(t('已续聘', 'Contract renewed'));
    setOpen(false);
    form.resetFields();
  };

  return (
    <>
      <Button size="small" disabled={!contractRenewalAvailable() || !renewContractAvailable()} onClick={() => { renew.reset(); setOpen(true); }} data-testid="contract-renewal">
        {t('续聘', 'Renew')}
      </Button>
      <Modal
        open={open}
        title={t(`续聘：${worker.name}`, `Renew ${worker.name}'s contract`)}
        okText={t('续聘', 'Renew')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ disabled: !data?.allowed, 'data-testid': 'contract-renewal-submit' } as never}
        confirmLoading={renew.isPending}
        onOk={() => submit().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <ProblemAlert error={preview.error ?? renew.error} />
        {preview.isLoading && <Spin />}
        {data && (
          <>
            <Descriptions size="small" column={1} bordered data-testid="contract-renewal-preview" style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('当前合同', 'Current contract')}>{`${data.current.start} — ${data.current.end}`}</Descriptions.Item>
              <Descriptions.Item label={t('续聘后合同', 'New contract')}>
                {`${data.next_start} — ${data.next_end}（${data.term_years} ${t('年', 'years')}）`}
              </Descriptions.Item>
              <Descriptions.Item label={t('续聘条件', 'Condition')}>{renewalCondition(data.renewal_condition, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('考核依据', 'Assessment')}>{assessmentBasis(data, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('续聘资格', 'Eligibility')}>
                <Tag color={renewalStatusColor(data.renewal_status)}>{renewalStatusLabel(data.renewal_status, lang)}</Tag>
                {lang === 'en' ? data.message_en : data.message_zh}
              </Descriptions.Item>
            </Descriptions>
            {data.refusal ? (
              <Alert type="warning" showIcon data-testid="contract-renewal-refusal" title={lang === 'en' ? data.refusal.message_en : data.refusal.message_zh} />
            ) : (
              <Form form={form} layout="vertical">
                <Form.Item name="end" label={t('提前结束日（可选）', 'Earlier end (optional)')} extra={t(`不填则按聘期至 ${data.next_end}`, `Empty: the full term, to ${data.next_end}`)}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="reason" label={t('备注', 'Note')}>
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
              </Form>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
