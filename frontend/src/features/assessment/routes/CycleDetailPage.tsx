import { Card, Col, Descriptions, Row, Table } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PersonName, RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { RuleSource } from '@/components/RuleParams';
import { QueryState } from '@/components/QueryState';
import { RESULTS } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import { DIMENSION_SOURCES, QUOTA_ROUNDING, QUOTA_UNITS, SATISFACTION_OPTIONS, formatDateTime, labelOf } from '@/lib/vocab';
import { cycleAvailable, useCycle } from '../api/get-cycle';
import { statisticsAvailable, useStatistics } from '../api/get-statistics';
import type { Cycle, UnitStatistics } from '../api/types';

interface Plan {
  source?: string | null;
  dimensions?: { code: string; name_zh: string; weight: string; source?: string }[];
  thresholds?: { result: string; min_score: string }[];
  excellent_quota_percent?: string | null;
  excellent_quota_rounding?: string;
  quota_unit?: string;
  required_months?: number;
  absence_exit?: { consecutive_days: number; total_days_over: number } | null;
  satisfaction?: { option_scores: Record<string, string>; min_respondents?: number };
}

function PlanView({ cycle }: { cycle: Cycle }) {
  const t = useT();
  const { lang } = useLang();
  const plan = cycle.plan as Plan;
  const quota = plan.excellent_quota_percent
    ? t(`不超过 ${plan.excellent_quota_percent}%（${labelOf(QUOTA_ROUNDING, plan.excellent_quota_rounding, lang)}，按${labelOf(QUOTA_UNITS, plan.quota_unit, lang)}计）`, `At most ${plan.excellent_quota_percent}% (${labelOf(QUOTA_ROUNDING, plan.excellent_quota_rounding, lang)}, per ${labelOf(QUOTA_UNITS, plan.quota_unit, lang)})`)
    : t('现行文件未设比例限制', 'No share set by the texts in force');
  const absence = plan.absence_exit
    ? t(`连续旷工 ${plan.absence_exit.consecutive_days} 天或累计超过 ${plan.absence_exit.total_days_over} 天`, `${plan.absence_exit.consecutive_days} consecutive days or more than ${plan.absence_exit.total_days_over} in total`)
    : t('现行文件未作规定', 'Not set by the texts in force');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('考核维度', 'Dimensions')}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            data-testid="cycle-dimensions"
            dataSource={plan.dimensions ?? []}
            columns={[
              { title: t('维度', 'Dimension'), dataIndex: 'name_zh' },
              { title: t('权重', 'Weight'), dataIndex: 'weight', render: (v: string) => `${v}%` },
              { title: t('得分来源', 'Scored from'), dataIndex: 'source', render: (v: string) => labelOf(DIMENSION_SOURCES, v ?? 'manual', lang) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('等次分数线', 'Grade thresholds')}>
          <Table
            size="small"
            rowKey="result"
            pagination={false}
            dataSource={plan.thresholds ?? []}
            columns={[
              { title: t('等次', 'Result'), dataIndex: 'result', render: (v: string) => labelOf(RESULTS, v, lang) },
              { title: t('最低分', 'Lowest score'), dataIndex: 'min_score' },
            ]}
            footer={() => t('低于最后一档分数线为不合格', 'Below the last threshold: incompetent')}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="cycle-plan">
          <Descriptions.Item label={t('优秀比例', 'Excellent share')}>{quota}</Descriptions.Item>
          <Descriptions.Item label={t('参加考核须在岗', 'In post at least')}>{t(`${plan.required_months ?? '—'} 个月`, `${plan.required_months ?? '—'} months`)}</Descriptions.Item>
          <Descriptions.Item label={t('旷工退出情形', 'Absence exit')}>{absence}</Descriptions.Item>
          <Descriptions.Item label={t('满意度测评', 'Satisfaction survey')}>
            {Object.entries(plan.satisfaction?.option_scores ?? {})
              .map(([option, score]) => `${labelOf(SATISFACTION_OPTIONS, option, lang)} ${score}${t('分', '')}`)
              .join(t('，', ', '))}
            {plan.satisfaction?.min_respondents ? t(`（至少 ${plan.satisfaction.min_respondents} 人参评）`, ` (at least ${plan.satisfaction.min_respondents} respondents)`) : ''}
          </Descriptions.Item>
          {plan.source && (
            <Descriptions.Item label={t('依据', 'Source')} span={2}>
              {/* The texts' own references (CENTRAL §10, SS 二(四)4…): in Chinese by the documents' names. */}
              <RuleSource source={plan.source} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Col>
    </Row>
  );
}

function Progress({ cycle }: { cycle: Cycle }) {
  const t = useT();
  const statistics = useStatistics(cycle.year, cycle.county_code);
  const units = statistics.data ? (statistics.data.townships.length ? statistics.data.townships : statistics.data.counties) : [];
  return (
    <Card size="small" title={t('进度', 'Progress')} style={{ marginTop: 16 }}>
      <QueryState query={statistics} available={statisticsAvailable()} what={t('考核统计', 'assessment statistics')} isEmpty={() => units.length === 0}>
        {() => (
          <Table<UnitStatistics>
            size="small"
            rowKey={(u) => `${u.county_code}-${u.township_code ?? ''}`}
            pagination={false}
            data-testid="cycle-progress"
            dataSource={units}
            columns={[
              { title: t('单位', 'Unit'), render: (_, u) => <RegionName code={u.township_code ?? u.county_code} /> },
              { title: t('参加考核', 'Assessed'), dataIndex: 'assessed' },
              { title: t('已建议', 'Proposed'), dataIndex: 'proposed' },
              { title: t('已决定', 'Decided'), dataIndex: 'decided' },
              { title: t('已定', 'Final'), dataIndex: 'final' },
              { title: t('优秀（已定/名额）', 'Excellent (decided/limit)'), render: (_, u) => `${u.excellent_decided} / ${u.excellent_limit ?? '—'}` },
              { title: t('逾期未建议', 'Proposals overdue'), dataIndex: 'overdue_proposals' },
              { title: t('逾期未决定', 'Decisions overdue'), dataIndex: 'overdue_decisions' },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}

/** One assessment cycle: who opened it and when, its deadlines, the guidance plan in words and each unit's progress. */
export function CycleDetailPage() {
  const t = useT();
  const { cycleId = '' } = useParams();
  const cycle = useCycle(cycleId);
  return (
    <>
      <PageTitle title={cycle.data?.name ?? t('考核周期', 'Assessment cycle')} extra={<Link to="/assessment">{t('返回年度考核', 'Back to assessment')}</Link>} />
      <QueryState query={cycle} available={cycleAvailable()} what={t('考核周期', 'assessment cycle')}>
        {(data) => (
          <>
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} data-testid="cycle-detail">
              <Descriptions.Item label={t('考核年度', 'Year')}>{data.year}</Descriptions.Item>
              <Descriptions.Item label={t('县区', 'County')}><RegionName code={data.county_code} /></Descriptions.Item>
              <Descriptions.Item label={t('开启人', 'Opened by')}><PersonName subject={data.opened_by} name={data.opened_by_name} /></Descriptions.Item>
              <Descriptions.Item label={t('开启时间', 'Opened')}>{formatDateTime(data.created_at)}</Descriptions.Item>
              <Descriptions.Item label={t('建议截止', 'Proposals due')}>{data.deadlines.proposal}</Descriptions.Item>
              <Descriptions.Item label={t('决定截止', 'Decisions due')}>{data.deadlines.decision}</Descriptions.Item>
              <Descriptions.Item label={t('公示期', 'Notice period')}>{t(`${data.deadlines.notice_days} 天`, `${data.deadlines.notice_days} days`)}</Descriptions.Item>
            </Descriptions>
            <PlanView cycle={data} />
            <Progress cycle={data} />
          </>
        )}
      </QueryState>
    </>
  );
}
