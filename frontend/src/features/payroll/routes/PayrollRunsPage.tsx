import { Card } from 'antd';
import { AutoTable } from '@/components/AutoTable';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { itemsOf } from '@/lib/define-call';
import { useT } from '@/lib/i18n';
import { runs } from '../api/get-runs';

export function PayrollRunsPage() {
  const t = useT();
  const query = runs.useCall({});
  return (
    <>
      <PageTitle title={t('薪酬发放', 'Payroll')} />
      <Card>
        <QueryState query={query} available={runs.available()} what={t('工资核算', 'payroll runs')} isEmpty={(d) => itemsOf(d).length === 0}>
          {(data) => <AutoTable rows={itemsOf(data)} />}
        </QueryState>
      </Card>
    </>
  );
}
