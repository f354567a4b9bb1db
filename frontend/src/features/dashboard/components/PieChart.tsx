import { Empty } from 'antd';
import { EChart } from '@/components/EChart';
import { useT } from '@/lib/i18n';
import { pieOption } from './charts';

/**
 * A pie of counts or amounts; with nothing to share out (no items, or all of them 0) an empty state saying so, not
 * a ring of equal 0% slices.
 */
export function PieChart({ items, height, empty }: { items: { name: string; value: number }[]; height?: number; empty?: string }) {
  const t = useT();
  if (!items.some((item) => item.value > 0)) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={empty ?? t('暂无数据', 'No data')}
        style={{ minHeight: height, margin: 0, paddingTop: 24 }}
        data-testid="pie-empty"
      />
    );
  }
  return <EChart option={pieOption(items)} height={height} />;
}
