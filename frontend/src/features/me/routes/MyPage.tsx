import { Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { components } from '@/api/types/registry';
import { ActionButton } from '@/components/ActionForm';
import { GradeExplanation } from '@/components/GradeExplanation';
import { PostName } from '@/components/Names';
import { QueryState } from '@/components/QueryState';
import { label, RESULTS } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import { ASSESSMENT_KINDS, ASSESSMENT_STATUSES, formatDateTime, labelOf, OBJECTION_STATUSES } from '@/lib/vocab';
import { myAssessmentsAvailable, useMyAssessments } from '../api/get-my-assessments';
import { myGradeAvailable, useMyGrade } from '../api/get-my-grade';
import { myRecordAvailable, useMyRecord } from '../api/get-my-record';
import { useRaiseObjection } from '../api/raise-objection';
import { useSaveSummary } from '../api/save-summary';
import { MyLeave } from '../components/MyLeave';
import { MyPayslips } from '../components/MyPayslips';

// The registry's hours by name: yearly_required, yearly_shortfall, initial_required, initial_shortfall, as decimals.
type Requirement = NonNullable<components['schemas']['MeOut']['training_requirement']>;

/**
 * The training hours the worker's post requires: this year's and the initial training's, each with what is still
 * short; a requirement of 0 hours is no requirement (not "年度要求 0 学时").
 */
export function TrainingRequirement({ requirement }: { requirement: Requirement | null | undefined }) {
  const t = useT();
  const yearly = requirement && Number(requirement.yearly_required) > 0;
  const initial = requirement && Number(requirement.initial_required) > 0;
  if (!requirement || (!yearly && !initial)) {
    return (
      <Typography.Text type="secondary" data-testid="my-training-requirement">
        {t('本人岗位本年度没有学时要求。', 'No training hours are required of your post this year.')}
      </Typography.Text>
    );
  }
  const parts = [
    yearly && t(`年度要求 ${requirement.yearly_required} 学时，尚差 ${requirement.yearly_shortfall} 学时`, `Required this year: ${requirement.yearly_required} h, ${requirement.yearly_shortfall} h to go`),
    initial && t(`岗前培训要求 ${requirement.initial_required} 学时，尚差 ${requirement.initial_shortfall} 学时`, `Initial training: ${requirement.initial_required} h, ${requirement.initial_shortfall} h to go`),
  ].filter(Boolean);
  const short = (yearly ? Number(requirement.yearly_shortfall) : 0) + (initial ? Number(requirement.initial_shortfall) : 0);
  return (
    <Typography.Text type={short > 0 ? 'warning' : 'success'} data-testid="my-training-requirement">
      {parts.join(t('；', '; '))}
    </Typography.Text>
  );
}

/** The worker's own page, phone first (usable at 375 px). */
export function MyPage() {
  const t = useT();
  const { lang } = useLang();
  const record = useMyRecord();
  const grade = useMyGrade();
  const assessments = useMyAssessments();
  const objection = useRaiseObjection();
  const summary = useSaveSummary();

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('我的档案', 'My record')}>
        <QueryState query={record} available={myRecordAvailable()} what={t('我的档案', 'my record')}>
          {(me) => (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('姓名', 'Name')}>{me.worker.name}</Descriptions.Item>
              <Descriptions.Item label={t('岗位', 'Post')}><PostName code={me.worker.post} /></Descriptions.Item>
              <Descriptions.Item label={t('累计工作年限', 'Years of service')}>{me.worker.cumulative_service_years}</Descriptions.Item>
              <Descriptions.Item label={t('劳动合同', 'Contract')}>
                {me.contract.start} — {me.contract.end}
              </Descriptions.Item>
            </Descriptions>
          )}
        </QueryState>
      </Card>

      <Card size="small" title={t('我的岗位等级及计算过程', 'My grade and how it was reached')}>
        <QueryState query={grade} available={myGradeAvailable()} what={t('岗位等级', 'grade')}>
          {(data) => <GradeExplanation grade={data} />}
        </QueryState>
      </Card>

      <Card
        size="small"
        title={t('我的工资条', 'My payslips')}
        extra={<Link to="/me/tax" data-testid="my-tax-link">{t('个税申报与工资条下载', 'Tax and PDF payslips')}</Link>}
        styles={{ body: { padding: 8 } }}
      >
        <MyPayslips />
      </Card>

      <Card size="small" title={t('我的考核', 'My assessments')}>
        <QueryState query={assessments} available={myAssessmentsAvailable()} what={t('我的考核', 'my assessments')} isEmpty={(d) => d.length === 0}>
          {(rows) => (
            <List
              size="small"
              dataSource={[...rows].sort((a, b) => b.year - a.year)}
              renderItem={(item) => (
                <List.Item
                  key={item.id}
                  actions={[
                    item.can_object && (
                      <ActionButton
                        key="object"
                        label={t('提出异议', 'Object')}
                        title={t(`对 ${item.year} 年度考核结果提出异议`, `Object to the ${item.year} result`)}
                        testId="raise-objection"
                        buttonProps={{ danger: true }}
                        fields={[{ name: 'reason', label: t('异议理由', 'Reason'), kind: 'textarea', required: true }]}
                        onSubmit={(v) => objection.mutateAsync({ assessmentId: item.id, reason: String(v.reason) })}
                      />
                    ),
                    (item.status === 'pending' || item.status === 'proposed') && (
                      <ActionButton
                        key="summary"
                        label={t('个人总结', 'Summary')}
                        title={t(`${item.year} 年度个人总结`, `My ${item.year} summary`)}
                        fields={[{ name: 'text', label: t('个人总结', 'Summary'), kind: 'textarea', required: true, initial: item.self_summary ?? undefined }]}
                        onSubmit={(v) => summary.mutateAsync({ assessmentId: item.id, text: String(v.text) })}
                      />
                    ),
                  ].filter(Boolean)}
                >
                  <List.Item.Meta
                    title={
                      <>
                        {item.year} {labelOf(ASSESSMENT_KINDS, item.kind, lang)}{' '}
                        {item.result ? <Tag color={item.result === 'excellent' ? 'gold' : item.result === 'incompetent' ? 'red' : 'green'}>{label(RESULTS, item.result, lang)}</Tag> : <Tag>{labelOf(ASSESSMENT_STATUSES, item.status, lang)}</Tag>}
                      </>
                    }
                    description={
                      <>
                        {item.score && t(`得分 ${item.score}`, `Score ${item.score}`)}
                        {item.notice_until && t(` · 公示至 ${item.notice_until}`, ` · public notice until ${item.notice_until}`)}
                        {item.objections.map((o) => (
                          <div key={o.id} data-testid="my-objection">
                            {t('我的异议', 'My objection')}（{formatDateTime(o.raised_at)}）：{o.reason} · {labelOf(OBJECTION_STATUSES, o.status, lang)}
                            {o.resolution ? ` · ${o.resolution}` : ''}
                          </div>
                        ))}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </QueryState>
      </Card>

      <MyLeave />

      <Card size="small" title={t('我的培训', 'My training')}>
        <QueryState query={record} available={myRecordAvailable()} what={t('培训学时', 'training hours')}>
          {(me) => (
            <>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="my-training">
                {t(`${me.training_year} 年已完成 ${me.training_hours_this_year} 学时`, `${me.training_hours_this_year} hours in ${me.training_year}`)}
              </Typography.Title>
              <TrainingRequirement requirement={me.training_requirement} />
            </>
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
