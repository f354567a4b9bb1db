import { Card, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { ActionButton } from '@/components/ActionForm';
import { PersonName, RegionName } from '@/components/Names';
import { QueryState } from '@/components/QueryState';
import { useRegionOptions } from '@/components/RegionSelect';
import { useLang, useT } from '@/lib/i18n';
import { DECISION_STATUS, formatDateTime } from '@/lib/vocab';
import { useDecideCommunityNumber } from '../api/decide-community-number';
import { useFileCommunityNumber } from '../api/file-community-number';
import { useCommunityNumbers } from '../api/get-community-numbers';
import { useProposeCommunityNumber } from '../api/propose-community-number';
import { DecisionCell } from './DecisionCell';

const STATUS = DECISION_STATUS;
const DECIDERS = ['county_officer', 'city_officer', 'provincial_admin'];

/**
 * A community's number of workers (IM art.6): the county proposes it, another officer of the level the rule names
 * approves it, the county files it with the city (备案). Once approved it replaces the households formula.
 */
export function CommunityNumbers({ region, role }: { region: string; role: string }) {
  const t = useT();
  const { lang } = useLang();
  const numbers = useCommunityNumbers(region);
  const propose = useProposeCommunityNumber();
  const decide = useDecideCommunityNumber();
  const file = useFileCommunityNumber();
  const officer = DECIDERS.includes(role);
  // A number is set for one community (IM art.6), chosen by name among those of the jurisdiction.
  const { options: communities, isLoading: communitiesLoading } = useRegionOptions(['community'], region);
  return (
    <Card
      size="small"
      title={t('社区核定人数', 'Community numbers')}
      style={{ marginTop: 12 }}
      data-testid="community-numbers"
      extra={
        officer && (
          <ActionButton
            label={t('提出核定人数', 'Propose a number')}
            title={t('提出社区核定人数（经批准后取代测算编额）', "Propose a community's number (replaces the formula once approved)")}
            testId="propose-community-number"
            buttonProps={{ disabled: communitiesLoading }}
            fields={[
              {
                name: 'region_code',
                label: t('社区', 'Community'),
                kind: 'select',
                options: communities.map(({ value, label }) => ({ value, label })),
                required: true,
                initial: communities.some((c) => c.value === region) ? region : undefined,
              },
              { name: 'number', label: t('核定人数', 'Number of workers'), kind: 'number', required: true, min: 1 },
              { name: 'reason', label: t('测算说明', 'Reason'), kind: 'textarea', required: true },
              { name: 'valid_from', label: t('生效日期', 'Valid from'), kind: 'date' },
            ]}
            onSubmit={(v) => propose.mutateAsync(v as never)}
          />
        )
      }
    >
      <QueryState query={numbers} what={t('核定人数', 'numbers')} isEmpty={(d) => d.length === 0} emptyText={t('没有核定人数', 'No numbers')}>
        {(rows) => (
          <Table
            size="small"
            rowKey="id"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('社区', 'Community'), dataIndex: 'region_code', render: (v: string) => <RegionName code={v} /> },
              { title: t('核定人数', 'Number'), dataIndex: 'number' },
              { title: t('生效日期', 'Valid from'), dataIndex: 'valid_from' },
              { title: t('测算说明', 'Reason'), dataIndex: 'reason' },
              {
                title: t('状态', 'Status'),
                dataIndex: 'status',
                render: (v: string) => <Tag color={STATUS[v]?.[2]}>{(lang === 'en' ? STATUS[v]?.[1] : STATUS[v]?.[0]) ?? v}</Tag>,
              },
              { title: t('提出人', 'Proposed by'), dataIndex: 'proposed_by', render: (v: string, row) => <><PersonName subject={v} /> {formatDateTime(row.proposed_at)}</> },
              {
                title: t('审批', 'Decision'),
                render: (_, row) => (
                  <DecisionCell
                    row={row}
                    canDecide={officer}
                    testIdPrefix="community-number"
                    what={['核定人数', 'number']}
                    onDecide={(decision, note) => decide.mutateAsync({ id: row.id, body: { decision, note } })}
                  />
                ),
              },
              {
                title: t('备案', 'Filed'),
                render: (_, row) =>
                  row.filed_on ? (
                    `${row.filed_with}（${row.filed_on}${row.filed_reference ? `，${row.filed_reference}` : ''}）`
                  ) : row.status === 'approved' && officer ? (
                    <ActionButton
                      label={t('登记备案', 'Record filing')}
                      title={t('登记向上级备案', 'Record the filing with the level above')}
                      testId="community-number-file"
                      buttonProps={{ size: 'small' }}
                      fields={[
                        { name: 'filed_with', label: t('备案机关', 'Filed with'), required: true },
                        { name: 'filed_on', label: t('备案日期', 'Filed on'), kind: 'date', required: true, initial: dayjs() },
                        { name: 'reference', label: t('备案文号', 'Reference') },
                      ]}
                      onSubmit={(v) => file.mutateAsync({ id: row.id, body: v as never })}
                    />
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
