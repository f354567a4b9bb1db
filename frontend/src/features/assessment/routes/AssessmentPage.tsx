import { Button, Card, Col, Row, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { label, POSTS, RESULTS } from '@/lib/codes';
import { formatValue } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { useCycleAssessments } from '../api/get-cycle-assessments';
import { cyclesAvailable, useCycles } from '../api/get-cycles';
import { statisticsAvailable, useStatistics } from '../api/get-statistics';
import type { Assessment, AssessmentStatus } from '../api/types';
import { ActionModal } from '../components/ActionModal';
import { QuotaBar } from '../components/QuotaBar';

const STATUS_LABELS: Record<string, [string, string, string]> = {
  pending: ['待建议', 'Awaiting proposal', 'default'],
  proposed: ['待决定', 'Awaiting decision', 'blue'],
  notice: ['公示中', 'Public notice', 'orange'],
  final: ['已定', 'Final', 'green'],
};

export function AssessmentPage() {
  const t = useT();
  const { lang } = useLang();
  const session = useSession();
  const [year, setYear] = useState(dayjs().year() - (dayjs().month() < 11 ? 1 : 0));
  const cycles = useCycles(year);
  const [cycleId, setCycleId] = useState<string>();
  const cycle = cycles.data?.find((c) => c.id === cycleId) ?? cycles.data?.[0];
  const [status, setStatus] = useState<AssessmentStatus>();
  const [page, setPage] = useState({ page: 1, size: 50 });
  const township = session?.jurisdiction.length && session.jurisdiction.length >= 9 ? session.jurisdiction.slice(0, 9) : undefined;
  const assessments = useCycleAssessments(cycle?.id, { status, township, ...page });
  const statistics = useStatistics(year, session?.jurisdiction);
  const [action, setAction] = useState<{ kind: 'propose' | 'decide'; assessment: Assessment } | null>(null);
  const units = useMemo(() => {
    const data = statistics.data;
    if (!data) return [];
    return data.townships.length ? data.townships : data.counties;
  }, [statistics.data]);
  const role = session?.role;

  return (
    <>
      <PageTitle
        title={t('年度考核', 'Annual assessment')}
        extra={
          <Space wrap>
            <Select value={year} onChange={setYear} style={{ width: 100 }} options={[0, 1, 2, 3].map((back) => ({ value: dayjs().year() - back, label: String(dayjs().year() - back) }))} />
            <Select
              placeholder={t('考核周期', 'Cycle')}
              value={cycle?.id}
              onChange={setCycleId}
              style={{ width: 260 }}
              options={(cycles.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.county_code}）` }))}
            />
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={t('优秀名额', 'Excellent quota')} size="small">
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
        </Col>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={t('考核名单', 'Assessees')}
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
                options={Object.entries(STATUS_LABELS).map(([value, [zh, en]]) => ({ value, label: t(zh, en) }))}
              />
            }
          >
            <QueryState query={cycles} available={cyclesAvailable()} what={t('考核周期', 'assessment cycles')} isEmpty={(d) => d.length === 0} emptyText={t('本年度还没有考核周期', 'No assessment cycle this year')}>
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
                        { title: t('姓名', 'Name'), dataIndex: 'worker_name' },
                        { title: t('社区', 'Community'), dataIndex: 'community_code' },
                        { title: t('岗位', 'Post'), dataIndex: 'post', render: (v) => label(POSTS, v, lang) },
                        {
                          title: t('状态', 'Status'),
                          dataIndex: 'status',
                          render: (v: string) => {
                            const [zh, en, color] = STATUS_LABELS[v] ?? [v, v, 'default'];
                            return <Tag color={color}>{t(zh, en)}</Tag>;
                          },
                        },
                        { title: t('建议', 'Proposed'), render: (_, row) => (row.proposed_result ? `${label(RESULTS, row.proposed_result, lang)} ${formatValue(row.proposed_score)}` : '—') },
                        { title: t('决定', 'Decided'), render: (_, row) => (row.result ? `${label(RESULTS, row.result, lang)} ${formatValue(row.score)}` : '—') },
                        { title: t('公示至', 'Notice until'), dataIndex: 'notice_until', render: formatValue },
                        {
                          title: t('操作', 'Action'),
                          render: (_, row) => (
                            <Space>
                              {role === 'party_secretary' && (row.status === 'pending' || row.status === 'proposed') && (
                                <Button size="small" onClick={() => setAction({ kind: 'propose', assessment: row })}>
                                  {t('建议', 'Propose')}
                                </Button>
                              )}
                              {role === 'township_officer' && row.status === 'proposed' && (
                                <Button size="small" type="primary" onClick={() => setAction({ kind: 'decide', assessment: row })}>
                                  {t('决定', 'Decide')}
                                </Button>
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
    </>
  );
}
