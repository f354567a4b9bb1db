import { Card, Descriptions, Steps } from 'antd';
import { useParams } from 'react-router-dom';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { formatValue } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { campaign } from '../api/get-campaign';

// POLICY.md §3 (IM art.8–12): the seven steps, in order.
const STEPS: [string, string][] = [
  ['制定招聘方案', 'Plan'],
  ['发布招聘公告', 'Announcement'],
  ['报名与资格审查', 'Registration & eligibility'],
  ['笔试与面试', 'Written test & interview'],
  ['体检', 'Medical'],
  ['考察', 'Background check'],
  ['公示拟聘用人员名单', 'Public notice'],
];

export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const query = campaign.useCall({ campaign_id: campaignId });
  return (
    <QueryState query={query} available={campaign.available()} what={t('招聘计划', 'campaign')}>
      {(data) => {
        const current = typeof data.step === 'number' ? data.step - 1 : Math.max(0, (data.steps ?? []).filter((s) => s.done_at).length);
        return (
          <>
            <PageTitle title={formatValue(data.title ?? data.name)} />
            <Card style={{ marginBottom: 16 }}>
              <Steps direction="vertical" current={current} items={STEPS.map(([zh, en]) => ({ title: lang === 'en' ? en : zh }))} />
            </Card>
            <Card>
              <Descriptions size="small" column={1}>
                {Object.entries(data)
                  .filter(([, v]) => typeof v !== 'object')
                  .map(([key, value]) => (
                    <Descriptions.Item key={key} label={key}>
                      {formatValue(value)}
                    </Descriptions.Item>
                  ))}
              </Descriptions>
            </Card>
          </>
        );
      }}
    </QueryState>
  );
}
