import { Descriptions, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { components } from '@/api/types/payroll';
import { formatMoney } from '@/lib/format';
import { useLang, useT, type Lang } from '@/lib/i18n';
import { documentNames } from '@/lib/rule-words';
import { explainValue, inputLabel, INPUT_LABELS, pickLanguage } from './payslip-words';

type PayslipDetail = components['schemas']['PayslipDetail'];
type Line = PayslipDetail['lines'][number];

interface Section {
  key: string;
  zh: string;
  en: string;
  /** Amounts taken off the pay: shown with a minus sign. */
  subtract?: boolean;
  /** Not the worker's own money: shown apart, after the worker's lines. */
  apart?: boolean;
  match: (line: Line) => boolean;
}

const isFunding = (line: Line) => line.kind === 'info' && line.code.startsWith('funding_');

export const SECTIONS: Section[] = [
  { key: 'earning', zh: '应发项目', en: 'Earnings', match: (line) => line.kind === 'earning' },
  { key: 'info', zh: '其中（说明，不另计）', en: 'Of which (for information)', match: (line) => line.kind === 'info' && !isFunding(line) },
  { key: 'deduction', zh: '个人扣款（从应发中扣除）', en: 'Deductions (taken off the gross)', subtract: true, match: (line) => line.kind === 'deduction' },
  { key: 'employer', zh: '单位缴纳（单位另行缴纳，不从工资中扣除）', en: 'Employer contributions (paid on top, not deducted)', apart: true, match: (line) => line.kind === 'employer' },
  { key: 'funding', zh: '财政分担（各级财政承担的费用）', en: 'Fiscal shares (who funds the cost)', apart: true, match: isFunding },
];

// Notes for administrators, not figures: left out of the worker's view of a line.
// (A one-off item's id, kind and the account that entered it are the line's own facts, not its figures.)
const NOT_FIGURES = new Set(['reading', 'illustrative', 'figure_id', 'figure_status', 'pay_total', 'fiscal_category', 'cumulative_taxable_income', 'education', 'item_id', 'kind', 'entered_by']);

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (typeof value === 'object' && Object.keys(value as object).length === 0);
}

/** The figures of one line: the working first, then each named input (values as the API states them). */
export function LineFigures({ inputs }: { inputs: Line['inputs'] }) {
  const { lang } = useLang();
  if (!inputs) return null;
  const entries = Object.entries(inputs).filter(([key, value]) => !NOT_FIGURES.has(key) && !isEmpty(value));
  entries.sort(([a], [b]) => (a === 'formula' ? -1 : b === 'formula' ? 1 : 0));
  if (entries.length === 0) return null;
  return (
    <div data-testid="line-figures" style={{ fontSize: 12 }}>
      {entries.map(([key, value]) => {
        const known = key in INPUT_LABELS;
        return (
          <div key={key}>
            <Typography.Text type="secondary">{known ? inputLabel(key, lang) : <code>{key}</code>}：</Typography.Text>
            <span style={{ whiteSpace: 'normal', wordBreak: 'break-word', fontFamily: 'monospace' }}>{explainValue(value, lang)}</span>
          </div>
        );
      })}
    </div>
  );
}

/** "−111.90" for a deduction, as the amount would change the pay. */
export function signedAmount(amount: string, subtract: boolean | undefined): string {
  if (!subtract) return formatMoney(amount);
  const negative = amount.startsWith('-');
  const magnitude = formatMoney(negative ? amount.slice(1) : amount);
  if (/^[0.]+$/.test(amount.replace('-', ''))) return magnitude;
  return negative ? `+${magnitude}` : `−${magnitude}`;
}

/** A line's clause in the reader's language; in Chinese the policy texts by their names (宁夏《实施意见》, not "NX"). */
export function clauseWords(clause: string, lang: Lang): string {
  const text = pickLanguage(clause, lang);
  return lang === 'en' ? text : documentNames(text);
}

function SectionTable({ section, lines }: { section: Section; lines: Line[] }) {
  const t = useT();
  const { lang } = useLang();
  // Each clause once per section: lines point to it by number when the section has more than one.
  const clauses = Array.from(new Set(lines.map((line) => line.clause).filter((clause): clause is string => Boolean(clause))));
  const ref = (clause: string | null) => (clause && clauses.length > 1 ? `〔${clauses.indexOf(clause) + 1}〕` : '');
  let footer: (() => ReactNode) | undefined;
  if (clauses.length > 0) {
    footer = () => (
      <div data-testid="section-clauses" style={{ fontSize: 12 }}>
        {clauses.map((clause, index) => (
          <div key={clause}>
            <Typography.Text type="secondary">
              {t('依据', 'Rule')}
              {clauses.length > 1 ? `〔${index + 1}〕` : ''}：{clauseWords(clause, lang)}
            </Typography.Text>
          </div>
        ))}
      </div>
    );
  }
  return (
    <Table<Line>
      size="small"
      rowKey="position"
      pagination={false}
      dataSource={lines}
      data-testid={`payslip-section-${section.key}`}
      title={() => <Typography.Text strong>{lang === 'en' ? section.en : section.zh}</Typography.Text>}
      footer={footer}
      style={{ marginBottom: 12 }}
      columns={[
        {
          title: t('项目', 'Item'),
          render: (_, line) => (
            <>
              <div>
                {lang === 'en' ? line.label_en : line.label_zh}
                {ref(line.clause) && <Typography.Text type="secondary">{ref(line.clause)}</Typography.Text>}
              </div>
              {line.arrears_month && <Typography.Text type="secondary">{t(`补 ${line.arrears_month}`, `arrears for ${line.arrears_month}`)}</Typography.Text>}
              <LineFigures inputs={line.inputs} />
            </>
          ),
        },
        {
          title: t('金额', 'Amount'),
          dataIndex: 'amount',
          align: 'right',
          width: 120,
          render: (amount: string) => <span data-testid="line-amount">{signedAmount(amount, section.subtract)}</span>,
        },
      ]}
    />
  );
}

/**
 * A payslip line by line: the worker's own lines (earnings, deductions with a minus sign) with the figures each
 * used, then — apart — what the employer pays on top and how the levels of government share the cost; each
 * section states its policy clause once.
 */
export function PayslipLines({ payslip }: { payslip: PayslipDetail }) {
  const t = useT();
  const placed = new Set<number>();
  const sections = SECTIONS.map((section) => {
    const lines = payslip.lines.filter((line) => !placed.has(line.position) && section.match(line));
    lines.forEach((line) => placed.add(line.position));
    return { section, lines };
  });
  const rest = payslip.lines.filter((line) => !placed.has(line.position));
  if (rest.length) sections.splice(3, 0, { section: { key: 'other', zh: '其他项目', en: 'Other lines', match: () => true }, lines: rest });
  const own = sections.filter(({ section, lines }) => !section.apart && lines.length);
  const apart = sections.filter(({ section, lines }) => section.apart && lines.length);
  return (
    <div data-testid="payslip-lines">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('姓名', 'Name')}>{payslip.worker_name}</Descriptions.Item>
        <Descriptions.Item label={t('月份', 'Month')}>{payslip.month}</Descriptions.Item>
        <Descriptions.Item label={t('应发', 'Gross')}>{formatMoney(payslip.gross)}</Descriptions.Item>
        <Descriptions.Item label={t('个人社保', 'Social insurance')}>{signedAmount(payslip.social_insurance, true)}</Descriptions.Item>
        <Descriptions.Item label={t('住房公积金', 'Housing fund')}>{signedAmount(payslip.housing_fund, true)}</Descriptions.Item>
        <Descriptions.Item label={t('个人所得税', 'Income tax')}>{signedAmount(payslip.tax, true)}</Descriptions.Item>
        <Descriptions.Item label={t('实发', 'Net')}>
          <Typography.Text strong data-testid="payslip-net">{formatMoney(payslip.net)}</Typography.Text>
        </Descriptions.Item>
        {payslip.arrears !== '0.00' && <Descriptions.Item label={t('补发/补扣', 'Arrears')}>{formatMoney(payslip.arrears)}</Descriptions.Item>}
      </Descriptions>
      {own.map(({ section, lines }) => (
        <SectionTable key={section.key} section={section} lines={lines} />
      ))}
      {apart.length > 0 && (
        <div data-testid="payslip-apart" style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{t('以下不是个人收入或扣款', 'Not the worker’s own pay or deductions')}</Typography.Title>
          {apart.map(({ section, lines }) => (
            <SectionTable key={section.key} section={section} lines={lines} />
          ))}
        </div>
      )}
    </div>
  );
}
