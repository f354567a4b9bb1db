import { Alert, Progress, Space, Typography } from 'antd';
import { RegionName } from '@/components/Names';
import { useT } from '@/lib/i18n';
import type { UnitStatistics } from '../api/types';

/** The excellent quota of one unit (township): decided 优秀 against the limit the plan allows. */
export function QuotaBar({ unit }: { unit: UnitStatistics }) {
  const t = useT();
  const limit = unit.excellent_limit;
  const used = unit.excellent_decided;
  const percent = unit.quota_percent;
  // No limit: the plan sets no share (the cycle page: 现行文件未设比例限制), said in words, not "—（—%）".
  const quota =
    limit === null || limit === undefined
      ? t('优秀名额不限（现行文件未设比例限制）', 'no limit on 优秀 (no share set by the texts in force)')
      : percent === null || percent === undefined
        ? t(`优秀名额 ${limit}`, `excellent quota ${limit}`)
        : t(`优秀名额 ${limit}（${percent}%）`, `excellent quota ${limit} (${percent}%)`);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="excellent-quota">
      <Typography.Text>
        <RegionName code={unit.township_code ?? unit.county_code} />
        {t(`：参加考核 ${unit.annual_assessed} 人，${quota}，已定优秀 ${used}`, `: ${unit.annual_assessed} assessed, ${quota}, ${used} decided`)}
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
