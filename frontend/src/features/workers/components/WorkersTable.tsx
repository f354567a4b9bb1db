import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { RegionName } from '@/components/Names';
import { EDUCATION, label, POSTS, STATUSES } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import type { WorkerOut, WorkerPage } from '../api/types';

export function WorkersTable({ data, loading, onPage }: { data: WorkerPage; loading?: boolean; onPage: (page: number, size: number) => void }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Table<WorkerOut>
      rowKey="id"
      loading={loading}
      dataSource={data.items}
      scroll={{ x: 'max-content' }}
      data-testid="workers-table"
      pagination={{
        current: data.page,
        pageSize: data.size,
        total: data.total,
        showSizeChanger: true,
        showTotal: (total) => t(`共 ${total} 人`, `${total} workers`),
        onChange: onPage,
      }}
      columns={[
        { title: t('姓名', 'Name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/workers/${row.id}`}>{name}</Link> },
        { title: t('身份证号', 'ID number'), dataIndex: 'national_id' },
        { title: t('社区', 'Community'), dataIndex: 'community_code', render: (code: string, row) => <RegionName code={code} name={row.community_name} /> },
        { title: t('岗位', 'Post'), dataIndex: 'post', render: (v: string) => label(POSTS, v, lang) },
        {
          title: t('状态', 'Status'),
          dataIndex: 'status',
          render: (v: string) => <Tag color={v === 'active' ? 'green' : v === 'probation' ? 'blue' : 'default'}>{label(STATUSES, v, lang)}</Tag>,
        },
        { title: t('学历', 'Education'), dataIndex: 'education_level', render: (v: string | null) => label(EDUCATION, v, lang) },
        { title: t('累计年限', 'Years'), dataIndex: 'cumulative_service_years' },
        { title: t('合同到期', 'Contract ends'), render: (_, row) => row.contract?.end ?? '—' },
      ]}
    />
  );
}
