import { Card } from 'antd';
import { Link } from 'react-router-dom';
import { AutoTable } from '@/components/AutoTable';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { itemsOf } from '@/lib/define-call';
import { formatValue } from '@/lib/format';
import { useT } from '@/lib/i18n';
import { campaigns } from '../api/get-campaigns';

export function CampaignsPage() {
  const t = useT();
  const query = campaigns.useCall({});
  return (
    <>
      <PageTitle title={t('招聘', 'Recruitment campaigns')} />
      <Card>
        <QueryState query={query} available={campaigns.available()} what={t('招聘计划', 'recruitment campaigns')} isEmpty={(d) => itemsOf(d).length === 0}>
          {(data) => (
            <AutoTable
              rows={itemsOf(data)}
              columns={[
                { title: t('招聘计划', 'Campaign'), dataIndex: 'title', render: (v, row) => <Link to={`/recruitment/${String(row.id)}`}>{formatValue(v ?? row.name)}</Link> },
                { title: t('区划', 'Region'), dataIndex: 'region_code', render: formatValue },
                { title: t('当前步骤', 'Step'), dataIndex: 'step', render: formatValue },
                { title: t('状态', 'Status'), dataIndex: 'status', render: formatValue },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
