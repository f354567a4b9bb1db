import { Alert, Progress, Space, Typography } from 'antd';
import { RegionName } from '@/components/Names';
import { useT } from '@/lib/i18n';
import type { UnitStatistics } from '../api/types';

/** The excellent quota of one unit (township): decided 优秀 against the limit the plan allows. */
export function QuotaBar({ unit }: { unit: UnitStatistics }) {
  const t = useT();
  const limit = unit.excellent_limit;
  const used = unit.excellent_decided;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="excellent-quota">
      <Typography.Text>
        <RegionName code={unit.township_code ?? unit.county_code} />
        {t(
          `：参加考核 ${unit.annual_assessed} 人，优秀名额 ${limit ?? '—'}（${unit.quota_percent ?? '—'}%），已定优秀 ${used}`,
          `: ${unit.annual_assessed} assessed, excellent quota ${limit ?? '—'} (${unit.quota_percent ?? '—'}%), ${used} decided`,
        )}
      </Typography.Text>
      {limit !== null && limit !== undefined && (
        <Progress percent={limit ? Math.round((used / limit) * 100) : used ? 100 : 0} status={used >= limit ? 'exception' : 'normal'} format={() => `${used} / ${limit}`} />
      )}
      {limit !== null && limit !== undefined && used >= limit && (
        <Alert type="warning" showIcon title={t('优秀名额已用完：再定优秀将被拒绝。', 'The excellent quota is used up: another 优秀 will be refused.')} />
      )}
    </Space>
  );
}
