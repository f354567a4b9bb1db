import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Result, Space, Statistic, Steps, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { NotAvailable } from '@/components/NotAvailable';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useLang, useT } from '@/lib/i18n';
import { confirmWorkerImportAvailable, useConfirmWorkerImport } from '../api/confirm-worker-import';
import { importWorkersAvailable, useUploadWorkerImport, type ImportReport, type ImportRowReport } from '../api/import-workers';

function rowOk(row: ImportRowReport): boolean {
  return !row.errors?.length && row.status !== 'invalid' && row.status !== 'error';
}

/** Excel import in three steps: upload → the registry's row report → confirm. */
export function WorkerImportPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const upload = useUploadWorkerImport();
  const confirm = useConfirmWorkerImport();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const step = done ? 2 : report ? 1 : 0;

  if (!importWorkersAvailable()) {
    return (
      <>
        <PageTitle title={t('Excel 导入人员', 'Import workers from Excel')} />
        <NotAvailable what={t('Excel 导入', 'Excel import')} />
      </>
    );
  }

  const rows = report?.rows ?? [];
  const invalid = report?.invalid_rows ?? rows.filter((row) => !rowOk(row)).length;
  const valid = report?.valid_rows ?? rows.length - invalid;

  return (
    <>
      <PageTitle title={t('Excel 导入人员', 'Import workers from Excel')} />
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[{ title: t('上传文件', 'Upload') }, { title: t('逐行检查', 'Row report') }, { title: t('确认导入', 'Confirm') }]}
        />
        {step === 0 && (
          <>
            <ProblemAlert error={upload.error} />
            <Upload.Dragger
              accept=".xlsx"
              maxCount={1}
              showUploadList={false}
              disabled={upload.isPending}
              customRequest={({ file }) => {
                upload.mutate(file as File, { onSuccess: setReport });
              }}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{upload.isPending ? t('正在检查…', 'Checking…') : t('点击或拖入 .xlsx 文件', 'Click or drop an .xlsx file')}</p>
            </Upload.Dragger>
          </>
        )}
        {step === 1 && report && (
          <>
            <Space size="large" style={{ marginBottom: 16 }}>
              <Statistic title={t('总行数', 'Rows')} value={report.total_rows ?? rows.length} />
              <Statistic title={t('可导入', 'Valid')} value={valid} styles={{ content: { color: '#389e0d' } }} />
              <Statistic title={t('有错误', 'With errors')} value={invalid} styles={{ content: { color: invalid ? '#cf1322' : undefined } }} />
            </Space>
            {invalid > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('有错误的行不会导入；请修改 Excel 后重新上传，或只导入正确的行。', 'Rows with errors are not imported; fix the file and upload again, or import the valid rows only.')}
              />
            )}
            <Table<ImportRowReport>
              size="small"
              rowKey="row"
              dataSource={rows}
              data-testid="import-report"
              pagination={{ pageSize: 50 }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('行号', 'Row'), dataIndex: 'row', width: 70 },
                { title: t('姓名', 'Name'), dataIndex: 'name', render: (v) => v ?? '—' },
                {
                  title: t('结果', 'Result'),
                  render: (_, row) => (rowOk(row) ? <Tag color="green">{t('通过', 'OK')}</Tag> : <Tag color="red">{t('错误', 'Error')}</Tag>),
                },
                {
                  title: t('问题', 'Problems'),
                  render: (_, row) =>
                    row.errors?.map((e, i) => (
                      <div key={i}>
                        {e.field}: {lang === 'en' ? e.message_en : e.message_zh}
                      </div>
                    )) ?? '—',
                },
              ]}
            />
            <ProblemAlert error={confirm.error} />
            <Space style={{ marginTop: 16 }}>
              <Button onClick={() => setReport(null)}>{t('重新上传', 'Upload another file')}</Button>
              <Button
                type="primary"
                disabled={!valid || !confirmWorkerImportAvailable()}
                loading={confirm.isPending}
                onClick={() =>
                  confirm.mutate(report.id, {
                    onSuccess: (result) => {
                      setDone(result ?? report);
                      message.success(t('导入完成', 'Import complete'));
                    },
                  })
                }
              >
                {t(`确认导入 ${valid} 行`, `Import ${valid} rows`)}
              </Button>
            </Space>
          </>
        )}
        {step === 2 && done && (
          <Result
            status="success"
            title={t('导入完成', 'Import complete')}
            subTitle={t(`已导入 ${done.imported ?? valid} 人`, `${String(done.imported ?? valid)} workers imported`)}
            extra={<Button type="primary" onClick={() => navigate('/workers')}>{t('查看人员名单', 'See the worker list')}</Button>}
            data-testid="import-done"
          />
        )}
      </Card>
    </>
  );
}
