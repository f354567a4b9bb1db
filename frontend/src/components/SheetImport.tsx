import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Table, Upload } from 'antd';
import { useState } from 'react';
import { useLang, useT } from '@/lib/i18n';
import { ApiError } from '@/lib/problem';
import { ProblemAlert } from './ProblemAlert';

interface RowError {
  field: string;
  code: string;
  message_zh: string;
  message_en: string;
}
interface RowReport {
  row: number;
  worker_id?: string;
  errors?: RowError[];
}

/**
 * Upload an .xlsx import sheet (all rows or none): on success says how many were created; on a 422 the
 * problem's `rows` are shown row by row with each field's error.
 */
export function SheetImport({ columns, upload, testId }: { columns: string; upload: (file: File) => Promise<{ created: number }>; testId?: string }) {
  const t = useT();
  const { lang } = useLang();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const rows = error instanceof ApiError && Array.isArray(error.problem.rows) ? (error.problem.rows as RowReport[]) : [];
  return (
    <div data-testid={testId}>
      <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t(`表格列：${columns}（第一行为表头，全部行正确才导入）`, `Columns: ${columns} (header in the first row; all rows or none)`)} />
      <Upload
        accept=".xlsx"
        showUploadList={false}
        customRequest={async ({ file }) => {
          setBusy(true);
          setError(null);
          setCreated(null);
          try {
            setCreated((await upload(file as File)).created);
          } catch (caught) {
            setError(caught);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          {t('选择 Excel 文件导入', 'Choose an Excel file')}
        </Button>
      </Upload>
      {created !== null && <Alert type="success" showIcon style={{ marginTop: 8 }} data-testid="import-result" title={t(`已导入 ${created} 行`, `${created} rows imported`)} />}
      {Boolean(error) && <div style={{ marginTop: 8 }}><ProblemAlert error={error} /></div>}
      {rows.length > 0 && (
        <Table<RowReport>
          size="small"
          rowKey="row"
          pagination={false}
          data-testid="import-row-report"
          dataSource={rows}
          columns={[
            { title: t('行号', 'Row'), dataIndex: 'row', width: 70 },
            { title: t('工号', 'Worker'), dataIndex: 'worker_id' },
            {
              title: t('错误', 'Errors'),
              dataIndex: 'errors',
              render: (errors: RowError[] = []) => errors.map((e) => `${e.field}：${lang === 'en' ? e.message_en : e.message_zh}`).join('；'),
            },
          ]}
        />
      )}
    </div>
  );
}
