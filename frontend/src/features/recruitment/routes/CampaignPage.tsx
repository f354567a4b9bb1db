import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Space, Steps, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import type { components } from '@/api/types/registry';
import { RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { EDUCATION, options } from '@/lib/codes';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { validated } from '@/lib/validated';
import { labelOf, RECRUIT_GROUPS, SEX } from '@/lib/vocab';
import { useAddApplicant, type ApplicantIn } from '../api/add-applicant';
import { useAdvanceStep } from '../api/advance-step';
import { useApplicants } from '../api/get-applicants';
import { useCampaign } from '../api/get-campaign';
import { useReviewCampaign } from '../api/review-campaign';
import { EligibilityCheck, EligibilityFields, eligibilityBody } from '../components/EligibilityCheck';
import { HireButton } from '../components/HireButton';
import { OUTCOME_STEPS, StepOutcome } from '../components/StepOutcome';
import { stepLabel } from '../components/steps';

type Applicant = components['schemas']['ApplicantOut'];

function AddApplicant({ campaignId, onClose }: { campaignId: string; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Omit<ApplicantIn, 'street_recommendation_on'> & { street_recommendation_on?: Dayjs | null }>();
  const add = useAddApplicant();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  return (
    <Modal
      open
      title={t('报名登记', 'Register an applicant')}
      okText={t('登记', 'Register')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={add.isPending}
      onCancel={onClose}
      onOk={async () => {
        const values = await validated(form);
        if (values === null) return;
        add.mutate({ campaignId, body: eligibilityBody(values) }, { onSuccess: onClose, onError: (error) => setUnmatched(applyProblemToForm(form, error, lang)) });
      }}
    >
      {add.isError && <ProblemAlert error={add.error} extra={unmatched} />}
      <Form form={form} layout="vertical" initialValues={{ citizen: true, groups: [], disqualifications: [] }}>
        <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, message: t('请填写姓名', 'Name is required') }]}>
          <Input />
        </Form.Item>
        <EligibilityFields />
      </Form>
    </Modal>
  );
}

/**
 * One campaign step by step (IM art.8–12), with its applicants, their eligibility, their outcomes of the written
 * test and interview, the medical and the background check, and whether they are on the public notice's list.
 */
export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const session = useSession();
  const campaign = useCampaign(campaignId);
  const applicants = useApplicants(campaignId);
  const advance = useAdvanceStep();
  const review = useReviewCampaign();
  const [adding, setAdding] = useState(false);
  const writerRole = ['county_officer', 'city_officer', 'provincial_admin'].includes(session?.role ?? '');

  return (
    <QueryState query={campaign} what={t('招聘计划', 'campaign')}>
      {(c) => {
        // The organiser (a county or city covering the campaign's region) runs it; an officer below it only views
        // it, pre-checks eligibility and sees the applicants hired into their own communities.
        const organiser = session !== null && c.region_code.startsWith(session.jurisdiction);
        const writer = writerRole && organiser;
        const next = c.steps[c.step_index + 1];
        const awaitingReview = c.review_required && !c.reviewed_by;
        const finished = c.step_index === c.steps.length - 1;
        const notice = c.steps.indexOf('public_notice');
        const noticed = notice >= 0 && c.step_index >= notice;
        // An outcome is recorded once its step is reached, for an eligible applicant not yet hired.
        const reached = (step: string) => c.steps.includes(step) && c.step_index >= c.steps.indexOf(step);
        return (
          <>
            <PageTitle title={c.title} />
            <ProblemAlert error={advance.error ?? review.error} />
            {!organiser && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="campaign-read-only"
                title={
                  <>
                    {t('本次招聘由', 'Organised by ')}
                    <RegionName code={c.region_code} />
                    {t('组织并办理；本级可查看进度和做资格预审，报名人员只显示聘用到本辖区社区的人员。', ', which runs it: follow its progress and pre-check eligibility here; only the applicants hired into communities of this jurisdiction are listed.')}
                  </>
                }
              />
            )}
            <Card style={{ marginBottom: 16 }}>
              <Steps
                current={c.step_index}
                size="small"
                data-testid="campaign-steps"
                items={c.steps.map((step) => {
                  const entered = c.history.find((h) => h.step === step);
                  return { title: stepLabel(step, lang), description: entered ? entered.entered_at.slice(0, 10) : undefined };
                })}
              />
              <Space style={{ marginTop: 16 }} wrap>
                {awaitingReview && <Alert type="warning" showIcon title={t('县级招聘方案需经市级审核后方可发布公告。', 'A county plan needs the city review before the announcement.')} />}
                {awaitingReview && session?.role === 'city_officer' && (
                  <Button loading={review.isPending} onClick={() => review.mutate({ campaignId }, { onSuccess: () => message.success(t('已审核', 'Reviewed')) })}>
                    {t('市级审核通过', 'Approve (city review)')}
                  </Button>
                )}
                {writer && next && (
                  <Button type="primary" loading={advance.isPending} onClick={() => advance.mutate({ campaignId, step: next })}>
                    {t(`进入下一步：${stepLabel(next, lang)}`, `Next step: ${stepLabel(next, lang)}`)}
                  </Button>
                )}
              </Space>
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24}>
                <Card
                  size="small"
                  title={t('报名人员与资格审查', 'Applicants and eligibility')}
                  extra={
                    <Space>
                      <EligibilityCheck regionCode={c.region_code} />
                      {writer && <Button onClick={() => setAdding(true)}>{t('报名登记', 'Register applicant')}</Button>}
                    </Space>
                  }
                >
                  <QueryState
                    query={applicants}
                    what={t('报名人员', 'applicants')}
                    isEmpty={(d) => d.length === 0}
                    emptyText={organiser ? t('还没有报名人员', 'No applicants yet') : t('还没有聘用到本辖区社区的人员', 'No one hired into this jurisdiction yet')}
                  >
                    {(rows) => (
                      <Table<Applicant>
                        rowKey="id"
                        size="small"
                        dataSource={rows}
                        scroll={{ x: 'max-content' }}
                        columns={[
                          { title: t('姓名', 'Name'), dataIndex: 'name' },
                          { title: t('性别', 'Sex'), dataIndex: 'sex', render: (v: string) => labelOf(SEX, v, lang) },
                          { title: t('出生日期', 'Born'), dataIndex: 'birth_date' },
                          { title: t('学历', 'Education'), dataIndex: 'education', render: (v) => options(EDUCATION, lang).find((o) => o.value === v)?.label ?? v },
                          { title: t('资格', 'Eligible'), dataIndex: 'eligible', render: (v: boolean) => (v ? <Tag color="green">{t('符合', 'Eligible')}</Tag> : <Tag color="red">{t('不符合', 'Not eligible')}</Tag>) },
                          {
                            title: t('原因', 'Reasons'),
                            dataIndex: 'failures',
                            render: (failures: Record<string, unknown>[]) =>
                              failures.map((f, i) => <div key={i}>{String((lang === 'en' ? f.message_en : f.message_zh) ?? f.code ?? JSON.stringify(f))}</div>),
                          },
                          { title: t('优先', 'Priority'), dataIndex: 'priority', render: (p: string[]) => p.map((x) => <Tag key={x}>{labelOf(RECRUIT_GROUPS, x, lang)}</Tag>) },
                          ...OUTCOME_STEPS.filter(({ step }) => c.steps.includes(step)).map(({ step, zh, en }) => ({
                            title: t(zh, en),
                            key: step,
                            render: (_: unknown, row: Applicant) =>
                              row.eligible ? (
                                <StepOutcome
                                  campaignId={campaignId}
                                  applicant={row}
                                  step={step}
                                  editable={writer && !row.hired_worker_id && reached(step)}
                                  failOnly={noticed}
                                />
                              ) : (
                                '—'
                              ),
                          })),
                          {
                            title: t('公示名单', 'Public notice list'),
                            dataIndex: 'on_public_notice_list',
                            // Eligible and passed all three: the persons proposed for hiring (IM art.8 (七)).
                            render: (v: boolean, row) => (
                              <span data-testid={`notice-${row.id}`}>
                                {v ? <Tag color="green">{t('在名单', 'On the list')}</Tag> : <Tag>{t('不在名单', 'Not on the list')}</Tag>}
                              </span>
                            ),
                          },
                          {
                            title: t('聘用', 'Hired'),
                            dataIndex: 'hired_on',
                            // Hiring comes after the last step (the public notice included), for those on its list only.
                            render: (v: string | null, row) =>
                              v ??
                              (writer && row.eligible && !row.hired_worker_id && finished ? (
                                <HireButton campaignId={campaignId} regionCode={c.region_code} applicant={row} disabled={!row.on_public_notice_list} />
                              ) : (
                                '—'
                              )),
                          },
                        ]}
                      />
                    )}
                  </QueryState>
                </Card>
              </Col>
            </Row>
            {adding && <AddApplicant campaignId={campaignId} onClose={() => setAdding(false)} />}
          </>
        );
      }}
    </QueryState>
  );
}
