import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import type { Declaration, DeclarationIn, TaxRules } from '../api/types';
import { DeclarationButton } from './DeclarationButton';

/** Declarations of one worker and year, in words (kind and case labels from the tax rules), editable. */
export function DeclarationsTable({
  rows,
  rules,
  year,
  onSave,
  onDelete,
  readOnly,
}: {
  rows: Declaration[];
  rules: TaxRules;
  year: number;
  onSave: (id: number, body: DeclarationIn) => Promise<unknown>;
  onDelete: (id: number) => Promise<unknown>;
  readOnly?: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  const variantLabel = (row: Declaration) => {
    const variant = rules.deductions[row.kind]?.variants[row.variant];
    return variant ? (lang === 'en' ? variant.label_en : variant.label_zh) : row.variant;
  };
  return (
    <Table<Declaration>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="declarations-table"
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('暂无申报', 'No declarations') }}
      columns={[
        {
          title: t('扣除项目', 'Deduction'),
          dataIndex: 'kind',
          render: (kind: string, row) => (lang === 'en' ? rules.deductions[kind]?.label_en : row.kind_label_zh || rules.deductions[kind]?.label_zh) ?? kind,
        },
        { title: t('情形', 'Case'), key: 'variant', render: (_, row) => variantLabel(row) },
        { title: t('人数', 'Units'), dataIndex: 'units' },
        { title: t('金额', 'Amount'), dataIndex: 'amount', align: 'right', render: formatMoney },
        { title: t('期间', 'Months'), key: 'months', render: (_, row) => `${row.start_month} — ${row.end_month ?? `${year}-12`}` },
        { title: t('依据', 'Basis'), dataIndex: 'basis' },
        {
          title: t('来源', 'Source'),
          dataIndex: 'source',
          render: (source: string) => <Tag>{{ self: t('本人申报', 'by the worker'), officer: t('单位录入', 'entered'), import: t('批量导入', 'imported') }[source] ?? source}</Tag>,
        },
        ...(readOnly
          ? []
          : [
              {
                title: t('操作', 'Actions'),
                key: 'actions',
                render: (_: unknown, row: Declaration) => (
                  <Space>
                    <DeclarationButton rules={rules} year={year} existing={row} label={t('修改', 'Edit')} onSave={(body) => onSave(row.id, body)} />
                    <Popconfirm title={t('撤回这条申报？', 'Withdraw this declaration?')} okText={t('撤回', 'Withdraw')} cancelText={t('取消', 'Cancel')} onConfirm={() => onDelete(row.id)}>
                      <Button size="small" danger>
                        {t('撤回', 'Withdraw')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]),
      ]}
    />
  );
}
