// Education, vocational certificates and honours of a worker (issue 14): each list with its add form and a
// delete for a mistaken entry. The record's highest education and certificate follow these lists.
import type { UseQueryResult } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ActionButton, type ActionField } from '@/components/ActionForm';
import { CERTIFICATES, EDUCATION, label, options } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import { formatValue } from '@/lib/format';
import { HONOUR_LEVELS, labelOf, optionsOf } from '@/lib/vocab';
import { useAddCertificate } from '../api/add-certificate';
import { useAddEducation } from '../api/add-education';
import { useAddHonour } from '../api/add-honour';
import { useDeleteWorkerFact, type FactKind } from '../api/delete-worker-fact';
import { workerCertificates } from '../api/get-worker-certificates';
import { workerEducation } from '../api/get-worker-education';
import { workerHonours } from '../api/get-worker-honours';
import { RecordTable } from './WorkerHistory';

interface FactListProps<T extends { id: string }> {
  workerId: string;
  kind: FactKind;
  title: string;
  list: { useCall: (path: { worker_id: string }) => UseQueryResult<T[]>; available: () => boolean };
  columns: ColumnsType<T>;
  fields: ActionField[];
  add: (body: Record<string, unknown>) => Promise<unknown>;
  canEdit: boolean;
}

/** One list of the record with its add form and a delete per row. */
function FactList<T extends { id: string }>({ workerId, kind, title, list, columns, fields, add, canEdit }: FactListProps<T>) {
  const t = useT();
  const query = list.useCall({ worker_id: workerId });
  const { message } = App.useApp();
  const remove = useDeleteWorkerFact();
  const actions: ColumnsType<T> = canEdit
    ? [
        {
          title: t('操作', 'Action'),
          key: 'action',
          render: (_, row) => (
            <Popconfirm
              title={t('删除这条记录？（记入审计）', 'Delete this entry? (audited)')}
              okText={t('删除', 'Delete')}
              cancelText={t('取消', 'Cancel')}
              onConfirm={() => remove.mutateAsync({ workerId, kind, recordId: row.id }).then(() => message.success(t('已删除', 'Deleted')))}
            >
              <Button size="small" danger>
                {t('删除', 'Delete')}
              </Button>
            </Popconfirm>
          ),
        },
      ]
    : [];
  return (
    <div style={{ marginBottom: 24 }} data-testid={`worker-${kind}`}>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{title}</Typography.Text>
        {canEdit && (
          <ActionButton label={t('增加', 'Add')} title={t(`增加${title}`, `Add: ${title}`)} testId={`add-${kind}`} fields={fields} onSubmit={(v) => add(v).then(() => message.success(t('已增加', 'Added')))} />
        )}
      </Space>
      <RecordTable query={query} available={list.available()} what={title} columns={[...columns, ...actions]} emptyText={t('暂无记录', 'None recorded')} />
    </div>
  );
}

export function WorkerQualifications({ workerId, canEdit }: { workerId: string; canEdit: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const common = { workerId, canEdit };
  const addEducation = useAddEducation();
  const addCertificate = useAddCertificate();
  const addHonour = useAddHonour();
  return (
    <>
      <FactList
        {...common}
        kind="education"
        title={t('学历', 'Education')}
        list={workerEducation}
        columns={[
          { title: t('学历', 'Level'), dataIndex: 'level', render: (v: string) => label(EDUCATION, v, lang) },
          { title: t('毕业院校', 'Institution'), dataIndex: 'institution', render: formatValue },
          { title: t('毕业日期', 'Graduated'), dataIndex: 'graduated_on' },
          { title: t('在职教育', 'In service'), dataIndex: 'in_service', render: (v: boolean) => (v ? t('是', 'yes') : t('否', 'no')) },
        ]}
        fields={[
          { name: 'level', label: t('学历', 'Level'), kind: 'select', required: true, options: options(EDUCATION, lang) },
          { name: 'institution', label: t('毕业院校', 'Institution') },
          // No in-service switch: the registry derives it from this date and the start of the worker's current
          // service (after it: in service), as payroll's grade does (POLICY §4).
          { name: 'graduated_on', label: t('毕业日期', 'Graduated on'), kind: 'date', required: true },
        ]}
        add={(body) => addEducation.mutateAsync({ workerId, body: body as never })}
      />
      <FactList
        {...common}
        kind="certificates"
        title={t('职业资格', 'Certificates')}
        list={workerCertificates}
        columns={[
          { title: t('职业资格', 'Certificate'), dataIndex: 'level', render: (v: string) => label(CERTIFICATES, v, lang) },
          { title: t('取得日期', 'Approved'), dataIndex: 'approved_on' },
        ]}
        fields={[
          { name: 'level', label: t('职业资格', 'Certificate'), kind: 'select', required: true, options: options(CERTIFICATES, lang) },
          { name: 'approved_on', label: t('取得日期', 'Approved on'), kind: 'date', required: true },
        ]}
        add={(body) => addCertificate.mutateAsync({ workerId, body: body as never })}
      />
      <FactList
        {...common}
        kind="honours"
        title={t('表彰', 'Honours')}
        list={workerHonours}
        columns={[
          { title: t('表彰层级', 'Level'), dataIndex: 'level', render: (v: string) => labelOf(HONOUR_LEVELS, v, lang) },
          { title: t('表彰名称', 'Title'), dataIndex: 'title', render: formatValue },
          { title: t('表彰日期', 'Awarded'), dataIndex: 'awarded_on' },
        ]}
        fields={[
          { name: 'level', label: t('表彰层级', 'Level'), kind: 'select', required: true, options: optionsOf(HONOUR_LEVELS, lang) },
          { name: 'title', label: t('表彰名称', 'Title') },
          { name: 'awarded_on', label: t('表彰日期', 'Awarded on'), kind: 'date', required: true },
        ]}
        add={(body) => addHonour.mutateAsync({ workerId, body: body as never })}
      />
    </>
  );
}
