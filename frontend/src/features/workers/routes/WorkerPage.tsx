import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Statistic, Tabs, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { AutoTable } from '@/components/AutoTable';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/lib/auth';
import { CERTIFICATES, EDUCATION, label, POSTS, STATUSES } from '@/lib/codes';
import { itemsOf } from '@/lib/define-call';
import { formatMoney, formatValue } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { updateWorkerAvailable } from '../api/update-worker';
import { useWorker, workerAvailable } from '../api/get-worker';
import { workerAssessments } from '../api/get-worker-assessments';
import { workerAudit } from '../api/get-worker-audit';
import { workerContracts } from '../api/get-worker-contracts';
import { workerPayslips } from '../api/get-worker-payslips';
import { workerSecondments } from '../api/get-worker-secondments';
import { workerServiceHistory } from '../api/get-worker-service-history';
import { workerTraining } from '../api/get-worker-training';
import { WorkerSection } from '../components/WorkerSection';

export function WorkerPage() {
  const { workerId = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const session = useSession();
  const worker = useWorker(workerId);
  const ok = worker.isSuccess;
  const history = workerServiceHistory.useCall({ worker_id: workerId }, undefined, ok);
  const contracts = workerContracts.useCall({ worker_id: workerId }, undefined, ok);
  const training = workerTraining.useCall({}, { worker_id: workerId }, ok);
  const secondments = workerSecondments.useCall({ worker_id: workerId }, undefined, ok);
  const assessments = workerAssessments.useCall({}, { worker_id: workerId }, ok);
  const payslips = workerPayslips.useCall({}, { worker_id: workerId }, ok);
  const audit = workerAudit.useCall({ worker_id: workerId }, undefined, ok);
  const canEdit = ['township_officer', 'county_officer', 'city_officer', 'provincial_admin'].includes(session?.role ?? '');

  return (
    <QueryState query={worker} available={workerAvailable()} what={t('人员档案', 'worker record')}>
      {(w) => (
        <>
          <PageTitle
            title={
              <>
                {w.name} <Tag>{label(STATUSES, w.status, lang)}</Tag>
              </>
            }
            extra={
              canEdit && (
                <Button icon={<EditOutlined />} disabled={!updateWorkerAvailable()} onClick={() => navigate(`/workers/${workerId}/edit`)}>
                  {t('编辑', 'Edit')}
                </Button>
              )
            }
          />
          <Card style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="worker-profile">
              <Descriptions.Item label={t('性别', 'Sex')}>{w.sex === 'F' ? t('女', 'F') : w.sex === 'M' ? t('男', 'M') : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('出生日期', 'Born')}>{formatValue(w.birth_date)}</Descriptions.Item>
              <Descriptions.Item label={t('身份证号', 'ID number')}>{formatValue(w.national_id)}</Descriptions.Item>
              <Descriptions.Item label={t('社区', 'Community')}>{formatValue(w.community_name ?? w.community_code)}</Descriptions.Item>
              <Descriptions.Item label={t('岗位', 'Post')}>{label(POSTS, w.post, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('入职日期', 'Hired on')}>{formatValue(w.hired_on)}</Descriptions.Item>
              <Descriptions.Item label={t('学历', 'Education')}>{label(EDUCATION, w.education_level, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('职业资格', 'Certificate')}>{label(CERTIFICATES, w.certificate_level, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('联系电话', 'Phone')}>{formatValue(w.phone)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card>
            <Tabs
              items={[
                {
                  key: 'history',
                  label: t('工作经历', 'Service history'),
                  children: (
                    <QueryState query={history} available={workerServiceHistory.available()} what={t('工作经历', 'service history')}>
                      {(data) => (
                        <>
                          <Statistic title={t('累计社区工作年限', 'Cumulative community service (years)')} value={data.cumulative_service_years ?? '—'} />
                          <AutoTable rows={itemsOf<Record<string, unknown>>(data.periods ?? data.items ?? data)} />
                        </>
                      )}
                    </QueryState>
                  ),
                },
                { key: 'contracts', label: t('劳动合同', 'Contract'), children: <WorkerSection query={contracts} available={workerContracts.available()} what={t('劳动合同', 'contracts')} /> },
                {
                  key: 'training',
                  label: t('培训', 'Training'),
                  children: (
                    <WorkerSection
                      query={training}
                      available={workerTraining.available()}
                      what={t('培训记录', 'training')}
                      testId="worker-training"
                      columns={[
                        { title: t('日期', 'Date'), dataIndex: 'training_date' },
                        { title: t('培训', 'Training'), dataIndex: 'title' },
                        { title: t('学时', 'Hours'), dataIndex: 'hours' },
                        { title: t('类别', 'Kind'), dataIndex: 'kind' },
                        { title: t('组织层级', 'Organiser'), dataIndex: 'organiser_level' },
                      ]}
                    />
                  ),
                },
                { key: 'secondments', label: t('借调', 'Secondments'), children: <WorkerSection query={secondments} available={workerSecondments.available()} what={t('借调记录', 'secondments')} /> },
                { key: 'assessments', label: t('考核', 'Assessments'), children: <WorkerSection query={assessments} available={workerAssessments.available()} what={t('考核结果', 'assessments')} /> },
                {
                  key: 'payslips',
                  label: t('工资条', 'Payslips'),
                  children: (
                    <WorkerSection
                      query={payslips}
                      available={workerPayslips.available()}
                      what={t('工资条', 'payslips')}
                      columns={[
                        { title: t('月份', 'Month'), dataIndex: 'month' },
                        { title: t('应发', 'Gross'), dataIndex: 'gross', render: formatMoney },
                        { title: t('实发', 'Net'), dataIndex: 'net', render: formatMoney },
                        { title: t('状态', 'Status'), dataIndex: 'status', render: formatValue },
                      ]}
                    />
                  ),
                },
                { key: 'audit', label: t('变更记录', 'Audit trail'), children: <WorkerSection query={audit} available={workerAudit.available()} what={t('变更记录', 'audit trail')} /> },
              ]}
            />
          </Card>
        </>
      )}
    </QueryState>
  );
}
