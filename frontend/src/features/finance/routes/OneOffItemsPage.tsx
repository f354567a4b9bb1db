import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Popconfirm, Space, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionForm';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { SheetImport } from '@/components/SheetImport';
import { WorkerPicker } from '@/components/WorkerPicker';
import { useSession } from '@/lib/auth';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { labelOf, RUN_KINDS, RUN_STATES } from '@/lib/vocab';
import { useCreateOneOffItem } from '../api/create-one-off-item';
import { useDeleteOneOffItem } from '../api/delete-one-off-item';
import { oneOffItemsAvailable, useOneOffItems } from '../api/get-one-off-items';
import { useOneOffKinds } from '../api/get-one-off-kinds';
import { useImportOneOffItems } from '../api/import-one-off-items';
import type { OneOffItem, OneOffItemIn } from '../api/types';
import { useUpdateOneOffItem } from '../api/update-one-off-item';

const EFFECT: Record<string, [string, string, string]> = {
  earning: ['应发', 'paid', 'green'],
  recovery: ['扣回（减应发）', 'recovered', 'orange'],
  deduction: ['从实发扣除', 'off the net', 'red'],
};

/** An item an approved (or paid) run carries is locked: the API refuses changes (one_off_item_paid). */
const itemLocked = (row: OneOffItem) => row.paid_by?.state === 'approved' || row.paid_by?.state === 'paid';

/** One-off items of a month (heating, subsidy, back pay, recovery, advance repaid): list, add, correct, import. */
export function OneOffItemsPage() {
  const t = useT();
  const { lang } = useLang();
  const session = useSession();
  const readOnly = session?.role === 'auditor';
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const key = month.format('YYYY-MM');
  const items = useOneOffItems(key);
  const kinds = useOneOffKinds();
  const create = useCreateOneOffItem();
  const update = useUpdateOneOffItem();
  const remove = useDeleteOneOffItem();
  const upload = useImportOneOffItems();
  const kindOptions = (kinds.data ?? []).map((k) => ({ value: k.code, label: lang === 'en' ? k.label_en : k.label_zh }));
  const kindOf = (code: string) => (kinds.data ?? []).find((k) => k.code === code);

  const list = (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} aria-label={t('月份', 'Month')} data-testid="one-off-month" />
        {!readOnly && (
          <ActionButton
            label={<><PlusOutlined /> {t('新增项目', 'Add an item')}</>}
            title={t(`${key} 一次性项目`, `One-off item for ${key}`)}
            testId="add-one-off"
            buttonProps={{ type: 'primary', size: 'middle' }}
            fields={[
              { name: 'kind', label: t('项目', 'Kind'), kind: 'select', required: true, options: kindOptions },
              { name: 'amount', label: t('金额（元）', 'Amount (yuan)'), kind: 'number', required: true, min: 0.01, step: 100 },
              { name: 'taxable', label: t('计入应纳税所得额', 'Taxable'), kind: 'switch', initial: true },
              { name: 'label_zh', label: t('工资条上的名称（可不填）', 'Wording on the payslip (optional)') },
              { name: 'basis', label: t('依据（文号、会议纪要、决定人）', 'Basis (document, minutes, who decided)'), kind: 'textarea', required: true },
            ]}
            onSubmit={(v) =>
              create.mutateAsync({
                worker_id: String(v.worker_id ?? ''),
                month: key,
                kind: v.kind as OneOffItemIn['kind'],
                amount: Number(v.amount).toFixed(2),
                taxable: v.taxable !== false,
                label_zh: (v.label_zh as string | null) ?? null,
                basis: String(v.basis ?? ''),
              })
            }
          >
            <WorkerField label={t('人员', 'Worker')} />
          </ActionButton>
        )}
      </Space>
      <ProblemAlert error={remove.error} />
      <QueryState query={items} available={oneOffItemsAvailable()} what={t('一次性项目', 'one-off items')}>
        {(rows) => (
          <Table<OneOffItem>
            rowKey="id"
            size="small"
            dataSource={rows}
            data-testid="one-off-items"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('本月没有一次性项目', 'No items this month') }}
            summary={(page) => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>{t(`共 ${page.length} 项`, `${page.length} items`)}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {formatMoney(page.reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0) / 100 + '')}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
            columns={[
              { title: t('姓名', 'Name'), dataIndex: 'worker_name' },
              { title: t('项目', 'Kind'), dataIndex: 'kind', render: (code: string, row) => <>{row.label_zh || kindOf(code)?.label_zh || code}</> },
              {
                title: t('类别', 'Effect'),
                key: 'effect',
                render: (_, row) => {
                  const effect = EFFECT[kindOf(row.kind)?.effect ?? ''];
                  return effect ? <Tag color={effect[2]}>{t(effect[0], effect[1])}</Tag> : null;
                },
              },
              { title: t('金额', 'Amount'), dataIndex: 'amount', align: 'right', render: formatMoney },
              { title: t('计税', 'Taxable'), dataIndex: 'taxable', render: (v: boolean) => (v ? t('是', 'yes') : t('否（免税）', 'no (exempt)')) },
              { title: t('依据', 'Basis'), dataIndex: 'basis' },
              { title: t('政策条款', 'Clause'), dataIndex: 'clause', ellipsis: true, width: 240 },
              {
                title: t('发放', 'Paid by'),
                key: 'paid_by',
                render: (_, row) =>
                  row.paid_by ? (
                    <Tag color={itemLocked(row) ? 'green' : 'blue'} data-testid="one-off-paid-by">
                      {labelOf(RUN_KINDS, row.paid_by.kind, lang)} · {labelOf(RUN_STATES, row.paid_by.state, lang)}
                    </Tag>
                  ) : (
                    <Tag>{t('未计入批次', 'Not in a run yet')}</Tag>
                  ),
              },
              ...(readOnly
                ? []
                : [
                    {
                      title: t('操作', 'Actions'),
                      key: 'actions',
                      render: (_: unknown, row: OneOffItem) =>
                        itemLocked(row) ? (
                          <span>{t('已审批，不能修改', 'Approved: locked')}</span>
                        ) : (
                        <Space>
                          <ActionButton
                            label={t('修改', 'Edit')}
                            title={t('修改一次性项目', 'Correct the item')}
                            fields={[
                              { name: 'amount', label: t('金额（元）', 'Amount (yuan)'), kind: 'number', required: true, min: 0.01, initial: Number(row.amount) },
                              { name: 'taxable', label: t('计入应纳税所得额', 'Taxable'), kind: 'switch', initial: row.taxable },
                              { name: 'label_zh', label: t('工资条上的名称', 'Wording on the payslip'), initial: row.label_zh },
                              { name: 'basis', label: t('依据', 'Basis'), kind: 'textarea', required: true, initial: row.basis },
                            ]}
                            onSubmit={(v) =>
                              update.mutateAsync({
                                id: row.id,
                                body: { amount: Number(v.amount).toFixed(2), taxable: v.taxable !== false, label_zh: (v.label_zh as string | null) ?? null, basis: String(v.basis ?? '') },
                              })
                            }
                          />
                          <Popconfirm title={t('删除这一项？', 'Remove this item?')} okText={t('删除', 'Remove')} cancelText={t('取消', 'Cancel')} onConfirm={() => remove.mutate(row.id)}>
                            <Button size="small" danger>
                              {t('删除', 'Remove')}
                            </Button>
                          </Popconfirm>
                        </Space>
                        ),
                    },
                  ]),
            ]}
          />
        )}
      </QueryState>
    </Space>
  );

  return (
    <>
      <PageTitle title={t('一次性项目（取暖费、补助、补发补扣等）', 'One-off items')} />
      <Tabs
        items={[
          { key: 'list', label: t('按月查看', 'By month'), children: list },
          ...(readOnly
            ? []
            : [
                {
                  key: 'import',
                  label: t('批量导入', 'Import'),
                  children: (
                    <Card size="small">
                      <SheetImport columns="工号, 月份, 项目, 金额, 是否计税, 依据（项目填中文名称，如：取暖费）" upload={upload} testId="one-off-import" />
                    </Card>
                  ),
                },
              ]),
        ]}
      />
    </>
  );
}

/** The worker field inside the add form (a Form.Item, so the API's worker_id error lands on it). */
function WorkerField({ label }: { label: string }) {
  const t = useT();
  return (
    <Form.Item name="worker_id" label={label} rules={[{ required: true, message: t('请选择人员', 'Choose a worker') }]}>
      <WorkerPicker id="one-off-worker" />
    </Form.Item>
  );
}
