import { Button, Card, DatePicker, Descriptions, Flex, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { RegionName } from '@/components/Names';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useRegionIndex } from '@/lib/lookups';
import { ApiError } from '@/lib/problem';
import { inForceAvailable, useInForce } from '../api/get-in-force';

/** Which published version applies to a region on a date (the most specific prefix wins), with a link to it. */
export function InForceCard({ onSelect }: { onSelect: (id: number) => void }) {
  const t = useT();
  const session = useSession();
  const regions = useRegionIndex();
  const [region, setRegion] = useState<string | undefined>(session?.jurisdiction);
  const [on, setOn] = useState<Dayjs>(dayjs());
  const inForce = useInForce(region, on.format('YYYY-MM-DD'));
  if (!inForceAvailable()) return null;
  const options = [...(regions.data?.values() ?? [])].filter((r) => r.code.length <= 9).map((r) => ({ value: r.code, label: r.name }));
  const none = inForce.error instanceof ApiError && inForce.error.status === 404;
  return (
    <Card size="small" title={t('现行版本', 'Version in force')} style={{ marginBottom: 16 }} data-testid="scheme-in-force">
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Select showSearch optionFilterProp="label" style={{ minWidth: 160 }} value={region} onChange={setRegion} options={options} aria-label={t('地区', 'Region')} />
        <DatePicker value={on} onChange={(value) => value && setOn(value)} allowClear={false} aria-label={t('日期', 'Date')} />
      </Flex>
      {inForce.data && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('方案', 'Scheme')}>{inForce.data.name}</Descriptions.Item>
          <Descriptions.Item label={t('适用地区', 'Applies to')}><RegionName code={inForce.data.region_prefix} /></Descriptions.Item>
          <Descriptions.Item label={t('生效日期', 'In force from')}>{inForce.data.effective_from}</Descriptions.Item>
          <Descriptions.Item label="">
            <Button size="small" onClick={() => onSelect(inForce.data.id)} data-testid="show-in-force">{t('查看此版本', 'Show this version')}</Button>
          </Descriptions.Item>
        </Descriptions>
      )}
      {none && <Typography.Text type="secondary">{t('该地区在该日期没有生效的薪酬方案', 'No scheme in force there on that date')}</Typography.Text>}
    </Card>
  );
}
