import { Card, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageTitle } from '@/components/PageTitle';
import { RegionName } from '@/components/Names';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { roleMay } from '@/lib/duties';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { labelOf, RUN_KINDS } from '@/lib/vocab';
import { runsAvailable, useRuns } from '../api/get-runs';
import { startRunAvailable } from '../api/start-run';
import type { Run } from '../api/types';
import { RunStateTag } from '../components/RunStateTag';
import { StartRunForm } from '../components/StartRunForm';

export function PayrollRunsPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const session = useSession();
  const [page, setPage] = useState({ page: 1, size: 20 });
  const runs = useRuns(page);
  // Finance officers approve and pay; they do not start runs (the role matrix, docs/roles.md).
  const canStart = roleMay(session?.role, 'payroll_run.start') && startRunAvailable();
  return (
    <>
      <PageTitle title={t('薪酬发放', 'Payroll')} />
      {canStart && (
        <Card title={t('开始一次工资核算', 'Start a payroll run')} style={{ marginBottom: 16 }}>
          <StartRunForm defaultRegion={session?.jurisdiction ?? ''} onStarted={(run) => navigate(`/payroll/runs/${run.id}`)} />
        </Card>
      )}
      <Card title={t('工资核算记录', 'Payroll runs')}>
        <QueryState query={runs} available={runsAvailable()} what={t('工资核算', 'payroll runs')} isEmpty={(d) => d.items.length === 0} emptyText={t('还没有工资核算', 'No payroll runs yet')}>
          {(data) => (
            <Table<Run>
              rowKey="id"
              size="small"
              dataSource={data.items}
              scroll={{ x: 'max-content' }}
              data-testid="runs-table"
              pagination={{ current: data.page, pageSize: data.size, total: data.total, onChange: (p, s) => setPage({ page: p, size: s }) }}
              columns={[
                { title: t('月份', 'Month'), dataIndex: 'month', render: (v, row) => <Link to={`/payroll/runs/${row.id}`}>{v}</Link> },
                { title: t('区划', 'Region'), dataIndex: 'region_code', render: (v: string) => <RegionName code={v} /> },
                { title: t('类别', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(RUN_KINDS, v, lang) },
                { title: t('状态', 'State'), render: (_, row) => <RunStateTag state={row.state} jobStatus={row.job_status} /> },
                { title: t('人数', 'Workers'), dataIndex: 'worker_count' },
                { title: t('应发合计', 'Gross'), dataIndex: 'gross_total', align: 'right', render: formatMoney },
                { title: t('实发合计', 'Net'), dataIndex: 'net_total', align: 'right', render: formatMoney },
                { title: t('单位成本', 'Employer cost'), dataIndex: 'employer_total', align: 'right', render: formatMoney },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
