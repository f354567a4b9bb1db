import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, InputNumber, Space, Typography } from 'antd';
import { ProblemAlert } from '@/components/ProblemAlert';
import { SheetImport } from '@/components/SheetImport';
import { useT } from '@/lib/i18n';
import { declarationTemplateAvailable, useDownloadDeclarationTemplate } from '../api/download-declaration-template';
import { useImportDeclarations } from '../api/import-declarations';
import type { TaxRules } from '../api/types';
import { capText } from './caps';

/** Officers: import a year's declarations from the downloadable template (Chinese labels picked from dropdowns). */
export function DeclarationImport({ year, onYear, rules }: { year: number; onYear: (year: number) => void; rules: TaxRules | undefined }) {
  const t = useT();
  const upload = useImportDeclarations();
  const template = useDownloadDeclarationTemplate();
  return (
    <Card size="small">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label={t('纳税年度', 'Tax year')}>
            <InputNumber min={2019} max={2100} value={year} onChange={(v) => v && onYear(v)} data-testid="import-year" />
          </Form.Item>
          {declarationTemplateAvailable() && (
            <Form.Item>
              <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate(year)} data-testid="declaration-template">
                {t(`下载 ${year} 年度导入模板`, `Download the ${year} template`)}
              </Button>
            </Form.Item>
          )}
        </Form>
        <ProblemAlert error={template.error} />
        <Typography.Paragraph style={{ margin: 0 }} data-testid="declaration-import-help">
          {t(
            '先下载导入模板，在“扣除申报”工作表中每行填写一名职工的一项扣除：“扣除项目”和“情形”从下拉列表中选择中文名称（只有一种情形的项目可不填情形）；人数、金额、月份和依据的填法见模板中的“填写说明”。全部行都正确才会导入；有错误时逐行列出行号、列名和原因，一行也不导入。',
            'Download the template and fill one deduction of one worker per row of the “扣除申报” sheet: pick the deduction and the case from the dropdowns (a deduction with one case may leave the case empty); the template’s “填写说明” sheet explains the other columns. All rows are imported or none; errors name the row, the column and why.',
          )}
        </Typography.Paragraph>
        <SheetImport columns="工号, 扣除项目, 情形, 人数, 每月金额, 起始月份, 截止月份, 依据" upload={upload} testId="declarations-import" />
        {rules && (
          <Descriptions size="small" column={1} bordered title={t(`${year} 年度可填的扣除项目和情形`, `Deductions and cases of ${year}`)} data-testid="declaration-import-kinds">
            {Object.entries(rules.deductions).map(([code, kind]) => (
              <Descriptions.Item key={code} label={kind.label_zh}>
                {Object.values(kind.variants)
                  .map((v) => `${v.label_zh}（${capText(v, kind, t)}）`)
                  .join('；')}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Space>
    </Card>
  );
}
