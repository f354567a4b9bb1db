import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Result, Space, Statistic, Steps, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { NotAvailable } from '@/components/NotAvailable';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useLang, useT } from '@/lib/i18n';
import { useConfirmImport } from '../api/confirm-import';
import { importTemplateAvailable, useDownloadImportTemplate } from '../api/download-import-template';
import { uploadImportAvailable, useUploadImport, type ImportReport, type ImportRow } from '../api/upload-import';

/** Excel import in three steps: upload → the registry's row report → confirm. */
export function WorkerImportPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const upload = useUploadImport();
  const confirm = useConfirmImport();
  const template = useDownloadImportTemplate();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const step = done ? 2 : report ? 1 : 0;

  if (!uploadImportAvailable()) {
    return (
      <>
        <PageTitle title={t('Excel 导入人员', 'Import workers from Excel')} />
        <NotAvailable what={t('Excel 导入', 'Excel import')} />
      </>
    );
  }

  return (
    <>
      <PageTitle
        title={t('Excel 导入人员', 'Import workers from Excel')}
        extra={
          importTemplateAvailable() && (
            <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
              {t('下载模板', 'Download the template')}
            </Button>
          )
        }
      />
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[{ title: t('上传文件', 'Upload') }, { title: t('逐行检查', 'Row report') }, { title: t('确认导入', 'Confirm') }]}
        />
        <ProblemAlert error={template.error} />
        {step === 0 && (
          <>
            <ProblemAlert error={upload.error} />
            <Upload.Dragger
              accept=".xlsx"
              maxCount={1}
              showUploadList={false}
              disabled={upload.isPending}
              customRequest={({ file }) => upload.mutate(file as File, { onSuccess: setReport })}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{upload.isPending ? t('正在逐行检查…', 'Checking every row…') : t('点击或拖入 .xlsx 文件（使用下载的模板）', 'Click or drop an .xlsx file (use the template)')}</p>
            </Upload.Dragger>
          </>
        )}
        {step === 1 && report && (
          <>
            <Space size="large" style={{ marginBottom: 16 }} wrap>
              <Statistic title={t('文件', 'File')} value={report.filename} />
              <Statistic title={t('总行数', 'Rows')} value={report.row_count} />
              <Statistic title={t('可导入', 'Valid')} value={report.valid_count} styles={{ content: { color: '#389e0d' } }} />
              <Statistic title={t('有错误', 'With errors')} value={report.invalid_count} styles={{ content: { color: report.invalid_count ? '#cf1322' : undefined } }} />
            </Space>
            {report.invalid_count > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('有错误的行不会导入：可修改 Excel 后重新上传，或只导入正确的行。', 'Rows with errors are not imported: fix the file and upload again, or import the valid rows only.')}
              />
            )}
            <Table<ImportRow>
              size="small"
              rowKey="row_number"
              dataSource={report.rows}
              data-testid="import-report"
              pagination={{ pageSize: 50 }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('行号', 'Row'), dataIndex: 'row_number', width: 70 },
                { title: t('身份证号', 'ID number'), dataIndex: 'national_id', render: (v) => v ?? '—' },
                {
                  title: t('结果', 'Result'),
                  dataIndex: 'outcome',
                  render: (v: string, row) => (row.errors.length === 0 ? <Tag color="green">{v}</Tag> : <Tag color="red">{v}</Tag>),
                },
                {
                  title: t('问题', 'Problems'),
                  render: (_, row) =>
                    row.errors.length
                      ? row.errors.map((e, i) => (
                          <div key={i}>
                            {e.field}: {lang === 'en' ? e.message_en : e.message_zh}
                          </div>
                        ))
                      : '—',
                },
              ]}
            />
            <ProblemAlert error={confirm.error} />
            <Space style={{ marginTop: 16 }}>
              <Button onClick={() => setReport(null)}>{t('重新上传', 'Upload another file')}</Button>
              <Button
                type="primary"
                disabled={!report.valid_count || report.status !== 'validated'}
                loading={confirm.isPending}
                onClick={() =>
                  confirm.mutate(report.id, {
                    onSuccess: (result) => {
                      setDone(result);
                      message.success(t('导入完成', 'Import complete'));
                    },
                  })
                }
              >
                {t(`确认导入 ${report.valid_count} 行`, `Import ${report.valid_count} rows`)}
              </Button>
            </Space>
          </>
        )}
        {step === 2 && done && (
          <Result
            status="success"
            title={t('导入完成', 'Import complete')}
            subTitle={Object.entries(done.counts ?? {})
              .map(([key, value]) => `${key}: ${String(value)}`)
              .join(' · ')}
            extra={<Button type="primary" onClick={() => navigate('/workers')}>{t('查看人员名单', 'See the worker list')}</Button>}
            data-testid="import-done"
          />
        )}
      </Card>
    </>
  );
}
