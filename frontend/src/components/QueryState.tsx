import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useLang, useT } from '@/lib/i18n';
import { ApiError, errorMessage } from '@/lib/problem';
import { NotAvailable } from './NotAvailable';

interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface Props<T> {
  query: QueryLike<T>;
  /** false when the service does not declare the endpoint yet */
  available?: boolean;
  what?: string;
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}

/** Loading, error, empty, not-yet-available and data states for one query, the same everywhere. */
export function QueryState<T>({ query, available = true, what, isEmpty, emptyText, children }: Props<T>) {
  const t = useT();
  const { lang } = useLang();
  if (!available) return <NotAvailable what={what} compact />;
  if (query.isPending) {
    return (
      <div data-testid="loading" aria-busy="true">
        <Skeleton active />
      </div>
    );
  }
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('未找到或无权查看', 'Not found or no access') : t('加载失败', 'Failed to load')}
        subTitle={errorMessage(query.error, lang)}
        extra={
          notFound ? undefined : (
            <Button onClick={() => query.refetch()}>{t('重试', 'Retry')}</Button>
          )
        }
        data-testid={notFound ? 'not-found' : 'load-error'}
      />
    );
  }
  const data = query.data as T;
  if (isEmpty?.(data)) {
    return <Empty description={emptyText ?? t('暂无数据', 'No data')} data-testid="empty" />;
  }
  return <>{children(data)}</>;
}
