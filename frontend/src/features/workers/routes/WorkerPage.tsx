import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Descriptions, Space, Table, Tabs, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { AuditTable } from '@/components/AuditTrail';
import { GradeExplanation } from '@/components/GradeExplanation';
import { PostName, RegionName } from '@/components/Names';
import { PayslipLines } from '@/components/PayslipLines';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { CERTIFICATES, EDUCATION, label, RESULTS, STATUSES } from '@/lib/codes';
import { formatMoney, formatValue } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { ASSESSMENT_KINDS, ETHNICITIES, HEAD_ROLES, LEVELS, labelOf, OTHER_STATUSES, POLITICAL_STATUSES, RUN_KINDS, RUN_STATES, SEX, TRAINING_KINDS, translateCodeList } from '@/lib/vocab';
import { useWorker, workerAvailable } from '../api/get-worker';
import { useWorkerAssessments, workerAssessmentsAvailable } from '../api/get-worker-assessments';
import { useWorkerAudit, workerAuditAvailable } from '../api/get-worker-audit';
import { useWorkerGrade, workerGradeAvailable } from '../api/get-worker-grade';
import { useWorkerPayslips, workerPayslipsAvailable } from '../api/get-worker-payslips';
import { useWorkerSecondments, workerSecondmentsAvailable } from '../api/get-worker-secondments';
import { useWorkerTraining, workerTrainingAvailable } from '../api/get-worker-training';
import { updateWorkerAvailable } from '../api/update-worker';
import { ContractRenewalButton } from '../components/ContractRenewalButton';
import { WorkerAccountButton } from '../components/WorkerAccountButton';
import { WorkerActions } from '../components/WorkerActions';
import { WorkerHistory } from '../components/WorkerHistory';
import { WorkerQualifications } from '../components/WorkerQualifications';

const EMPLOYED = ['probation', 'active', 'seconded'];

export function WorkerPage() {
  const { workerId = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const session = useSession();
  const worker = useWorker(workerId);
  const ok = worker.isSuccess;
  const community = worker.data?.community_code;
  const training = useWorkerTraining(workerId, ok);
  const auditTrail = useWorkerAudit(workerId, ok);
  const secondments = useWorkerSecondments(workerId, community);
  const assessments = useWorkerAssessments(workerId, community);
  const payslips = useWorkerPayslips(workerId, ok && session?.role !== 'worker');
  // Payroll answers the grade to every officer, the auditor included (a disabled query was a spinner that never ended).
  const grade = useWorkerGrade(workerId, ok);
  const canEdit = ['township_officer', 'county_officer', 'city_officer', 'provincial_admin'].includes(session?.role ?? '');

  return (
    <QueryState query={worker} available={workerAvailable()} what={t('人员档案', 'worker record')}>
      {(w) => (
        <>
          <PageTitle
            title={
              <span data-testid="worker-name">
                {w.name} <Tag>{label(STATUSES, w.status, lang)}</Tag>
              </span>
            }
            extra={
              canEdit && (
                <Space wrap>
                  <WorkerActions worker={w} />
                  {EMPLOYED.includes(w.status) && <WorkerAccountButton workerId={workerId} />}
                  <Button icon={<EditOutlined />} disabled={!updateWorkerAvailable()} onClick={() => navigate(`/workers/${workerId}/edit`)}>
                    {t('更正信息', 'Correct')}
                  </Button>
                </Space>
              )
            }
          />
          <Card style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="worker-profile">
              <Descriptions.Item label={t('性别', 'Sex')}>{labelOf(SEX, w.sex, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('出生日期', 'Born')}>{w.birth_date}</Descriptions.Item>
              <Descriptions.Item label={t('身份证号', 'ID number')}>{w.national_id}</Descriptions.Item>
              <Descriptions.Item label={t('民族', 'Ethnicity')}>{translateCodeList(ETHNICITIES, w.ethnicity, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('政治面貌', 'Political status')}>{translateCodeList(POLITICAL_STATUSES, w.political_status, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('联系电话', 'Phone')}>{formatValue(w.phone)}</Descriptions.Item>
              <Descriptions.Item label={t('工资发放账户', 'Wage account')}>
                <span data-testid="worker-bank">{w.bank_account ? `${[w.bank_name, w.bank_branch].filter(Boolean).join(' ')} ${w.bank_account}` : t('未登记', 'not recorded')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('社区', 'Community')}>
                <RegionName code={w.community_code} name={w.community_name} />
              </Descriptions.Item>
              <Descriptions.Item label={t('岗位', 'Post')}>
                <PostName code={w.post} /> {w.yijiantiao ? <Tag color="gold">{t('一肩挑', 'Yijiantiao')}</Tag> : w.head_role && <Tag>{labelOf(HEAD_ROLES, w.head_role, lang)}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('社区职责', 'Community duties')}>
                {[w.committee_member && t('两委成员', 'Committee member'), w.party_affairs && t('专职党务工作者', 'Party-affairs worker'), w.lives_locally && t('属地化（居住在本社区）', 'Lives in the community')].filter(Boolean).join('、') || '—'}
              </Descriptions.Item>
              {w.other_status && (
                <Descriptions.Item label={t('其他身份', 'Other status')}>
                  {labelOf(OTHER_STATUSES, w.other_status, lang)}{w.other_status_since ? t(`（${w.other_status_since} 起）`, ` (since ${w.other_status_since})`) : ''}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('入职日期', 'Hired on')}>{w.hired_on}</Descriptions.Item>
              <Descriptions.Item label={t('学历', 'Education')}>{label(EDUCATION, w.education_level, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('职业资格', 'Certificate')}>{label(CERTIFICATES, w.certificate_level, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('劳动合同', 'Contract')}>
                {w.contract ? `${w.contract.start} — ${w.contract.end}（${w.contract.term_years}${t('年', ' y')}）` : '—'}
                {canEdit && EMPLOYED.includes(w.status) && (
                  <span style={{ marginInlineStart: 8 }}>
                    <ContractRenewalButton worker={w} />
                  </span>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card>
            <Tabs
              items={[
                {
                  key: 'history',
                  label: t('工作经历', 'Service history'),
                  children: <WorkerHistory worker={w} canEdit={canEdit} />,
                },
                {
                  key: 'qualifications',
                  label: t('学历与资格', 'Education and certificates'),
                  children: <WorkerQualifications workerId={workerId} canEdit={canEdit} />,
                },
                {
                  key: 'grade',
                  label: t('岗位等级', 'Grade'),
                  children: (
                    <QueryState query={grade} available={workerGradeAvailable()} what={t('岗位等级', 'grade')}>
                      {(data) => <GradeExplanation grade={data} />}
                    </QueryState>
                  ),
                },
                {
                  key: 'training',
                  label: t('培训', 'Training'),
                  children: (
                    <QueryState query={training} available={workerTrainingAvailable()} what={t('培训记录', 'training')} isEmpty={(d) => d.length === 0}>
                      {(rows) => (
                        <Table
                          size="small"
                          rowKey="id"
                          dataSource={rows}
                          data-testid="worker-training"
                          columns={[
                            { title: t('日期', 'Date'), dataIndex: 'training_date' },
                            { title: t('培训', 'Training'), dataIndex: 'title' },
                            { title: t('学时', 'Hours'), dataIndex: 'hours' },
                            { title: t('类别', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(TRAINING_KINDS, v, lang) },
                            { title: t('组织层级', 'Organiser'), dataIndex: 'organiser_level', render: (v: string) => labelOf(LEVELS, v, lang) },
                          ]}
                        />
                      )}
                    </QueryState>
                  ),
                },
                {
                  key: 'secondments',
                  label: t('借调', 'Secondments'),
                  children: (
                    <QueryState query={secondments} available={workerSecondmentsAvailable()} what={t('借调记录', 'secondments')} isEmpty={(d) => d.length === 0}>
                      {(rows) => (
                        <Table
                          size="small"
                          rowKey="id"
                          dataSource={rows}
                          columns={[
                            { title: t('借调单位', 'Borrower'), dataIndex: 'borrower' },
                            { title: t('层级', 'Level'), dataIndex: 'borrower_level', render: (v: string) => labelOf(LEVELS, v, lang) },
                            { title: t('开始', 'From'), dataIndex: 'start_date' },
                            { title: t('结束', 'To'), dataIndex: 'end_date' },
                            { title: t('审批部门', 'Approved by'), dataIndex: 'approving_department' },
                          ]}
                        />
                      )}
                    </QueryState>
                  ),
                },
                {
                  key: 'assessments',
                  label: t('考核', 'Assessments'),
                  children: (
                    <QueryState query={assessments} available={workerAssessmentsAvailable()} what={t('考核结果', 'assessments')} isEmpty={(d) => d.length === 0}>
                      {(rows) => (
                        <Table
                          size="small"
                          rowKey="id"
                          dataSource={rows}
                          columns={[
                            { title: t('年度', 'Year'), dataIndex: 'year' },
                            { title: t('类别', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(ASSESSMENT_KINDS, v, lang) },
                            { title: t('结果', 'Result'), dataIndex: 'result', render: (v) => label(RESULTS, v, lang) },
                            { title: t('得分', 'Score'), dataIndex: 'score', render: formatValue },
                            { title: t('容错', 'Tolerance'), dataIndex: 'tolerance', render: (v) => (v ? t('是', 'yes') : '') },
                          ]}
                        />
                      )}
                    </QueryState>
                  ),
                },
                {
                  key: 'payslips',
                  label: t('工资条', 'Payslips'),
                  children: (
                    <QueryState query={payslips} available={workerPayslipsAvailable()} what={t('工资条', 'payslips')} isEmpty={(d) => d.length === 0} emptyText={t('最近的工资核算中没有该人员', 'Not in the recent payroll runs')}>
                      {(rows) => (
                        <Collapse
                          data-testid="worker-payslips"
                          items={rows.map((slip) => ({
                            key: `${slip.run_id}`,
                            label: `${slip.month} · ${labelOf(RUN_KINDS, slip.kind, lang)} · ${t('实发', 'net')} ${formatMoney(slip.net)} · ${labelOf(RUN_STATES, slip.run_state, lang)}`,
                            children: <PayslipLines payslip={slip} />,
                          }))}
                        />
                      )}
                    </QueryState>
                  ),
                },
                {
                  key: 'audit',
                  label: t('变更记录', 'Audit trail'),
                  children: (
                    <QueryState query={auditTrail} available={workerAuditAvailable()} what={t('变更记录', 'audit trail')} isEmpty={(d) => d.items.length === 0}>
                      {(page) => <AuditTable entries={page.items} testId="worker-audit" showWorker={false} />}
                    </QueryState>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </QueryState>
  );
}
