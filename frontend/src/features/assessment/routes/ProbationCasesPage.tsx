import { Alert, App, Button, Card, DatePicker, Form, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { PostName, RegionName } from '@/components/Names';
import { NotAvailable } from '@/components/NotAvailable';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { label, RESULTS } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import { ASSESSMENT_STATUSES, labelOf, optionsOf } from '@/lib/vocab';
import { probationAvailable, useOpenProbationCases, useProbationCases } from '../api/probation-cases';
import type { Assessment, AssessmentStatus } from '../api/types';
import { ActionModal } from '../components/ActionModal';
import { AssessmentDrawer } from '../components/AssessmentDrawer';

const OPENERS = ['township_officer', 'county_officer'];
const STATUS_COLORS: Record<string, string> = { pending: 'default', proposed: 'blue', notice: 'orange', final: 'green' };

/** 试用期满考核：为到期的试用期开启考核（不论月份），随后按常规流程提议、决定、公示、确定；只有“不合格”为试用期不合格。 */
export function ProbationCasesPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const role = useSession()?.role ?? '';
  const [status, setStatus] = useState<AssessmentStatus>();
  const cases = useProbationCases(status);
  const open = useOpenProbationCases();
  const [action, setAction] = useState<{ kind: 'propose' | 'decide'; assessment: Assessment } | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  if (!probationAvailable()) {
    return (
      <>
        <PageTitle title={t('试用期满考核', 'Probation assessments')} />
        <NotAvailable what={t('试用期满考核', 'probation assessments')} />
      </>
    );
  }

  return (
    <>
      <PageTitle title={t('试用期满考核', 'Probation assessments')} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t(
          '试用期满须经考核：为截止日期前到期的试用期开启考核，按常规流程由社区党组织提议、街道（乡镇）决定。只有“不合格”为试用期考核不合格，并提示退出，由人工决定。',
          'A probation ends with an assessment: open cases for probations ending by a date; the party secretary proposes and the township decides as usual. Only 不合格 fails probation and raises the exit flag for a person to decide.',
        )}
      />
      {OPENERS.includes(role) && (
        <Card title={t('开启试用期满考核', 'Open probation cases')} style={{ marginBottom: 16 }}>
          <ProblemAlert error={open.error} />
          <Form
            layout="inline"
            data-testid="probation-open"
            initialValues={{ ending_by: dayjs().endOf('month') }}
            onFinish={(values: { ending_by: Dayjs }) =>
              open.mutate(
                { ending_by: values.ending_by.format('YYYY-MM-DD') },
                {
                  onSuccess: (done) =>
                    message.success(t(`新开启 ${done.opened} 件，已有 ${done.already_open} 件`, `${done.opened} opened, ${done.already_open} already open`)),
                },
              )
            }
          >
            <Form.Item name="ending_by" label={t('试用期截止不晚于', 'Probations ending by')} rules={[{ required: true, message: t('请选择日期', 'Choose a date') }]}>
              <DatePicker allowClear={false} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={open.isPending}>
                {t('开启考核', 'Open cases')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      <Card
        title={t('试用期考核', 'Probation cases')}
        extra={
          <Select
            allowClear
            placeholder={t('全部状态', 'All statuses')}
            value={status}
            onChange={setStatus}
            style={{ width: 140 }}
            options={optionsOf(ASSESSMENT_STATUSES, lang)}
          />
        }
      >
        <QueryState query={cases}>
          {(items) => (
            <Table<Assessment>
              size="small"
              rowKey="id"
              dataSource={items}
              data-testid="probation-list"
              pagination={{ pageSize: 50 }}
              columns={[
                { title: t('姓名', 'Name'), dataIndex: 'worker_name', render: (v: string, row) => <a onClick={() => setOpenId(row.id)}>{v}</a> },
                { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
                { title: t('岗位', 'Post'), dataIndex: 'post', render: (v: string | null) => (v ? <PostName code={v} /> : '—') },
                { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLORS[v]}>{labelOf(ASSESSMENT_STATUSES, v, lang)}</Tag> },
                { title: t('提议结果', 'Proposed'), dataIndex: 'proposed_result', render: (v: string | null) => (v ? label(RESULTS, v, lang) : '—') },
                { title: t('考核结果', 'Result'), dataIndex: 'result', render: (v: string | null) => (v ? label(RESULTS, v, lang) : '—') },
                {
                  title: t('操作', 'Actions'),
                  key: 'actions',
                  render: (_: unknown, row: Assessment) => (
                    <Space>
                      {role === 'party_secretary' && row.status === 'pending' && (
                        <Button size="small" onClick={() => setAction({ kind: 'propose', assessment: row })}>
                          {t('提议', 'Propose')}
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
      </Card>
      {action && <ActionModal action={action.kind} assessment={action.assessment} onClose={() => setAction(null)} />}
      <AssessmentDrawer assessmentId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
