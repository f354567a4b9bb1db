import { App, Button, Card, Col, Popconfirm, Row, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ActionButton } from '@/components/ActionForm';
import { PostName, RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { assessedYear, latestCycleYear } from '@/lib/assessment-year';
import { useSession } from '@/lib/auth';
import { label, RESULTS } from '@/lib/codes';
import { formatValue } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { ASSESSMENT_STATUSES, formatDateTime, labelOf, OBJECTION_STATUSES, optionsOf } from '@/lib/vocab';
import { useDecideUnit } from '../api/decide-unit';
import { useFinalizeAssessment } from '../api/finalize-assessment';
import { useFinalizeUnit } from '../api/finalize-unit';
import { useCycleAssessments } from '../api/get-cycle-assessments';
import { cyclesAvailable, useCycles } from '../api/get-cycles';
import { useExitFlags } from '../api/get-exit-flags';
import { useObjections } from '../api/get-objections';
import { statisticsAvailable, useStatistics } from '../api/get-statistics';
import { useImportAssessees } from '../api/import-assessees';
import { useRecordSatisfaction } from '../api/record-satisfaction';
import { useRecordTolerance } from '../api/record-tolerance';
import { useReopenAssessment } from '../api/reopen-assessment';
import { useResolveObjection } from '../api/resolve-objection';
import { useSaveDailyRecords } from '../api/save-daily-records';
import { useSaveReview } from '../api/save-review';
import type { Assessment, AssessmentStatus } from '../api/types';
import { ActionModal } from '../components/ActionModal';
import { AssessmentDrawer } from '../components/AssessmentDrawer';
import { OpenCycleButton } from '../components/OpenCycleButton';
import { QuotaBar } from '../components/QuotaBar';

const STATUS_COLORS: Record<string, string> = { pending: 'default', proposed: 'blue', notice: 'orange', final: 'green' };

export function AssessmentPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const session = useSession();
  const role = session?.role;
  const jurisdiction = session?.jurisdiction ?? '';
  const [chosenYear, setYear] = useState<number>();
  const allCycles = useCycles();
  // Until the officer picks a year: the latest year with a cycle, up to the one being assessed now.
  const year = chosenYear ?? (allCycles.isPending ? undefined : latestCycleYear(allCycles.data ?? [], assessedYear()));
  const cycles = useCycles(year);
  const [cycleId, setCycleId] = useState<string>();
  const cycle = cycles.data?.find((c) => c.id === cycleId) ?? cycles.data?.[0];
  const [status, setStatus] = useState<AssessmentStatus>();
  const [page, setPage] = useState({ page: 1, size: 50 });
  const township = jurisdiction.length >= 9 ? jurisdiction.slice(0, 9) : undefined;
  const assessments = useCycleAssessments(cycle?.id, { status, township, ...page });
  const proposed = useCycleAssessments(role === 'township_officer' ? cycle?.id : undefined, { status: 'proposed', township, page: 1, size: 200 }); // the API's page-size limit (MAX_PAGE_SIZE)
  const statistics = useStatistics(year, jurisdiction);
  const objections = useObjections(cycle?.id);
  const exitFlags = useExitFlags(role === 'auditor' ? undefined : cycle?.id);
  const [action, setAction] = useState<{ kind: 'propose' | 'decide'; assessment: Assessment } | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const importAssessees = useImportAssessees();
  const decideUnit = useDecideUnit();
  const finalizeUnit = useFinalizeUnit();
  const finalizeOne = useFinalizeAssessment();
  const reopen = useReopenAssessment();
  const tolerance = useRecordTolerance();
  const review = useSaveReview();
  const satisfaction = useRecordSatisfaction();
  const daily = useSaveDailyRecords();
  const resolve = useResolveObjection();
  const units = useMemo(() => {
    const data = statistics.data;
    if (!data) return [];
    return data.townships.length ? data.townships : data.counties;
  }, [statistics.data]);
  const county = jurisdiction.length === 6 ? jurisdiction : undefined;
  const previous = county ? [...(allCycles.data ?? [])].filter((c) => c.county_code === county).sort((a, b) => b.year - a.year)[0] : undefined;
  const proposedIds = (proposed.data?.items ?? []).map((row) => row.id);
  const openObjections = (objections.data ?? []).filter((o) => o.status === 'open');
  const isTownship = role === 'township_officer';
  const isSecretary = role === 'party_secretary';
  const mutationError = importAssessees.error ?? decideUnit.error ?? finalizeUnit.error ?? finalizeOne.error;

  return (
    <>
      <PageTitle
        title={t('年度考核', 'Annual assessment')}
        extra={
          <Space wrap>
            <Link to="/assessment/historical">{t('历史考核结果', 'Results from before the system')}</Link>
            <Link to="/assessment/probation">{t('试用期满考核', 'Probation assessments')}</Link>
            <Select
              value={year}
              onChange={(value) => {
                setYear(value);
                setCycleId(undefined);
              }}
              style={{ width: 100 }}
              aria-label={t('年度', 'Year')}
              options={[0, 1, 2, 3].map((back) => ({ value: dayjs().year() - back, label: t(`${dayjs().year() - back}年`, String(dayjs().year() - back)) }))}
            />
            <Select
              placeholder={t('考核周期', 'Cycle')}
              value={cycle?.id}
              onChange={setCycleId}
              style={{ width: 260 }}
              options={(cycles.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
            {role === 'county_officer' && county && (
              <OpenCycleButton
                county={county}
                previous={previous}
                onOpened={(opened) => {
                  setYear(opened.year);
                  setCycleId(opened.id);
                }}
              />
            )}
            {(role === 'county_officer' || isTownship) && cycle && (
              <Popconfirm
                title={t('从人员档案导入本周期的考核名单？已在名单中的不重复导入。', 'Import the assessees from the registry? Those listed stay.')}
                okText={t('导入', 'Import')}
                cancelText={t('取消', 'Cancel')}
                onConfirm={() =>
                  importAssessees.mutate(cycle.id, {
                    onSuccess: (r) => message.success(t(`新增 ${r.added} 人，已在名单 ${r.already_listed} 人`, `${r.added} added, ${r.already_listed} already listed`)),
                  })
                }
              >
                <Button loading={importAssessees.isPending} data-testid="import-assessees">{t('导入考核名单', 'Import assessees')}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <ProblemAlert error={mutationError} />
      {cycle && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="cycle-summary">
          <Space wrap size={24}>
            <span>{t('县区', 'County')}：<RegionName code={cycle.county_code} /></span>
            <span>{t('建议截止', 'Proposals due')}：{cycle.deadlines.proposal}</span>
            <span>{t('决定截止', 'Decisions due')}：{cycle.deadlines.decision}</span>
            <span>{t('公示', 'Notice')}：{t(`${cycle.deadlines.notice_days} 天`, `${cycle.deadlines.notice_days} days`)}</span>
            <span>{t('开启时间', 'Opened')}：{formatDateTime(cycle.created_at)}</span>
            <Link to={`/assessment/cycles/${cycle.id}`} data-testid="cycle-detail-link">{t('考核方案详情', 'Cycle details')}</Link>
            {isTownship && township && (
              <>
                <Popconfirm
                  title={t(`按建议决定 ${proposedIds.length} 人并开始公示？`, `Decide ${proposedIds.length} as proposed and start the notice?`)}
                  okText={t('决定并公示', 'Decide and publish')}
                  cancelText={t('取消', 'Cancel')}
                  disabled={proposedIds.length === 0}
                  onConfirm={() =>
                    decideUnit.mutate(
                      { cycleId: cycle.id, body: { township_code: township, assessment_ids: proposedIds } },
                      { onSuccess: (r) => message.success(t(`已决定 ${r.decided.length} 人，公示至 ${r.notice_until}`, `${r.decided.length} decided; notice until ${r.notice_until}`)) },
                    )
                  }
                >
                  <Button type="primary" disabled={proposedIds.length === 0} loading={decideUnit.isPending} data-testid="publish-notice">
                    {t(`决定并公示（${proposedIds.length}）`, `Decide and publish (${proposedIds.length})`)}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('公示期满且无未处理异议的结果全部定档？', 'Finalise every result whose notice ended with no open objection?')}
                  okText={t('定档', 'Finalise')}
                  cancelText={t('取消', 'Cancel')}
                  onConfirm={() =>
                    finalizeUnit.mutate(
                      { cycleId: cycle.id, township },
                      { onSuccess: (r) => message.success(t(`已定档 ${r.finalized.length} 人`, `${r.finalized.length} finalised`)) },
                    )
                  }
                >
                  <Button loading={finalizeUnit.isPending} data-testid="finalize-unit">{t('公示期满定档', 'Finalise after the notice')}</Button>
                </Popconfirm>
              </>
            )}
          </Space>
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={t('优秀名额', 'Excellent quota')} size="small" style={{ marginBottom: 16 }}>
            <QueryState query={statistics} available={statisticsAvailable()} what={t('考核统计', 'assessment statistics')} isEmpty={() => units.length === 0}>
              {() => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {units.map((unit) => (
                    <QuotaBar key={`${unit.county_code}-${unit.township_code}`} unit={unit} />
                  ))}
                </Space>
              )}
            </QueryState>
          </Card>
          {cycle && (
            <Card title={t(`异议（待处理 ${openObjections.length}）`, `Objections (${openObjections.length} open)`)} size="small" style={{ marginBottom: 16 }}>
              <QueryState query={objections} what={t('异议', 'objections')} isEmpty={(d) => d.length === 0} emptyText={t('没有异议', 'No objections')}>
                {(rows) => (
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={rows}
                    data-testid="objections-table"
                    columns={[
                      { title: t('姓名', 'Name'), dataIndex: 'worker_name' },
                      { title: t('理由', 'Reason'), dataIndex: 'reason' },
                      { title: t('提出', 'Raised'), dataIndex: 'raised_at', render: formatDateTime },
                      {
                        title: t('状态', 'Status'),
                        dataIndex: 'status',
                        render: (v: string, row) =>
                          v === 'open' && isTownship ? (
                            <ActionButton
                              label={t('处理', 'Resolve')}
                              title={t(`处理异议 · ${row.worker_name}`, `Resolve · ${row.worker_name}`)}
                              testId="resolve-objection"
                              fields={[
                                { name: 'outcome', label: t('处理结果', 'Outcome'), kind: 'select', required: true, options: optionsOf({ upheld: OBJECTION_STATUSES.upheld, rejected: OBJECTION_STATUSES.rejected }, lang) },
                                { name: 'note', label: t('处理意见', 'Note'), kind: 'textarea', required: true },
                              ]}
                              onSubmit={(values) => resolve.mutateAsync({ objectionId: row.id, body: { outcome: values.outcome as 'upheld' | 'rejected', note: String(values.note) } })}
                            />
                          ) : (
                            labelOf(OBJECTION_STATUSES, v, lang)
                          ),
                      },
                    ]}
                  />
                )}
              </QueryState>
            </Card>
          )}
          {cycle && role !== 'auditor' && (
            <Card title={t('缺勤达到退出条件', 'Absences at the exit limits')} size="small">
              <QueryState query={exitFlags} what={t('缺勤提示', 'absence flags')} isEmpty={(d) => d.length === 0} emptyText={t('没有', 'None')}>
                {(rows) => (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="exit-flags">
                    {rows.map((row) => (
                      <li key={row.assessment_id}>
                        {row.worker_name} · {t(`缺勤 ${row.absent_days} 天，最长连续 ${row.longest_absence_streak} 天`, `${row.absent_days} days absent, ${row.longest_absence_streak} in a row`)}
                      </li>
                    ))}
                  </ul>
                )}
              </QueryState>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={t('考核名单（点击姓名查看详情）', 'Assessees (click a name for details)')}
            extra={
              <Select
                allowClear
                placeholder={t('状态', 'Status')}
                style={{ width: 140 }}
                value={status}
                onChange={(value) => {
                  setStatus(value);
                  setPage({ ...page, page: 1 });
                }}
                options={optionsOf(ASSESSMENT_STATUSES, lang)}
              />
            }
          >
            <QueryState
              query={cycles}
              available={cyclesAvailable()}
              what={t('考核周期', 'assessment cycles')}
              isEmpty={(d) => d.length === 0}
              emptyText={role === 'county_officer' ? t('本年度还没有考核周期，请点击“开启考核周期”', 'No cycle this year: open one') : t('本年度还没有考核周期（由县区开启）', 'No assessment cycle this year (the county opens it)')}
            >
              {() => (
                <QueryState query={assessments} what={t('考核名单', 'assessees')} isEmpty={(d) => d.items.length === 0}>
                  {(data) => (
                    <Table<Assessment>
                      rowKey="id"
                      size="small"
                      dataSource={data.items}
                      scroll={{ x: 'max-content' }}
                      data-testid="assessments-table"
                      pagination={{ current: data.page, pageSize: data.size, total: data.total, onChange: (p, s) => setPage({ page: p, size: s }) }}
                      columns={[
                        { title: t('姓名', 'Name'), dataIndex: 'worker_name', render: (v: string, row) => <a onClick={() => setOpenId(row.id)}>{v}</a> },
                        { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
                        { title: t('岗位', 'Post'), dataIndex: 'post', render: (v: string | null) => <PostName code={v} /> },
                        { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLORS[v] ?? 'default'}>{labelOf(ASSESSMENT_STATUSES, v, lang)}</Tag> },
                        { title: t('建议', 'Proposed'), render: (_, row) => (row.proposed_result ? `${label(RESULTS, row.proposed_result, lang)} ${formatValue(row.proposed_score)}` : '—') },
                        { title: t('决定', 'Decided'), render: (_, row) => (row.result ? `${label(RESULTS, row.result, lang)} ${formatValue(row.score)}` : '—') },
                        { title: t('公示至', 'Notice until'), dataIndex: 'notice_until', render: formatValue },
                        {
                          title: t('操作', 'Action'),
                          render: (_, row) => (
                            <Space wrap>
                              {isSecretary && (row.status === 'pending' || row.status === 'proposed') && (
                                <>
                                  <Button size="small" onClick={() => setAction({ kind: 'propose', assessment: row })}>
                                    {t('建议', 'Propose')}
                                  </Button>
                                  <ActionButton
                                    label={t('评议', 'Review')}
                                    title={t(`社区评议 · ${row.worker_name}`, `Community review · ${row.worker_name}`)}
                                    fields={[{ name: 'text', label: t('评议意见', 'Review'), kind: 'textarea', required: true, initial: row.community_review ?? undefined }]}
                                    onSubmit={(v) => review.mutateAsync({ assessmentId: row.id, text: String(v.text) })}
                                  />
                                  <ActionButton
                                    label={t('满意度', 'Survey')}
                                    title={t(`居民满意度测评 · ${row.worker_name}`, `Residents' survey · ${row.worker_name}`)}
                                    fields={[
                                      { name: 'respondents', label: t('参评人数', 'Respondents'), kind: 'number', required: true, min: 1 },
                                      { name: 'score', label: t('测评得分', 'Score'), kind: 'number', required: true, min: 0, max: 100 },
                                    ]}
                                    onSubmit={(v) => satisfaction.mutateAsync({ assessmentId: row.id, body: { respondents: Number(v.respondents), score: String(v.score) } })}
                                  />
                                  <ActionButton
                                    label={t('日常记录', 'Daily record')}
                                    title={t(`日常管理记录 · ${row.worker_name}`, `Daily record · ${row.worker_name}`)}
                                    fields={[
                                      { name: 'period', label: t('月份或季度（如 2025-03、2025-Q2）', 'Month or quarter (2025-03, 2025-Q2)'), required: true, initial: `${row.year}-12` },
                                      { name: 'score', label: t('得分', 'Score'), kind: 'number', min: 0, max: 100 },
                                      { name: 'absent_days', label: t('缺勤天数', 'Days absent'), kind: 'number', min: 0, max: 92, initial: 0 },
                                      { name: 'longest_absence_streak', label: t('最长连续缺勤天数', 'Longest absence in a row'), kind: 'number', min: 0, max: 92, initial: 0 },
                                      { name: 'absent_at_start', label: t('期初连续缺勤天数（自首日起）', 'Absent in a row from the first day'), kind: 'number', min: 0, max: 92, initial: 0 },
                                      { name: 'absent_at_end', label: t('期末连续缺勤天数（至末日止）', 'Absent in a row up to the last day'), kind: 'number', min: 0, max: 92, initial: 0 },
                                    ]}
                                    onSubmit={(v) =>
                                      daily.mutateAsync({
                                        cycleId: row.cycle_id ?? cycle?.id ?? '',
                                        records: [{ worker_id: row.worker_id, period: String(v.period), score: v.score == null ? null : String(v.score), absent_days: Number(v.absent_days ?? 0), longest_absence_streak: Number(v.longest_absence_streak ?? 0), absent_at_start: Number(v.absent_at_start ?? 0), absent_at_end: Number(v.absent_at_end ?? 0) }],
                                      })
                                    }
                                  />
                                </>
                              )}
                              {isTownship && row.status === 'proposed' && (
                                <Button size="small" type="primary" onClick={() => setAction({ kind: 'decide', assessment: row })}>
                                  {t('决定', 'Decide')}
                                </Button>
                              )}
                              {isTownship && row.status === 'notice' && (
                                <Popconfirm title={t('公示期满，定档？', 'Notice over: finalise?')} okText={t('定档', 'Finalise')} cancelText={t('取消', 'Cancel')} onConfirm={() => finalizeOne.mutate(row.id)}>
                                  <Button size="small">{t('定档', 'Finalise')}</Button>
                                </Popconfirm>
                              )}
                              {isTownship && row.status === 'final' && (
                                <ActionButton
                                  label={t('重新打开', 'Reopen')}
                                  title={t(`重新打开以更正 · ${row.worker_name}`, `Reopen for correction · ${row.worker_name}`)}
                                  fields={[{ name: 'reason', label: t('理由', 'Reason'), kind: 'textarea', required: true }]}
                                  onSubmit={(v) => reopen.mutateAsync({ assessmentId: row.id, reason: String(v.reason) })}
                                />
                              )}
                              {isTownship && !row.tolerance && row.status !== 'final' && (
                                <ActionButton
                                  label={t('容错', 'Tolerance')}
                                  title={t(`容错认定 · ${row.worker_name}`, `Error tolerance · ${row.worker_name}`)}
                                  fields={[{ name: 'reason', label: t('理由', 'Reason'), kind: 'textarea', required: true }]}
                                  onSubmit={(v) => tolerance.mutateAsync({ assessmentId: row.id, reason: String(v.reason) })}
                                />
                              )}
                            </Space>
                          ),
                        },
                      ]}
                    />
                  )}
                </QueryState>
              )}
            </QueryState>
          </Card>
        </Col>
      </Row>
      {action && <ActionModal action={action.kind} assessment={action.assessment} cycle={cycle} onClose={() => setAction(null)} />}
      <AssessmentDrawer assessmentId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
