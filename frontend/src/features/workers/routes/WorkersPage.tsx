import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tabs } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { createWorkerAvailable } from '../api/create-worker';
import { useExportWorkers } from '../api/export-workers';
import { useWorkers, workersAvailable } from '../api/get-workers';
import type { WorkerFilters as Query } from '../api/types';
import { ContractsEnding } from '../components/ContractsEnding';
import { WorkerFilters, type FilterValues } from '../components/WorkerFilters';
import { WorkersTable } from '../components/WorkersTable';

const WRITERS = ['township_officer', 'county_officer', 'city_officer', 'provincial_admin'];
const FILTER_KEYS = ['name', 'status', 'post', 'education', 'region'] as const;
// Officers also see the contracts ending in their jurisdiction (合同到期), a tab of the same page (?tab=contracts).
const OFFICERS = ['township_officer', 'party_secretary', 'county_officer', 'city_officer', 'provincial_admin', 'auditor'];

export function WorkersPage() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  // Filters live in the URL so a list can be bookmarked and the back button works.
  const filters: FilterValues = useMemo(
    () => Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined])),
    [params],
  );
  const page = Number(params.get('page') ?? 1) || 1;
  const size = Number(params.get('size') ?? 20) || 20;
  // Digits (up to a whole 18-digit ID number) search the ID number by its last digits; anything else, the name.
  const idLike = filters.name && /^[0-9Xx]{1,18}$/.test(filters.name.trim()) ? filters.name.trim().slice(-8) : undefined;
  const query: Query = {
    name: idLike ? undefined : filters.name,
    id_tail: idLike,
    post: filters.post,
    education: filters.education,
    region: filters.region,
    status: filters.status ? [filters.status] : undefined,
    page,
    size,
  } as Query;
  const setUrl = (next: FilterValues, nextPage: number, nextSize: number) => {
    const search = new URLSearchParams();
    Object.entries(next).forEach(([key, value]) => value && search.set(key, String(value)));
    if (nextPage > 1) search.set('page', String(nextPage));
    if (nextSize !== 20) search.set('size', String(nextSize));
    setParams(search);
  };
  const isOfficer = OFFICERS.includes(session?.role ?? '');
  const tab = isOfficer && params.get('tab') === 'contracts' ? 'contracts' : 'list';
  const workers = useWorkers(query);
  const canWrite = WRITERS.includes(session?.role ?? '');
  const exporter = useExportWorkers();
  const filtersOnly = Object.fromEntries(Object.entries(query).filter(([key]) => key !== 'page' && key !== 'size'));

  return (
    <>
      <PageTitle
        title={t('人员管理', 'Workers')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => exporter.mutate(filtersOnly)} data-testid="export-workers">
              {t('导出名单', 'Export list')}
            </Button>
            {canWrite && (
            <Space>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/workers/import')}>
                {t('Excel 导入', 'Excel import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} disabled={!createWorkerAvailable()} onClick={() => navigate('/workers/new')}>
                {t('登记人员', 'Register worker')}
              </Button>
            </Space>
            )}
          </Space>
        }
      />
      <ProblemAlert error={exporter.error} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'contracts' ? new URLSearchParams({ tab: key }) : new URLSearchParams())}
          items={[
            {
              key: 'list',
              label: t('人员名单', 'Workers'),
              children: (
                <>
                  <WorkerFilters value={filters} onChange={(next) => setUrl(next, 1, size)} />
                  <QueryState
                    query={workers}
                    available={workersAvailable()}
                    what={t('人员名单', 'worker list')}
                    isEmpty={(data) => data.items.length === 0}
                    emptyText={t('没有符合条件的人员', 'No workers match')}
                  >
                    {(data) => <WorkersTable data={data} loading={workers.isFetching} onPage={(p, s) => setUrl(filters, p, s)} />}
                  </QueryState>
                </>
              ),
            },
            ...(isOfficer
              ? [{ key: 'contracts', label: <span data-testid="tab-contracts-ending">{t('合同到期', 'Contracts ending')}</span>, children: <ContractsEnding /> }]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
