import { Alert, Button, Card, Form, Input, InputNumber, Progress, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { components } from '@/api/types/registry';
import { RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { RegionSelect, type RegionLevel } from '@/components/RegionSelect';
import { useSession } from '@/lib/auth';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { useCreateCampaign, type CampaignIn } from '../api/create-campaign';
import { campaignsAvailable, useCampaigns } from '../api/get-campaigns';
import { EligibilityCheck } from '../components/EligibilityCheck';
import { stepLabel } from '../components/steps';

type Campaign = components['schemas']['CampaignOut'];

// A campaign is organised by a city or a county (IM art.8; the registry's ORGANISER_LEVELS).
const ORGANISER_LEVELS: readonly RegionLevel[] = ['city', 'county'];
const ORGANISER_CODE_LENGTHS = [4, 6];

export function CampaignsPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const session = useSession();
  const campaigns = useCampaigns();
  const create = useCreateCampaign();
  const [form] = Form.useForm<CampaignIn>();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  // A campaign is organised by a county or a city (IM art.8); a township sees those above it read-only.
  const canCreate = ['county_officer', 'city_officer', 'provincial_admin'].includes(session?.role ?? '');

  return (
    <>
      <PageTitle title={t('招聘', 'Recruitment campaigns')} />
      {!canCreate && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="recruitment-read-only"
          title={t('招聘由旗县（市、区）或盟市统一组织', 'Recruitment is organised by the county or the city')}
          description={t(
            '这里列出本辖区所属旗县（市、区）和盟市组织的招聘，可查看进度、做资格预审（不登记）；制定方案、报名登记、录入考试体检考察结果和聘用由组织方办理。',
            'Listed here are the campaigns of the county and the city this jurisdiction belongs to: follow their progress and pre-check a person’s eligibility (nothing is registered). The organiser makes the plan, registers applicants, records outcomes and hires.',
          )}
          action={session?.jurisdiction ? <EligibilityCheck regionCode={session.jurisdiction} /> : undefined}
        />
      )}
      {canCreate && (
        <Card size="small" title={t('制定招聘方案', 'New recruitment plan')} style={{ marginBottom: 16 }}>
          {create.isError && <ProblemAlert error={create.error} extra={unmatched} />}
          <Form
            form={form}
            layout="inline"
            style={{ rowGap: 8 }}
            initialValues={{ region_code: ORGANISER_CODE_LENGTHS.includes(session?.jurisdiction.length ?? 0) ? session?.jurisdiction : undefined, positions: 1 }}
            onFinish={(values) =>
              create.mutate(values, {
                onSuccess: (campaign) => navigate(`/recruitment/${campaign.id}`),
                onError: (error) => setUnmatched(applyProblemToForm(form, error, lang, ['region_code', 'title', 'positions'])),
              })
            }
          >
            <Form.Item name="title" label={t('名称', 'Title')} rules={[{ required: true, message: t('请填写名称', 'Title is required') }]}>
              <Input style={{ width: 320 }} />
            </Form.Item>
            <Form.Item name="region_code" label={t('组织单位', 'Organiser')} rules={[{ required: true, message: t('请选择组织单位', 'Choose the organiser') }]}>
              <RegionSelect levels={ORGANISER_LEVELS} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="positions" label={t('岗位数', 'Positions')}>
              <InputNumber min={1} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('创建', 'Create')}
            </Button>
          </Form>
        </Card>
      )}
      <Card>
        <QueryState query={campaigns} available={campaignsAvailable()} what={t('招聘计划', 'recruitment campaigns')} isEmpty={(d) => d.length === 0} emptyText={t('还没有招聘计划', 'No campaigns yet')}>
          {(rows) => (
            <Table<Campaign>
              rowKey="id"
              size="small"
              dataSource={rows}
              scroll={{ x: 'max-content' }}
              data-testid="campaigns-table"
              columns={[
                { title: t('招聘计划', 'Campaign'), dataIndex: 'title', render: (v, row) => <Link to={`/recruitment/${row.id}`}>{v}</Link> },
                { title: t('组织单位', 'Organiser'), dataIndex: 'region_code', render: (v: string) => <RegionName code={v} /> },
                { title: t('岗位数', 'Positions'), dataIndex: 'positions' },
                { title: t('当前步骤', 'Current step'), dataIndex: 'current_step', render: (v: string) => stepLabel(v, lang) },
                { title: t('进度', 'Progress'), render: (_, row) => <Progress percent={Math.round(((row.step_index + 1) / row.steps.length) * 100)} size="small" format={() => `${row.step_index + 1}/${row.steps.length}`} style={{ width: 140 }} /> },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
