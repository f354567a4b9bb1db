import { Alert, Button, Card, Flex, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { PayslipLines } from '@/components/PayslipLines';
import { formatMoney } from '@/lib/format';
import { useT } from '@/lib/i18n';
import { lastCachedPayslip } from '@/lib/offline';

type Last = Awaited<ReturnType<typeof lastCachedPayslip>>;

/** No network and no session (the installed app reopened offline): the last payslip this phone showed. */
export function OfflinePayslipPage() {
  const t = useT();
  const [last, setLast] = useState<Last | undefined>(undefined);
  useEffect(() => {
    void lastCachedPayslip().then(setLast);
  }, []);
  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: 12, background: '#f0f2f5' }}>
      <Card style={{ width: '100%', maxWidth: 720 }} title={t('最近的工资条（离线）', 'Last payslip (offline)')} data-testid="offline-payslip">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('当前离线：显示本机上次联网时查看的工资条，联网后请登录查看最新信息。', 'Offline: the payslip this phone last showed; log in when online for the latest.')}
        />
        {last === undefined ? null : last === null ? (
          <Typography.Paragraph>{t('本机没有保存的工资条。', 'No payslip is kept on this phone.')}</Typography.Paragraph>
        ) : last.detail ? (
          last.detail.payslips.map((payslip) => <PayslipLines key={payslip.run_id} payslip={payslip} />)
        ) : (
          <List
            dataSource={last.list.filter((row) => row.month === last.month)}
            renderItem={(row) => (
              <List.Item>
                <List.Item.Meta title={row.month} description={t(`实发 ${formatMoney(row.net)}`, `Net ${formatMoney(row.net)}`)} />
              </List.Item>
            )}
          />
        )}
        <Link to="/login">
          <Button style={{ marginTop: 12 }}>{t('登录', 'Log in')}</Button>
        </Link>
      </Card>
    </Flex>
  );
}
