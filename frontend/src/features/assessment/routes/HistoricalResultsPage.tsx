import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { NotAvailable } from '@/components/NotAvailable';
import { RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { WorkerPicker } from '@/components/WorkerPicker';
import { useSession } from '@/lib/auth';
import { validated } from '@/lib/validated';
import { label, RESULTS } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import {
  historicalAvailable,
  useConfirmHistoricalImport,
  useCorrectHistoricalResult,
  useDownloadHistoricalTemplate,
  useEnterHistoricalResult,
  useHistoricalResults,
  useUploadHistoricalImport,
  type HistoricalCorrectionIn,
  type HistoricalImportReport,
  type HistoricalImportRow,
  type HistoricalIn,
  type HistoricalResult,
} from '../api/historical-results';

const ENTERERS = ['township_officer', 'county_officer'];
const ROW_STATUS: Record<string, [string, string, string]> = {
  valid: ['可导入', 'valid', 'green'],
  invalid: ['有错误', 'invalid', 'red'],
  imported: ['已导入', 'imported', 'blue'],
  skipped: ['已跳过', 'skipped', 'orange'],
};

/** 历史考核结果：系统启用前各年度的考核结果，逐条录入或 Excel 导入（逐行检查后确认），计入岗位等级。 */
export function HistoricalResultsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const role = useSession()?.role ?? '';
  const canEnter = ENTERERS.includes(role);
  const list = useHistoricalResults();
  const enter = useEnterHistoricalResult();
  const upload = useUploadHistoricalImport();
  const confirm = useConfirmHistoricalImport();
  const template = useDownloadHistoricalTemplate();
  const [report, setReport] = useState<HistoricalImportReport | null>(null);
  const [form] = Form.useForm<HistoricalIn>();
  const correct = useCorrectHistoricalResult();
  const [correcting, setCorrecting] = useState<HistoricalResult | null>(null);
  const [correction] = Form.useForm<HistoricalCorrectionIn>();
  const resultOptions = Object.keys(RESULTS).map((code) => ({ value: code, label: label(RESULTS, code, lang) }));

  if (!historicalAvailable()) {
    return (
      <>
        <PageTitle title={t('历史考核结果', 'Results from before the system')} />
        <NotAvailable what={t('历史考核结果', 'historical results')} />
      </>
    );
  }

  return (
    <>
      <PageTitle
        title={t('历史考核结果', 'Results from before the system')}
        extra={
          <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
            {t('下载导入模板', 'Download the template')}
          </Button>
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t(
          '系统启用前各年度的考核结果（须注明依据文件）录入后即为最终结果、不再公示，记入操作记录，并计入岗位等级和绩效。只能录入往年、本辖区内的工作者。',
          'Past years’ results (with their source document) are final once entered — no notice runs today — audited, and count toward grades and performance pay. Past years and workers of your jurisdiction only.',
        )}
      />
      {canEnter && (
        <Card title={t('逐条录入', 'Enter one result')} style={{ marginBottom: 16 }}>
          <ProblemAlert error={enter.error} />
          <Form
            form={form}
            layout="inline"
            data-testid="historical-form"
            onFinish={(values) =>
              enter.mutate(values, {
                onSuccess: () => {
                  message.success(t('已录入', 'Entered'));
                  form.resetFields();
                },
              })
            }
          >
            <Form.Item name="worker_id" label={t('工作者', 'Worker')} rules={[{ required: true, message: t('请选择工作者', 'Choose the worker') }]}>
              <WorkerPicker />
            </Form.Item>
            <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true, message: t('请填写年度', 'Give the year') }]}>
              <InputNumber min={1978} max={dayjs().year() - 1} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="result" label={t('考核结果', 'Result')} rules={[{ required: true, message: t('请选择结果', 'Choose the result') }]}>
              <Select options={resultOptions} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="source_document" label={t('依据文件', 'Source document')} rules={[{ required: true, min: 2, message: t('请填写依据文件（文号或标题）', 'Give the source document') }]}>
              <Input style={{ width: 320 }} placeholder={t('如：兴组通〔2023〕7号', 'e.g. the notice number')} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={enter.isPending}>
                {t('录入', 'Enter')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {canEnter && (
        <Card title={t('Excel 导入', 'Import from Excel')} style={{ marginBottom: 16 }}>
          <ProblemAlert error={upload.error ?? template.error} />
          {!report ? (
            <Upload.Dragger
              accept=".xlsx"
              maxCount={1}
              showUploadList={false}
              disabled={upload.isPending}
              customRequest={({ file }) => upload.mutate(file as File, { onSuccess: setReport })}
              data-testid="historical-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{upload.isPending ? t('正在逐行检查…', 'Checking every row…') : t('点击或拖入 .xlsx 文件（使用下载的模板）', 'Click or drop an .xlsx file (use the template)')}</p>
            </Upload.Dragger>
          ) : (
            <>
              <Space style={{ marginBottom: 12 }} wrap>
                <span>{report.filename}</span>
                <Tag color="green">{t(`可导入 ${report.valid} 行`, `${report.valid} valid`)}</Tag>
                <Tag color={report.invalid ? 'red' : undefined}>{t(`有错误 ${report.invalid} 行`, `${report.invalid} with errors`)}</Tag>
                {report.state === 'confirmed' && <Tag color="blue">{t(`已导入 ${report.imported} 行`, `${report.imported} imported`)}</Tag>}
              </Space>
              <Table<HistoricalImportRow>
                size="small"
                rowKey="row"
                dataSource={report.rows}
                data-testid="historical-report"
                pagination={{ pageSize: 50 }}
                columns={[
                  { title: t('行号', 'Row'), dataIndex: 'row', width: 70 },
                  { title: t('姓名', 'Name'), dataIndex: 'name', render: (v) => v ?? '—' },
                  { title: t('年度', 'Year'), dataIndex: 'year', render: (v) => v ?? '—' },
                  { title: t('考核结果', 'Result'), dataIndex: 'result', render: (v: string | null) => label(RESULTS, v, lang) },
                  { title: t('依据文件', 'Source document'), dataIndex: 'source_document', render: (v) => v ?? '—' },
                  {
                    title: t('状态', 'Status'),
                    dataIndex: 'status',
                    render: (v: string) => <Tag color={ROW_STATUS[v]?.[2]}>{lang === 'en' ? ROW_STATUS[v]?.[1] : ROW_STATUS[v]?.[0]}</Tag>,
                  },
                  {
                    title: t('问题', 'Problems'),
                    render: (_, row) => (row.errors?.length ? row.errors.map((e, i) => <div key={i}>{lang === 'en' ? e.message_en : e.message_zh}</div>) : '—'),
                  },
                ]}
              />
              <ProblemAlert error={confirm.error} />
              <Space style={{ marginTop: 12 }}>
                <Button onClick={() => setReport(null)}>{t('重新上传', 'Upload another file')}</Button>
                <Button
                  type="primary"
                  disabled={!report.valid || report.state !== 'validated'}
                  loading={confirm.isPending}
                  onClick={() =>
                    confirm.mutate(report.id, {
                      onSuccess: (done) => {
                        setReport(done);
                        message.success(t('导入完成', 'Import complete'));
                      },
                    })
                  }
                >
                  {t(`确认导入 ${report.valid} 行`, `Import ${report.valid} rows`)}
                </Button>
              </Space>
            </>
          )}
        </Card>
      )}
      <Card title={t('已录入的历史结果', 'Historical results entered')}>
        <QueryState query={list}>
          {(items) => (
            <Table<HistoricalResult>
              size="small"
              rowKey="id"
              dataSource={items}
              data-testid="historical-list"
              pagination={{ pageSize: 50 }}
              columns={[
                { title: t('姓名', 'Name'), dataIndex: 'worker_name' },
                { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
                { title: t('年度', 'Year'), dataIndex: 'year' },
                { title: t('考核结果', 'Result'), dataIndex: 'result', render: (v: string) => label(RESULTS, v, lang) },
                { title: t('依据文件', 'Source document'), dataIndex: 'source_document' },
                { title: t('版本', 'Revision'), dataIndex: 'revision' },
                ...(canEnter
                  ? [
                      {
                        title: t('操作', 'Actions'),
                        key: 'actions',
                        render: (_: unknown, row: HistoricalResult) => (
                          <Button
                            size="small"
                            onClick={() => {
                              correction.setFieldsValue({ result: row.result as HistoricalCorrectionIn['result'], source_document: row.source_document, reason: '' });
                              setCorrecting(row);
                            }}
                          >
                            {t('更正', 'Correct')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </QueryState>
      </Card>
      <Modal
        open={Boolean(correcting)}
        title={t(`更正 ${correcting?.worker_name ?? ''} ${correcting?.year ?? ''} 年度结果`, `Correct ${correcting?.worker_name ?? ''}'s ${correcting?.year ?? ''} result`)}
        okText={t('保存更正', 'Save the correction')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={correct.isPending}
        onCancel={() => setCorrecting(null)}
        onOk={async () => {
          const body = await validated(correction);
          if (!body || !correcting) return;
          correct.mutate(
            { resultId: correcting.id, body },
            {
              onSuccess: () => {
                message.success(t('已更正，新版本已发布', 'Corrected: a new revision is published'));
                setCorrecting(null);
              },
            },
          );
        }}
      >
        <ProblemAlert error={correct.error} />
        <Form form={correction} name="correction" layout="vertical" data-testid="historical-correction">
          <Form.Item name="result" label={t('考核结果', 'Result')} rules={[{ required: true, message: t('请选择结果', 'Choose the result') }]}>
            <Select options={resultOptions} />
          </Form.Item>
          <Form.Item name="source_document" label={t('依据文件', 'Source document')} rules={[{ required: true, min: 2, message: t('请填写依据文件（文号或标题）', 'Give the source document') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="reason" label={t('更正理由', 'Reason')} rules={[{ required: true, message: t('请填写更正理由', 'Give the reason') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
