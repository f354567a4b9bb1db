import { Card, Col, Row, Table, Tag } from 'antd';
import { useState } from 'react';
import { RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { useLang, useT } from '@/lib/i18n';
import { labelOf, SCHEME_STATES } from '@/lib/vocab';
import { useScheme } from '../api/get-scheme';
import { schemesAvailable, useSchemes } from '../api/get-schemes';
import type { SchemeSummary } from '../api/types';
import { InForceCard } from '../components/InForceCard';
import { SchemeEditor } from '../components/SchemeEditor';

const STATE_COLORS: Record<string, string> = { draft: 'orange', scheduled: 'blue', in_force: 'green', superseded: 'default' };

/** Pay-scheme versions of the provincial admin's region: view, draft the next, preview, publish. */
export function PaySchemePage() {
  const t = useT();
  const { lang } = useLang();
  const session = useSession();
  // Every version that applies to the jurisdiction or lies inside it (the API's own limit): Inner Mongolia's
  // admin (15) sees Songshan's (150404); `prefix` would ask for one exact prefix only.
  const schemes = useSchemes('');
  const [selected, setSelected] = useState<number>();
  const current = selected ?? schemes.data?.find((s) => s.state === 'in_force')?.id ?? schemes.data?.[0]?.id;
  const scheme = useScheme(current);
  // The version in force, for the editor's comparison (none when the in-force version is the one shown).
  const inForceId = schemes.data?.find((s) => s.state === 'in_force')?.id;
  const inForce = useScheme(inForceId);
  const canEdit = session?.role === 'provincial_admin';

  return (
    <>
      <PageTitle title={t('薪酬方案', 'Pay schemes')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <InForceCard onSelect={setSelected} />
          <Card size="small" title={t('版本', 'Versions')}>
            <QueryState query={schemes} available={schemesAvailable()} what={t('薪酬方案', 'pay schemes')} isEmpty={(d) => d.length === 0}>
              {(rows) => (
                <Table<SchemeSummary>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={rows}
                  data-testid="schemes-table"
                  onRow={(row) => ({ onClick: () => setSelected(row.id), style: { cursor: 'pointer', background: row.id === current ? '#fff1f0' : undefined } })}
                  columns={[
                    { title: t('名称', 'Name'), dataIndex: 'name' },
                    { title: t('地区', 'Region'), dataIndex: 'region_prefix', render: (v: string) => <RegionName code={v} /> },
                    { title: t('生效', 'From'), dataIndex: 'effective_from' },
                    { title: t('状态', 'State'), dataIndex: 'state', render: (v: string) => <Tag color={STATE_COLORS[v]}>{labelOf(SCHEME_STATES, v, lang)}</Tag> },
                  ]}
                />
              )}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('方案内容', 'Scheme document')}>
            {current === undefined ? null : (
              <QueryState query={scheme} what={t('薪酬方案', 'pay scheme')}>
                {(data) => <SchemeEditor key={data.id} scheme={data} onSelect={setSelected} canEdit={canEdit} baseline={(inForce.data?.document as Record<string, unknown> | undefined) ?? null} />}
              </QueryState>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
