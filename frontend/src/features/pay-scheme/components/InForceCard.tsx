import { Button, Card, DatePicker, Descriptions, Flex, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { RegionName } from '@/components/Names';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useRegionIndex } from '@/lib/lookups';
import { ApiError } from '@/lib/problem';
import { inForceAvailable, useInForce } from '../api/get-in-force';
import { useSchemes } from '../api/get-schemes';

/** The in-force endpoint's answers for "no published version applies there on that date". */
const isNone = (error: unknown) => error instanceof ApiError && (error.status === 404 || (error.status === 422 && error.code === 'no_pay_scheme'));

/** Which published version applies to a region on a date (the most specific prefix wins), with a link to it. */
export function InForceCard({ onSelect }: { onSelect: (id: number) => void }) {
  const t = useT();
  const session = useSession();
  const regions = useRegionIndex();
  const [region, setRegion] = useState<string | undefined>(session?.jurisdiction);
  const [on, setOn] = useState<Dayjs>(dayjs());
  const day = on.format('YYYY-MM-DD');
  // The versions the page lists are every one that applies to the caller's jurisdiction or lies inside it, so they
  // tell whether any published version could apply here: when none can, the service is not asked (it would answer
  // 422 no_pay_scheme, an error in the browser's console). Until they are read the card waits; without them it asks.
  const versions = useSchemes('');
  const published = (versions.data ?? []).filter((v) => v.state !== 'draft');
  const applicable = published.filter((v) => region !== undefined && region.startsWith(v.region_prefix) && v.effective_from <= day);
  const known = versions.data !== undefined;
  const inForce = useInForce(region, day, known ? applicable.length > 0 : versions.isError);
  if (!inForceAvailable()) return null;
  const options = [...(regions.data?.values() ?? [])].filter((r) => r.code.length <= 9).map((r) => ({ value: r.code, label: r.name }));
  const none = Boolean(region) && ((known && applicable.length === 0) || isNone(inForce.error));
  // Where the region has none of its own, the places inside it that do (Inner Mongolia: Songshan's scheme).
  const inside = [...new Set(published.filter((v) => region !== undefined && v.region_prefix.length > region.length && v.region_prefix.startsWith(region)).map((v) => v.region_prefix))];
  return (
    <Card size="small" title={t('现行版本', 'Version in force')} style={{ marginBottom: 16 }} data-testid="scheme-in-force">
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Select showSearch optionFilterProp="label" style={{ minWidth: 160 }} value={region} onChange={setRegion} options={options} aria-label={t('地区', 'Region')} />
        <DatePicker value={on} onChange={(value) => value && setOn(value)} allowClear={false} aria-label={t('日期', 'Date')} />
      </Flex>
      {inForce.data && !none && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('方案', 'Scheme')}>{inForce.data.name}</Descriptions.Item>
          <Descriptions.Item label={t('适用地区', 'Applies to')}><RegionName code={inForce.data.region_prefix} /></Descriptions.Item>
          <Descriptions.Item label={t('生效日期', 'In force from')}>{inForce.data.effective_from}</Descriptions.Item>
          <Descriptions.Item label="">
            <Button size="small" onClick={() => onSelect(inForce.data.id)} data-testid="show-in-force">{t('查看此版本', 'Show this version')}</Button>
          </Descriptions.Item>
        </Descriptions>
      )}
      {none && (
        <Space orientation="vertical" size={4} data-testid="scheme-in-force-none">
          <Typography.Text type="secondary">
            <RegionName code={region} />
            {t(`在 ${day} 没有生效的薪酬方案`, ` has no pay scheme in force on ${day}`)}
          </Typography.Text>
          {inside.length > 0 && (
            <Typography.Text type="secondary">
              {t('下级地区有各自的方案：', 'Places inside it have their own: ')}
              {inside.map((code, index) => (
                <span key={code}>
                  {index > 0 && t('、', ', ')}
                  <Typography.Link onClick={() => setRegion(code)}>
                    <RegionName code={code} />
                  </Typography.Link>
                </span>
              ))}
            </Typography.Text>
          )}
        </Space>
      )}
      {!none && <ProblemAlert error={inForce.error} />}
    </Card>
  );
}
