import { Col, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { PageTitle } from '@/components/PageTitle';
import { assessedYear } from '@/lib/assessment-year';
import { useSession } from '@/lib/auth';
import { RUN_READERS } from '@/lib/duties';
import { useLang, useT } from '@/lib/i18n';
import { labelOf, RUN_STATES } from '@/lib/vocab';
import { RegionName } from '@/components/Names';
import { assessmentProgressAvailable, useAssessmentProgress } from '../api/get-assessment-progress';
import { cyclesAvailable, useCycles } from '../api/get-assessment-cycles';
import { flagsAvailable, useFlags } from '../api/get-flags';
import { payrollRunsAvailable, usePayrollRuns } from '../api/get-payroll-runs';
import { quotaAvailable, useQuota } from '../api/get-quota';
import { trainingShortfallsAvailable, useTrainingShortfalls } from '../api/get-training-shortfalls';
import { HomeCard } from '../components/HomeCard';

/** The township HR officer's start page: what needs doing, one card per source endpoint. */
export function HomePage() {
  const t = useT();
  const { lang } = useLang();
  const session = useSession();
  const region = session?.jurisdiction ?? '';
  // The party secretary (a community's account) never sees a payroll run: no card that could only say "not started".
  const seesRuns = RUN_READERS.includes(session?.role ?? '');
  const year = dayjs().year();
  const assessmentYear = assessedYear();
  const lastMonth = dayjs().subtract(1, 'month').format('YYYY-MM');
  const contracts = useFlags(region, ['contract_ending']);
  const exits = useFlags(region, ['probation_failed', 'consecutive_incompetent', 'discipline', 'retirement_age']);
  const training = useTrainingShortfalls(region, year);
  const quota = useQuota(region);
  const cycles = useCycles(assessmentYear);
  const progress = useAssessmentProgress(assessmentYear, region);
  const runs = usePayrollRuns(region);
  const message = (item: { message_zh: string; message_en: string }) => (lang === 'en' ? item.message_en : item.message_zh);

  return (
    <>
      <PageTitle title={t('工作台：待办事项', 'What needs doing')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-contracts"
            title={t('即将到期的劳动合同', 'Contracts ending soon')}
            query={contracts}
            available={flagsAvailable()}
            summarise={(report) => ({
              value: report.items.length,
              lines: report.items.map((flag) => ({ key: flag.worker_id, text: <Link to={`/workers/${flag.worker_id}`}>{flag.name}：{message(flag)}</Link> })),
            })}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-exit-flags"
            title={t('退出预警（待人工决定）', 'Exit flags (for a decision)')}
            query={exits}
            available={flagsAvailable()}
            summarise={(report) => ({
              value: report.items.length,
              note: report.warnings.map(message).join('；') || undefined,
              lines: report.items.map((flag) => ({ key: `${flag.kind}-${flag.worker_id}`, text: <Link to={`/workers/${flag.worker_id}`}>{flag.name}：{message(flag)}</Link> })),
            })}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-training"
            title={t(`${year} 年培训学时不足`, `Training shortfalls ${year}`)}
            query={training}
            available={trainingShortfallsAvailable()}
            summarise={(data) => ({
              value: data.with_shortfall,
              suffix: `/ ${data.workers}`,
              lines: data.items.map((item) => ({
                key: item.worker_id,
                text:
                  Number(item.initial_shortfall) > 0
                    ? t(`${item.name}：岗前培训 ${item.initial_done} / ${item.initial_required} 学时`, `${item.name}: initial training ${item.initial_done} of ${item.initial_required} hours`)
                    : t(`${item.name}：已学 ${item.hours_done} / 应学 ${item.yearly_required} 学时`, `${item.name}: ${item.hours_done} of ${item.yearly_required} hours`),
              })),
            })}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-quota"
            title={t('编制使用情况（在岗 / 核定）', 'Staffing quota (filled / allowed)')}
            query={quota}
            available={quotaAvailable()}
            isEmpty={(lines) => lines.length === 0}
            emptyText={t('本辖区无单独核定的编制（按县区总量控制）', 'No quota set inside this jurisdiction (controlled at county level)')}
            summarise={(lines) => {
              const communities = lines.filter((line) => line.level === 'community');
              const shown = communities.length ? communities : lines;
              // Below the rule's per-community minimum (SS: at least 6) is a staffing gap: listed first, with its clause.
              const belowMinimum = shown.filter((line) => line.warnings.length > 0);
              return {
                value: shown.reduce((sum, line) => sum + line.filled, 0),
                suffix: `/ ${shown.reduce((sum, line) => sum + line.allowed, 0)}`,
                note: belowMinimum.length
                  ? t(`${belowMinimum.length} 个社区低于最低配备人数`, `${belowMinimum.length} communities below the minimum staffing`)
                  : undefined,
                lines: [
                  ...belowMinimum.flatMap((line) =>
                    line.warnings.map((warning) => ({
                      key: `${line.region_code}-${warning.code}`,
                      text: <Typography.Text type="danger">{message(warning)}</Typography.Text>,
                    })),
                  ),
                  ...shown
                    .filter((line) => line.filled !== line.allowed && line.warnings.length === 0)
                    .map((line) => ({
                      key: line.region_code,
                      text:
                        line.filled > line.allowed
                          ? t(`${line.name}：超编 ${line.filled - line.allowed} 人`, `${line.name}: ${line.filled - line.allowed} over quota`)
                          : t(`${line.name}：空缺 ${line.vacancies} 人`, `${line.name}: ${line.vacancies} vacancies`),
                    })),
                ],
              };
            }}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-assessment"
            title={t(`${assessmentYear} 年度考核截止日期`, `Assessment ${assessmentYear}: deadlines`)}
            query={cycles}
            available={cyclesAvailable()}
            link="/assessment"
            summarise={(rows) => {
              const total = progress.data?.total;
              return {
                value: total ? total.assessed - total.decided : rows.length,
                suffix: total ? t(`人待决定 / 共 ${total.assessed} 人`, ` awaiting decision / ${total.assessed}`) : undefined,
                note: assessmentProgressAvailable() ? undefined : t('考核进度暂未开放', 'progress not available yet'),
                lines: rows.map((cycle) => {
                  const deadlines = (cycle.plan as { deadlines?: { proposal?: string; decision?: string } }).deadlines ?? {};
                  return {
                    key: cycle.id,
                    text: t(
                      `${cycle.name}：建议截止 ${deadlines.proposal ?? '—'}，决定截止 ${deadlines.decision ?? '—'}`,
                      `${cycle.name}: proposals by ${deadlines.proposal ?? '—'}, decisions by ${deadlines.decision ?? '—'}`,
                    ),
                  };
                }),
              };
            }}
          />
        </Col>
        {seesRuns && (
          <Col xs={24} md={12} xl={8}>
            <HomeCard
              testId="card-payroll"
              title={t('待准备的工资', 'Payroll to prepare')}
              query={runs}
              available={payrollRunsAvailable()}
              link="/payroll"
              summarise={(page) => {
                const open = page.items.filter((run) => run.state === 'draft' || run.state === 'calculated');
                const lastDone = page.items.some((run) => run.month === lastMonth && run.kind === 'monthly');
                return {
                  value: open.length,
                  suffix: t(' 次待审批', ' to approve'),
                  note: lastDone ? undefined : t(`${lastMonth} 的工资尚未核算`, `${lastMonth} payroll not started yet`),
                  lines: open.map((run) => ({
                    key: run.id,
                    text: (
                      <Link to={`/payroll/runs/${run.id}`}>
                        {run.month} · <RegionName code={run.region_code} /> · {labelOf(RUN_STATES, run.state, lang)}
                      </Link>
                    ),
                  })),
                };
              }}
            />
          </Col>
        )}
      </Row>
    </>
  );
}
