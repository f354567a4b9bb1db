import { Descriptions, Table, Typography } from 'antd';
import type { components } from '@/api/types/payroll';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';

type PayslipDetail = components['schemas']['PayslipDetail'];
type Line = PayslipDetail['lines'][number];

/** A payslip line by line: what each amount is, the rule it comes from, and the totals. */
export function PayslipLines({ payslip }: { payslip: PayslipDetail }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('姓名', 'Name')}>{payslip.worker_name}</Descriptions.Item>
        <Descriptions.Item label={t('月份', 'Month')}>{payslip.month}</Descriptions.Item>
        <Descriptions.Item label={t('应发', 'Gross')}>{formatMoney(payslip.gross)}</Descriptions.Item>
        <Descriptions.Item label={t('个人社保', 'Social insurance')}>{formatMoney(payslip.social_insurance)}</Descriptions.Item>
        <Descriptions.Item label={t('住房公积金', 'Housing fund')}>{formatMoney(payslip.housing_fund)}</Descriptions.Item>
        <Descriptions.Item label={t('个人所得税', 'Income tax')}>{formatMoney(payslip.tax)}</Descriptions.Item>
        <Descriptions.Item label={t('实发', 'Net')}>
          <Typography.Text strong data-testid="payslip-net">{formatMoney(payslip.net)}</Typography.Text>
        </Descriptions.Item>
        {payslip.arrears !== '0.00' && <Descriptions.Item label={t('补发/补扣', 'Arrears')}>{formatMoney(payslip.arrears)}</Descriptions.Item>}
      </Descriptions>
      <Table<Line>
        size="small"
        rowKey="position"
        pagination={false}
        dataSource={payslip.lines}
        data-testid="payslip-lines"
        columns={[
          {
            title: t('项目', 'Item'),
            render: (_, line) => (
              <>
                <div>{lang === 'en' ? line.label_en : line.label_zh}</div>
                {line.arrears_month && <Typography.Text type="secondary">{t(`补 ${line.arrears_month}`, `arrears for ${line.arrears_month}`)}</Typography.Text>}
                {line.clause && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{line.clause}</Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          { title: t('金额', 'Amount'), dataIndex: 'amount', align: 'right', render: formatMoney, width: 120 },
        ]}
      />
    </>
  );
}
