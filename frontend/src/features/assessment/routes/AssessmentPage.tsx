import { Card } from 'antd';
import { AutoTable } from '@/components/AutoTable';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { itemsOf } from '@/lib/define-call';
import { useT } from '@/lib/i18n';
import { cycles } from '../api/get-cycles';

export function AssessmentPage() {
  const t = useT();
  const query = cycles.useCall({});
  return (
    <>
      <PageTitle title={t('年度考核', 'Annual assessment')} />
      <Card>
        <QueryState query={query} available={cycles.available()} what={t('考核', 'assessment')} isEmpty={(d) => itemsOf(d).length === 0}>
          {(data) => <AutoTable rows={itemsOf(data)} />}
        </QueryState>
      </Card>
    </>
  );
}
