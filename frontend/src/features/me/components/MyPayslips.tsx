import { useQueryClient } from '@tanstack/react-query';
import { Collapse, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { PayslipLines } from '@/components/PayslipLines';
import { QueryState } from '@/components/QueryState';
import { formatMoney } from '@/lib/format';
import { useT } from '@/lib/i18n';
import { RUN_KINDS } from '@/lib/vocab';
import { getMyPayslipQueryOptions, useMyPayslip } from '../api/get-my-payslip';
import { myPayslipsAvailable, useMyPayslips } from '../api/get-my-payslips';

function MonthDetail({ month }: { month: string }) {
  const t = useT();
  const detail = useMyPayslip(month);
  return (
    <QueryState query={detail} what={t('工资条明细', 'payslip lines')} isEmpty={(d) => d.payslips.length === 0}>
      {(data) => (
        <>
          {data.payslips.map((payslip) => (
            <div key={`${payslip.run_id}`} style={{ marginBottom: 16 }}>
              {data.payslips.length > 1 && <Typography.Title level={5}>{t(...(RUN_KINDS[payslip.kind] ?? RUN_KINDS.monthly))}</Typography.Title>}
              <PayslipLines payslip={payslip} />
            </div>
          ))}
        </>
      )}
    </QueryState>
  );
}

/** My payslips month by month; opening a month shows every line and what it is for. */
export function MyPayslips() {
  const t = useT();
  const payslips = useMyPayslips();
  const [open, setOpen] = useState<string[]>([]);
  const queryClient = useQueryClient();
  const latest = payslips.data?.map((row) => row.month).sort().at(-1) ?? null;
  // The latest month's lines are fetched ahead: shown at once, and kept by the service worker for offline.
  useEffect(() => {
    if (latest) void queryClient.prefetchQuery(getMyPayslipQueryOptions(latest));
  }, [latest, queryClient]);
  return (
    <QueryState query={payslips} available={myPayslipsAvailable()} what={t('我的工资条', 'my payslips')} isEmpty={(d) => d.length === 0} emptyText={t('还没有已审批的工资条', 'No approved payslips yet')}>
      {(rows) => {
        const months = Array.from(new Set(rows.map((row) => row.month))).sort().reverse();
        return (
          <Collapse
            activeKey={open}
            onChange={(keys) => setOpen(keys as string[])}
            data-testid="my-payslips"
            items={months.map((month) => {
              const ofMonth = rows.filter((row) => row.month === month);
              const net = ofMonth.map((row) => row.net);
              return {
                key: month,
                // One line beside the panel's arrow (the month, then its net pay), wrapping only when too narrow.
                label: (
                  <span data-testid="my-payslip-month" style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', columnGap: 12 }}>
                    <Typography.Text strong>{month}</Typography.Text>
                    <Typography.Text type="secondary">{t(`实发 ${net.map(formatMoney).join(' + ')}`, `Net ${net.map(formatMoney).join(' + ')}`)}</Typography.Text>
                  </span>
                ),
                children: open.includes(month) ? <MonthDetail month={month} /> : null,
              };
            })}
          />
        );
      }}
    </QueryState>
  );
}
