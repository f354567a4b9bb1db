// 合同到期: employed workers of the officer's jurisdiction whose contract ends within the window (the rule's
// reminder window unless another is picked; contracts already ended but not yet decided included), by name,
// community and post, with the renewal eligibility, so an HR officer sees who needs a decision.
import { Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/QueryState';
import { useLang, useT } from '@/lib/i18n';
import { contractsEndingAvailable, useContractsEnding, type ContractEnding } from '../api/get-contracts-ending';
import { assessmentBasis, daysLeftText, renewalStatusColor, renewalStatusLabel } from '../lib/renewal';

const WINDOWS = ['rule', '30', '90', '180', '365'] as const;

export function ContractsEnding() {
  const t = useT();
  const { lang } = useLang();
  const [window, setWindow] = useState<(typeof WINDOWS)[number]>('rule');
  const query = window === 'rule' ? {} : { within_days: Number(window) };
  const ending = useContractsEnding(query);

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t('到期时间', 'Ending within')}</span>
        <Segmented
          data-testid="contracts-ending-window"
          value={window}
          onChange={(value) => setWindow(value as (typeof WINDOWS)[number])}
          options={WINDOWS.map((w) => ({ value: w, label: w === 'rule' ? t('按规定提醒期', 'Rule window') : t(`${w} 天内`, `${w} days`) }))}
        />
        {ending.data && (
          <Typography.Text type="secondary">{t(`截至 ${ending.data.until}`, `until ${ending.data.until}`)}</Typography.Text>
        )}
      </Space>
      <QueryState
        query={ending}
        available={contractsEndingAvailable()}
        what={t('合同到期名单', 'contracts ending')}
        isEmpty={(data) => data.items.length === 0}
        emptyText={t('期内没有到期的合同', 'No contract ends in the window')}
      >
        {(data) => (
          <>
            {!data.assessment_available && (
              <Typography.Paragraph type="warning">{t('考核服务暂不可用，续聘资格暂无法判断', 'Assessment service unavailable: eligibility unknown')}</Typography.Paragraph>
            )}
            <Table<ContractEnding>
              size="small"
              rowKey="worker_id"
              dataSource={data.items}
              loading={ending.isFetching}
              data-testid="contracts-ending"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('姓名', 'Name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/workers/${row.worker_id}`}>{name}</Link> },
                { title: t('社区', 'Community'), dataIndex: 'community_name' },
                { title: t('岗位', 'Post'), dataIndex: 'post_label_zh', render: (zh: string, row) => (lang === 'en' ? row.post_label_en : zh) },
                { title: t('合同期', 'Contract'), render: (_, row) => `${row.contract_start} — ${row.contract_end}` },
                {
                  title: t('距到期', 'Left'),
                  dataIndex: 'days_left',
                  render: (days: number) => <span style={days < 0 ? { color: '#cf1322' } : undefined}>{daysLeftText(days, lang)}</span>,
                },
                { title: t('考核依据', 'Assessment'), render: (_, row) => assessmentBasis(row, lang) },
                {
                  title: t('续聘资格', 'Renewal'),
                  dataIndex: 'renewal_status',
                  render: (status: string, row) => (
                    <span title={lang === 'en' ? row.message_en : row.message_zh}>
                      <Tag color={renewalStatusColor(status)}>{renewalStatusLabel(status, lang)}</Tag>
                    </span>
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
