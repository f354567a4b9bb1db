import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { validated } from '@/lib/validated';
import { useAllRegions, useCreateRegion, useRegionHistory, useRetireRegion, useUpdateRegion, type Region } from '../api/regions';
import { CommunityComposition } from '../components/CommunityComposition';

const LEVELS: Record<string, [string, string]> = {
  province: ['省（区）', 'Province'],
  city: ['市', 'City'],
  county: ['县（区）', 'County'],
  township: ['街道（乡镇）', 'Township'],
  community: ['社区', 'Community'],
};
const URBAN_RURAL: Record<string, [string, string]> = { urban: ['城市社区', 'Urban'], rural: ['农村社区', 'Rural'] };

interface CreateValues {
  parent: string;
  suffix: string;
  name: string;
  households?: number;
  residents?: number;
  urban_rural?: 'urban' | 'rural';
  established_on: Dayjs;
}

function CreateRegionForm({ regions }: { regions: Region[] }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateRegion();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const parent = Form.useWatch('parent', form);
  const parents = regions
    .filter((r) => (r.level === 'county' || r.level === 'township') && !r.retired_on)
    .map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }));
  const submit = (values: CreateValues) => {
    setUnmatched([]);
    const { parent: code, suffix, established_on, ...rest } = values;
    create.mutate(
      { ...rest, code: `${code}${suffix}`, established_on: established_on.format('YYYY-MM-DD') },
      {
        onSuccess: () => form.resetFields(),
        onError: (error) => setUnmatched(applyProblemToForm(form, error, lang, ['name', 'households', 'residents', 'urban_rural', 'established_on'])),
      },
    );
  };
  return (
    <Form form={form} layout="inline" onFinish={submit} data-testid="create-region-form" style={{ rowGap: 8 }} initialValues={{ established_on: dayjs() }}>
      {create.isError && <ProblemAlert error={create.error} extra={unmatched} />}
      <Form.Item name="parent" label={t('上级区划', 'Parent')} rules={[{ required: true, message: t('请选择上级区划', 'Choose the parent') }]}>
        <Select style={{ width: 220 }} showSearch optionFilterProp="label" options={parents} />
      </Form.Item>
      <Form.Item
        name="suffix"
        label={t('本级代码', 'Own digits')}
        rules={[{ required: true, pattern: /^\d{3}$/, message: t('请输入 3 位数字', 'Enter 3 digits') }]}
        extra={parent ? t(`完整代码：${parent}xxx`, `Full code: ${parent}xxx`) : undefined}
      >
        <Input style={{ width: 80 }} maxLength={3} />
      </Form.Item>
      <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, message: t('请输入名称', 'Enter a name') }]}>
        <Input style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="households" label={t('户数', 'Households')}>
        <InputNumber min={0} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="residents" label={t('常住人口', 'Residents')}>
        <InputNumber min={0} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="urban_rural" label={t('城乡类型', 'Urban or rural')}>
        <Select style={{ width: 120 }} options={Object.entries(URBAN_RURAL).map(([value, l]) => ({ value, label: t(l[0], l[1]) }))} />
      </Form.Item>
      <Form.Item name="established_on" label={t('设立日期', 'Established on')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        {t('新增区划', 'Add region')}
      </Button>
    </Form>
  );
}

type Dialog = { kind: 'rename' | 'retire'; region: Region } | null;

const CHANGES: Record<string, [string, string]> = {
  create: ['设立', 'Added'],
  rename: ['更名', 'Renamed'],
  update: ['修改信息', 'Changed'],
  retire: ['撤销', 'Retired'],
};

/** The region's dated changes, oldest first. */
function HistoryDialog({ region, onClose }: { region: Region | null; onClose: () => void }) {
  const t = useT();
  const history = useRegionHistory(region?.code ?? null);
  return (
    <Modal open={!!region} title={region ? t(`变更历史：${region.name}`, `History of ${region.name}`) : ''} onCancel={onClose} footer={null}>
      <QueryState query={history} what={t('变更历史', 'history')} isEmpty={(d) => d.length === 0} emptyText={t('没有变更记录', 'No changes recorded')}>
        {(items) => (
          <Timeline
            items={items.map((change) => ({
              key: change.id,
              children: `${change.effective_from} ${CHANGES[change.action] ? t(CHANGES[change.action][0], CHANGES[change.action][1]) : ''}${
                change.action === 'rename' ? `：${String(change.before?.name ?? '')} → ${String(change.after?.name ?? '')}` : ''
              }${change.reason ? `（${change.reason}）` : ''}`,
            }))}
          />
        )}
      </QueryState>
    </Modal>
  );
}

function ChangeDialog({ dialog, onClose }: { dialog: Dialog; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ name?: string; on: Dayjs; reason: string }>();
  const update = useUpdateRegion();
  const retire = useRetireRegion();
  const pending = update.isPending || retire.isPending;
  const submit = async () => {
    const values = await validated(form);
    if (values === null) return;
    const done = { onSuccess: () => { form.resetFields(); onClose(); } };
    if (!dialog) return;
    if (dialog.kind === 'rename') {
      update.mutate({ code: dialog.region.code, body: { name: values.name, effective_from: values.on.format('YYYY-MM-DD'), reason: values.reason } }, done);
    } else {
      retire.mutate({ code: dialog.region.code, body: { on: values.on.format('YYYY-MM-DD'), reason: values.reason } }, done);
    }
  };
  return (
    <Modal
      open={!!dialog}
      title={dialog ? (dialog.kind === 'rename' ? t(`更名：${dialog.region.name}`, `Rename ${dialog.region.name}`) : t(`撤销：${dialog.region.name}`, `Retire ${dialog.region.name}`)) : ''}
      onOk={submit}
      confirmLoading={pending}
      onCancel={onClose}
      destroyOnHidden
    >
      {(update.isError || retire.isError) && <ProblemAlert error={update.error ?? retire.error} />}
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }}>
        {dialog?.kind === 'rename' && (
          <Form.Item name="name" label={t('新名称', 'New name')} rules={[{ required: true, message: t('请输入新名称', 'Enter the new name') }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="on" label={t('生效日期', 'Effective from')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="reason" label={t('依据或原因', 'Basis or reason')} rules={[{ required: dialog?.kind === 'retire', message: t('请填写原因', 'Give the reason') }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 区划管理: a county or higher officer adds, renames or retires townships and communities (dated, audited). */
export function RegionsPage() {
  const t = useT();
  const session = useSession()!;
  const regions = useAllRegions(session.jurisdiction);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [historyOf, setHistoryOf] = useState<Region | null>(null);
  const [compositionOf, setCompositionOf] = useState<Region | null>(null);
  const label = (labels: Record<string, [string, string]>, code?: string | null) => (code && labels[code] ? t(labels[code][0], labels[code][1]) : '');
  const columns = [
    { title: t('区划代码', 'Code'), dataIndex: 'code', key: 'code' },
    { title: t('名称', 'Name'), dataIndex: 'name', key: 'name' },
    { title: t('层级', 'Level'), dataIndex: 'level', key: 'level', render: (level: string) => label(LEVELS, level) },
    { title: t('户数', 'Households'), dataIndex: 'households', key: 'households' },
    { title: t('常住人口', 'Residents'), dataIndex: 'residents', key: 'residents' },
    { title: t('城乡类型', 'Urban or rural'), dataIndex: 'urban_rural', key: 'urban_rural', render: (v: string | null) => label(URBAN_RURAL, v) },
    {
      title: t('状态', 'State'),
      key: 'state',
      render: (_: unknown, region: Region) =>
        region.retired_on ? <Tag>{t(`${region.retired_on} 起撤销`, `Retired from ${region.retired_on}`)}</Tag> : <Tag color="green">{t('在用', 'In use')}</Tag>,
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_: unknown, region: Region) => (
        <Space size={4}>
          <Button size="small" type="link" onClick={() => setHistoryOf(region)}>{t('历史', 'History')}</Button>
          {region.level === 'community' && (
            <Button size="small" type="link" onClick={() => setCompositionOf(region)}>{t('两委构成', 'Composition')}</Button>
          )}
          {!region.retired_on && (
            <>
              <Button size="small" onClick={() => setDialog({ kind: 'rename', region })}>{t('更名', 'Rename')}</Button>
              <Button size="small" danger onClick={() => setDialog({ kind: 'retire', region })}>{t('撤销', 'Retire')}</Button>
            </>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageTitle title={t('区划管理', 'Regions')} />
      <QueryState query={regions} what={t('区划', 'regions')} isEmpty={(d) => d.length === 0} emptyText={t('没有区划', 'No regions')}>
        {(data) => (
          <>
            <Card title={t('新增街道（乡镇）或社区', 'Add a township or community')} style={{ marginBottom: 16 }}>
              <CreateRegionForm regions={data} />
            </Card>
            <Card>
              <Table data-testid="regions-table" rowKey="code" size="small" columns={columns} dataSource={data.filter((r) => r.level === 'township' || r.level === 'community')} pagination={{ pageSize: 50 }} />
            </Card>
          </>
        )}
      </QueryState>
      <ChangeDialog dialog={dialog} onClose={() => setDialog(null)} />
      <HistoryDialog region={historyOf} onClose={() => setHistoryOf(null)} />
      <Modal open={!!compositionOf} title={compositionOf ? t(`“两委”构成：${compositionOf.name}`, `Committee composition of ${compositionOf.name}`) : ''} onCancel={() => setCompositionOf(null)} footer={null} destroyOnHidden>
        {compositionOf && <CommunityComposition code={compositionOf.code} />}
      </Modal>
    </>
  );
}
