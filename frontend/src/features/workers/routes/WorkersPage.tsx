import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { createWorkerAvailable } from '../api/create-worker';
import { useWorkers, workersAvailable } from '../api/get-workers';
import type { WorkerFilters as Filters } from '../api/types';
import { WorkerFilters } from '../components/WorkerFilters';
import { WorkersTable } from '../components/WorkersTable';

const WRITERS = ['township_officer', 'county_officer', 'city_officer', 'provincial_admin'];

export function WorkersPage() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  // Filters live in the URL so a list can be bookmarked and the back button works.
  const filters: Filters = useMemo(
    () => ({
      q: params.get('q') ?? undefined,
      status: params.get('status') ?? undefined,
      post: params.get('post') ?? undefined,
      region: params.get('region') ?? undefined,
      page: Number(params.get('page') ?? 1) || 1,
      size: Number(params.get('size') ?? 20) || 20,
    }),
    [params],
  );
  const update = (next: Partial<Filters>) => {
    const merged = { ...filters, ...next };
    const search = new URLSearchParams();
    Object.entries(merged).forEach(([key, value]) => {
      if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
    });
    setParams(search);
  };
  const query = useWorkers(filters);
  const canWrite = WRITERS.includes(session?.role ?? '');

  return (
    <>
      <PageTitle
        title={t('人员管理', 'Workers')}
        extra={
          canWrite && (
            <Space>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/workers/import')}>
                {t('Excel 导入', 'Excel import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} disabled={!createWorkerAvailable()} onClick={() => navigate('/workers/new')}>
                {t('登记人员', 'Register worker')}
              </Button>
            </Space>
          )
        }
      />
      <Card>
        <WorkerFilters value={filters} onChange={update} />
        <QueryState
          query={query}
          available={workersAvailable()}
          what={t('人员名单', 'worker list')}
          isEmpty={(data) => data.items.length === 0}
          emptyText={t('没有符合条件的人员', 'No workers match')}
        >
          {(data) => <WorkersTable data={data} loading={query.isFetching} onPage={(page, size) => update({ page, size })} />}
        </QueryState>
      </Card>
    </>
  );
}
