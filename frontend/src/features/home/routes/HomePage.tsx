import { Col, Row } from 'antd';
import dayjs from 'dayjs';
import { PageTitle } from '@/components/PageTitle';
import { useSession } from '@/lib/auth';
import { itemsOf } from '@/lib/define-call';
import { formatValue } from '@/lib/format';
import { useT } from '@/lib/i18n';
import { assessmentCycles } from '../api/get-assessment-cycles';
import { exitFlags } from '../api/get-exit-flags';
import { expiringContracts } from '../api/get-expiring-contracts';
import { payrollRuns } from '../api/get-payroll-runs';
import { quotaOverview } from '../api/get-quota';
import { trainingShortfalls } from '../api/get-training-shortfalls';
import { HomeCard } from '../components/HomeCard';

type Row = Record<string, unknown>;

function listSummary(data: unknown, describe: (row: Row) => string) {
  const rows = itemsOf<Row>(data);
  const total = (data as { total?: number })?.total ?? rows.length;
  return { value: total, lines: rows.map((row, index) => ({ key: String(row.id ?? row.worker_id ?? index), text: describe(row) })) };
}

/** The township HR officer's start page: what needs doing, one card per source. */
export function HomePage() {
  const t = useT();
  const region = useSession()?.jurisdiction ?? '';
  const year = dayjs().year();
  const contracts = expiringContracts.useCall({}, { region, within_days: 90 });
  const flags = exitFlags.useCall({}, { region });
  const training = trainingShortfalls.useCall({}, { region, year, only_shortfalls: true, size: 5 });
  const quota = quotaOverview.useCall({}, { region });
  const cycles = assessmentCycles.useCall({}, { region, year });
  const runs = payrollRuns.useCall({}, { region });

  return (
    <>
      <PageTitle title={t('工作台：待办事项', 'What needs doing')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-contracts"
            title={t('90 天内到期的劳动合同', 'Contracts ending within 90 days')}
            query={contracts}
            available={expiringContracts.available()}
            summarise={(data) => listSummary(data, (row) => `${formatValue(row.name ?? row.worker_name)} · ${formatValue(row.end_date ?? row.ends_on)}`)}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-exit-flags"
            title={t('退出预警（待人工决定）', 'Exit flags (for a decision)')}
            query={flags}
            available={exitFlags.available()}
            summarise={(data) => listSummary(data, (row) => `${formatValue(row.name ?? row.worker_name)} · ${formatValue(row.reason_zh ?? row.reason)}`)}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-training"
            title={t(`${year} 年培训学时不足`, `Training shortfalls ${year}`)}
            query={training}
            available={trainingShortfalls.available()}
            summarise={(data) => ({
              value: data.with_shortfall,
              suffix: `/ ${data.workers}`,
              lines: data.items.map((item) => ({
                key: item.worker_id,
                text: t(`${item.name}：已学 ${item.hours_done} / 应学 ${item.yearly_required} 学时`, `${item.name}: ${item.hours_done} of ${item.yearly_required} hours`),
              })),
            })}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-quota"
            title={t('编制使用情况', 'Staffing quota')}
            query={quota}
            available={quotaOverview.available()}
            summarise={(lines) => {
              const allowed = lines.reduce((sum, line) => sum + line.allowed, 0);
              const filled = lines.reduce((sum, line) => sum + line.filled, 0);
              return {
                value: filled,
                suffix: `/ ${allowed}`,
                lines: lines
                  .filter((line) => line.filled > line.allowed || line.vacancies > 0)
                  .map((line) => ({
                    key: line.region_code,
                    text:
                      line.filled > line.allowed
                        ? t(`${line.name}：超编 ${line.filled - line.allowed} 人`, `${line.name}: ${line.filled - line.allowed} over quota`)
                        : t(`${line.name}：空缺 ${line.vacancies} 人`, `${line.name}: ${line.vacancies} vacancies`),
                  })),
              };
            }}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-assessment"
            title={t('考核截止日期', 'Assessment deadlines')}
            query={cycles}
            available={assessmentCycles.available()}
            link="/assessment"
            summarise={(data) => listSummary(data, (row) => `${formatValue(row.region_name ?? row.region_code)} ${formatValue(row.year)} · ${formatValue(row.status)}`)}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <HomeCard
            testId="card-payroll"
            title={t('待准备的工资', 'Payroll to prepare')}
            query={runs}
            available={payrollRuns.available()}
            link="/payroll"
            summarise={(data) => listSummary(data, (row) => `${formatValue(row.month)} · ${formatValue(row.status)}`)}
          />
        </Col>
      </Row>
    </>
  );
}
