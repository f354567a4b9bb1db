import { Breadcrumb, Card, Col, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { EChart } from '@/components/EChart';
import { RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { RuleKindName, RuleParams } from '@/components/RuleParams';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { CERTIFICATES, EDUCATION, label, POSTS, RESULTS } from '@/lib/codes';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { labelOf, LEVELS } from '@/lib/vocab';
import { assessmentStatisticsAvailable, useAssessmentStatistics } from '../api/get-assessment-statistics';
import { budgetAvailable, useBudget } from '../api/get-budget';
import { payLevelAvailable, usePayLevel, type PayLevelGroup } from '../api/get-pay-level';
import { quotaAvailable, useQuota } from '../api/get-quota';
import { registryStatsAvailable, useRegistryStats } from '../api/get-registry-stats';
import { ageBars, barOption, groupedBarOption } from '../components/charts';
import { PieChart } from '../components/PieChart';

const LEVEL_LENGTHS = [2, 4, 6, 9, 12];
const FISCAL: Record<string, [string, string]> = {
  region: ['自治区/省级', 'Region / province'],
  province: ['省级', 'Province'],
  city: ['市级', 'City'],
  county: ['县（区）级', 'County'],
};

const pct = (share: string | null | undefined) => (share === null || share === undefined ? '—' : `${(Number(share) * 100).toFixed(1)}%`);

/** County / city / province dashboard with drill-down from the user's jurisdiction to a community. */
export function DashboardPage() {
  const t = useT();
  const { lang } = useLang();
  const session = useSession();
  const home = session?.jurisdiction ?? '';
  const [params, setParams] = useSearchParams();
  const region = params.get('region')?.startsWith(home) ? params.get('region')! : home;
  const year = Number(params.get('year') ?? dayjs().year() - 1);
  const month = params.get('month') ?? dayjs().subtract(1, 'month').format('YYYY-MM');
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next);
  };
  const drill = (code: string) => set('region', code);
  const regionHref = (code: string) => {
    const next = new URLSearchParams(params);
    next.set('region', code);
    return `?${next.toString()}`;
  };

  const stats = useRegistryStats(region);
  const quota = useQuota(region);
  const assessment = useAssessmentStatistics(year, region);
  const budget = useBudget(month, region);
  const groupBy: PayLevelGroup = region.length <= 2 ? 'city' : region.length <= 4 ? 'county' : 'township';
  const payLevel = usePayLevel(year, region, groupBy);

  const crumbs = LEVEL_LENGTHS.filter((length) => length >= Math.max(home.length, 2) && length <= region.length).map((length) => region.slice(0, length));
  const names = useMemo(() => new Map((stats.data?.by_region ?? []).map((r) => [r.code, r.name ?? r.code])), [stats.data]);

  return (
    <>
      <PageTitle
        title={t('统计分析', 'Dashboard')}
        extra={
          <Space wrap>
            <Select value={year} onChange={(v) => set('year', String(v))} style={{ width: 100 }} options={[0, 1, 2, 3].map((b) => ({ value: dayjs().year() - b, label: String(dayjs().year() - b) }))} aria-label={t('年度', 'Year')} />
            <Select
              value={month}
              onChange={(v) => set('month', v)}
              style={{ width: 120 }}
              aria-label={t('月份', 'Month')}
              options={Array.from({ length: 12 }, (_, i) => dayjs().subtract(i + 1, 'month').format('YYYY-MM')).map((m) => ({ value: m, label: m }))}
            />
          </Space>
        }
      />
      <Breadcrumb
        style={{ marginBottom: 16 }}
        data-testid="drilldown"
        items={(crumbs.length ? crumbs : [region]).map((code) => ({
          title: code === region ? (
            <Typography.Text strong data-testid="drilldown-current">{code ? <RegionName code={code} name={names.get(code)} /> : t('全部', 'All')}</Typography.Text>
          ) : (
            <Link to={regionHref(code)}>
              <RegionName code={code} name={names.get(code)} />
            </Link>
          ),
        }))}
      />
      <QueryState query={stats} available={registryStatsAvailable()} what={t('人员统计', 'workforce statistics')}>
        {(s) => {
          const targets = s.certification.targets;
          return (
            <Row gutter={[16, 16]}>
              {s.computed_at && (
                <Col xs={24}>
                  <Typography.Text type="secondary" data-testid="stats-computed-at">
                    {t('数据截至', 'Figures as of')} {dayjs(s.computed_at).format('YYYY-MM-DD HH:mm:ss')}
                    {t('（至多 1 分钟前）', ' (at most a minute old)')}
                  </Typography.Text>
                </Col>
              )}
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t('在岗人数', 'Workers in post')} value={s.headcount} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t('持证率', 'Certified share')} value={pct(s.certification.share)} />
                  {targets.map((target) => (
                    <Tag key={target.year} color={target.met ? 'green' : 'red'}>
                      {target.year}: {pct(target.share)} {target.met ? t('已达标', 'met') : t('未达标', 'not met')}
                    </Tag>
                  ))}
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(`${s.training.year} 年培训达标率`, `Training compliance ${s.training.year}`)} value={pct(s.training.share)} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={t('编制使用', 'Quota used')}
                    value={s.quota.reduce((sum, q) => sum + q.filled, 0)}
                    suffix={`/ ${s.quota.reduce((sum, q) => sum + q.allowed, 0)}`}
                  />
                </Card>
              </Col>
              {s.composition && (
                <Col xs={24} md={12}>
                  <Card size="small" title={t('社区“两委”构成（松山）', 'Committee composition (Songshan)')} data-testid="stats-composition">
                    <Space wrap>
                      <Tag>{t(`${s.composition.communities} 个社区`, `${s.composition.communities} communities`)}</Tag>
                      <Tag color={s.composition.over_leadership ? 'red' : 'green'}>{t(`领导职数超限 ${s.composition.over_leadership}`, `Over the leadership limit: ${s.composition.over_leadership}`)}</Tag>
                      <Tag color={s.composition.without_party_affairs ? 'orange' : 'green'}>{t(`未配专职党务工作者 ${s.composition.without_party_affairs}`, `Without a party-affairs worker: ${s.composition.without_party_affairs}`)}</Tag>
                      <Tag color={s.composition.without_local_member ? 'orange' : 'green'}>{t(`无属地化专职成员 ${s.composition.without_local_member}`, `Without a member living locally: ${s.composition.without_local_member}`)}</Tag>
                    </Space>
                  </Card>
                </Col>
              )}
              {s.by_region.length > 0 && (
                <Col xs={24} lg={12}>
                  <Card size="small" title={t('下级区划人数（点击钻取）', 'By region (click to drill down)')}>
                    <EChart
                      testId="chart-regions"
                      option={barOption(s.by_region.map((r) => r.name ?? r.code), s.by_region.map((r) => r.count), { horizontal: true })}
                      height={Math.max(200, s.by_region.length * 32)}
                      onClick={({ dataIndex }) => drill(s.by_region[dataIndex].code)}
                    />
                    <Table
                      size="small"
                      rowKey="code"
                      pagination={false}
                      dataSource={s.by_region}
                      columns={[
                        {
                          title: t('区划', 'Region'),
                          dataIndex: 'name',
                          render: (v: string | null, r) => (
                            <Link to={regionHref(r.code)}>
                              <RegionName code={r.code} name={v} />
                            </Link>
                          ),
                        },
                        { title: t('人数', 'Workers'), dataIndex: 'count', align: 'right' },
                      ]}
                    />
                  </Card>
                </Col>
              )}
              <Col xs={24} lg={12}>
                <Card size="small" title={t('岗位结构', 'By post')}>
                  <PieChart items={s.by_post.map((b) => ({ name: label(POSTS, b.key, lang), value: b.count }))} />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('年龄结构', 'By age')}>
                  <EChart testId="chart-age" option={barOption(...ageBars(s.by_age_band, lang))} />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('学历结构', 'By education')}>
                  <PieChart items={s.by_education.map((b) => ({ name: b.key ? label(EDUCATION, b.key, lang) : t('未登记', 'not recorded'), value: b.count }))} />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('职业资格', 'By certificate')}>
                  <PieChart items={s.by_certificate.map((b) => ({ name: b.key ? label(CERTIFICATES, b.key, lang) : t('无证', 'none'), value: b.count }))} />
                </Card>
              </Col>
            </Row>
          );
        }}
      </QueryState>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24}>
          <Card size="small" title={t('编制：核定与在岗（每万名城镇常住人口配备标准）', 'Quota: allowed vs filled (per 10,000 urban residents)')}>
            <QueryState query={quota} available={quotaAvailable()} what={t('编制', 'quota')} isEmpty={(d) => d.length === 0}>
              {(lines) => (
                <Table
                  size="small"
                  rowKey="region_code"
                  dataSource={lines}
                  scroll={{ x: 'max-content' }}
                  data-testid="quota-table"
                  pagination={lines.length > 20 ? { pageSize: 20 } : false}
                  columns={[
                    {
                      title: t('区划', 'Region'),
                      dataIndex: 'name',
                      render: (v: string, r) => (r.region_code.length < 12 ? <Link to={regionHref(r.region_code)}><RegionName code={r.region_code} name={v} /></Link> : <RegionName code={r.region_code} name={v} />),
                    },
                    { title: t('层级', 'Level'), dataIndex: 'level', render: (v: string) => labelOf(LEVELS, v, lang) },
                    { title: t('测算', 'Computed'), dataIndex: 'computed', align: 'right' },
                    { title: t('例外增编', 'Exceptions'), dataIndex: 'exception_posts', align: 'right' },
                    { title: t('核定', 'Allowed'), dataIndex: 'allowed', align: 'right' },
                    { title: t('在岗', 'Filled'), dataIndex: 'filled', align: 'right', render: (v: number, r) => <Typography.Text type={v > r.allowed ? 'danger' : undefined}>{v}</Typography.Text> },
                    { title: t('空缺', 'Vacancies'), dataIndex: 'vacancies', align: 'right' },
                    {
                      title: t('最低配备', 'Minimum'),
                      dataIndex: 'minimum',
                      align: 'right',
                      // A community below its rule's minimum (SS: at least 6) — the warning names the clause.
                      render: (v: number | null, r) =>
                        r.warnings.length > 0 ? (
                          <Tooltip title={r.warnings.map((w) => (lang === 'en' ? w.message_en : w.message_zh)).join('；')}>
                            <Typography.Text type="danger" data-testid={`below-minimum-${r.region_code}`}>
                              {t(`${v}（缺 ${(v ?? 0) - r.filled}）`, `${v} (${(v ?? 0) - r.filled} short)`)}
                            </Typography.Text>
                          </Tooltip>
                        ) : (
                          (v ?? '—')
                        ),
                    },
                    { title: t('依据', 'Rule'), render: (_, r) => (
                        <>
                          <RuleKindName kind={r.rule_kind} /> {r.rule_prefix ? <RegionName code={r.rule_prefix} /> : t('全国', 'nationwide')}
                          <RuleParams params={r.rule_params as Record<string, unknown>} />
                        </>
                      ) },
                  ]}
                />
              )}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t(`${year} 年考核结果分布`, `Assessment results ${year}`)}>
            <QueryState query={assessment} available={assessmentStatisticsAvailable()} what={t('考核统计', 'assessment statistics')}>
              {(a) => {
                const units = a.townships.length ? a.townships : a.counties;
                const keys = ['excellent', 'competent', 'basically_competent', 'incompetent'] as const;
                return (
                  <>
                    <PieChart
                      items={keys.map((k) => ({ name: label(RESULTS, k, lang), value: a.total.distribution[k] ?? 0 }))}
                      height={240}
                      empty={t(`${year} 年还没有考核结果`, `No assessment results for ${year} yet`)}
                    />
                    {units.length > 0 && (
                      <Table
                        size="small"
                        rowKey={(u) => `${u.county_code}-${u.township_code}`}
                        pagination={false}
                        dataSource={units}
                        columns={[
                          { title: t('单位', 'Unit'), render: (_, u) => <RegionName code={u.township_code ?? u.county_code} /> },
                          { title: t('参评', 'Assessed'), dataIndex: 'assessed', align: 'right' },
                          ...keys.map((k) => ({ title: label(RESULTS, k, lang), align: 'right' as const, render: (_: unknown, u: (typeof units)[number]) => u.distribution[k] ?? 0 })),
                          { title: t('优秀占比', 'Excellent share'), dataIndex: 'excellent_share_percent', render: (v: string | null) => (v ? `${v}%` : '—') },
                        ]}
                      />
                    )}
                  </>
                );
              }}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t(`${month} 工资支出（按财政层级）`, `Payroll cost ${month} by fiscal level`)}>
            <QueryState query={budget} available={budgetAvailable()} what={t('工资预算', 'payroll budget')} isEmpty={(b) => b.by_fiscal_level.length === 0} emptyText={t('该月还没有已审批的工资', 'No approved payroll for this month')}>
              {(b) => {
                const byLevel = new Map<string, number>();
                // Money stays a decimal string for display; summing for the chart only uses cents.
                b.by_fiscal_level.forEach((f) => byLevel.set(f.level, (byLevel.get(f.level) ?? 0) + Math.round(Number(f.amount) * 100)));
                const levels = [...byLevel.entries()];
                return (
                  <>
                    <Statistic title={t('总成本', 'Total cost')} value={formatMoney(b.total_cost)} />
                    <PieChart items={levels.map(([level, cents]) => ({ name: FISCAL[level]?.[lang === 'en' ? 1 : 0] ?? level, value: cents / 100 }))} height={240} />
                    <Table
                      size="small"
                      rowKey="county_code"
                      pagination={false}
                      dataSource={b.counties}
                      columns={[
                        { title: t('县区', 'County'), dataIndex: 'county_code', render: (v: string) => <RegionName code={v} /> },
                        { title: t('人数', 'Workers'), dataIndex: 'workers', align: 'right' },
                        { title: t('应发', 'Gross'), dataIndex: 'gross', align: 'right', render: formatMoney },
                        { title: t('单位成本', 'Employer cost'), dataIndex: 'employer_cost', align: 'right', render: formatMoney },
                      ]}
                    />
                  </>
                );
              }}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t(`${year} 年薪酬水平与当地平均工资`, `Pay vs local average wage ${year}`)}>
            <QueryState query={payLevel} available={payLevelAvailable()} what={t('薪酬水平', 'pay level')} isEmpty={(p) => p.rows.length === 0} emptyText={t('该年度还没有已审批的工资', 'No approved payroll this year')}>
              {(p) => (
                <>
                  <EChart
                    option={groupedBarOption(
                      p.rows.map((r) => names.get(r.region_code) ?? r.region_code),
                      [
                        { name: t('月均薪酬', 'Average monthly pay'), values: p.rows.map((r) => Number(r.average_monthly_pay)) },
                        { name: t('当地月平均工资', 'Local average monthly wage'), values: p.rows.map((r) => Number(r.average_wage_monthly ?? 0)) },
                      ],
                    )}
                    height={260}
                  />
                  <Table
                    size="small"
                    rowKey="region_code"
                    pagination={false}
                    dataSource={p.rows}
                    scroll={{ x: 'max-content' }}
                    columns={[
                      { title: t('区划', 'Region'), dataIndex: 'region_code', render: (v: string) => <RegionName code={v} name={names.get(v)} /> },
                      { title: t('人数', 'Workers'), dataIndex: 'workers', align: 'right' },
                      { title: t('月均薪酬', 'Avg monthly pay'), dataIndex: 'average_monthly_pay', align: 'right', render: formatMoney },
                      { title: t('当地月平均工资', 'Local avg wage'), dataIndex: 'average_wage_monthly', align: 'right', render: formatMoney },
                      { title: t('占平均工资', 'Of avg wage'), dataIndex: 'average_wage_ratio', render: pct },
                      { title: t('年人均', 'Annual per worker'), dataIndex: 'annual_pay_per_worker', align: 'right', render: formatMoney },
                      { title: t('占可支配收入', 'Of disposable income'), dataIndex: 'disposable_income_ratio', render: pct },
                    ]}
                  />
                </>
              )}
            </QueryState>
          </Card>
        </Col>
      </Row>
    </>
  );
}
