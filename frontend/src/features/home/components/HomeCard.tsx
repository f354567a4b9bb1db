import type { UseQueryResult } from '@tanstack/react-query';
import { Card, List, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/QueryState';
import { useT } from '@/lib/i18n';

export interface CardSummary {
  value: number | string;
  suffix?: string;
  note?: ReactNode;
  lines: { key: string; text: ReactNode }[];
}

/** One "what needs doing" card, fed by its own endpoint; a missing or failing endpoint affects only this card. */
export function HomeCard<T>({
  title,
  query,
  available,
  summarise,
  link,
  testId,
  isEmpty,
  emptyText,
}: {
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  title: string;
  query: UseQueryResult<T>;
  available: boolean;
  summarise: (data: T) => CardSummary;
  link?: string;
  testId: string;
}) {
  const t = useT();
  return (
    <Card title={title} size="small" extra={link && <Link to={link}>{t('查看', 'Open')}</Link>} data-testid={testId} style={{ height: '100%' }}>
      <QueryState query={query} available={available} what={title} isEmpty={isEmpty} emptyText={emptyText}>
        {(data) => {
          const summary = summarise(data);
          return (
            <>
              <Statistic value={summary.value} suffix={summary.suffix} />
              {summary.note && <div style={{ color: 'rgba(0,0,0,0.45)' }}>{summary.note}</div>}
              {summary.lines.length > 0 && (
                <List size="small" dataSource={summary.lines.slice(0, 5)} renderItem={(line) => <List.Item key={line.key}>{line.text}</List.Item>} />
              )}
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}
