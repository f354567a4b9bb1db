import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/problem';
import { renderPage } from '@/test/render';
import { QueryState } from './QueryState';

const base = { data: undefined, isPending: false, isError: false, error: null, refetch: vi.fn() };

describe('QueryState', () => {
  it('says "not available yet" instead of showing anything when the endpoint is not declared', () => {
    renderPage(
      <QueryState query={{ ...base, data: [1] }} available={false} what="考核">
        {() => <div>data</div>}
      </QueryState>,
    );
    expect(screen.getByTestId('not-available')).toHaveTextContent('“考核”的后台接口尚未上线');
    expect(screen.queryByText('data')).toBeNull();
  });

  it('shows a skeleton while loading', () => {
    renderPage(<QueryState query={{ ...base, isPending: true }}>{() => <div>data</div>}</QueryState>);
    expect(screen.getByTestId('loading')).toBeInTheDocument();
  });

  it('turns a 404 into "not found or no access", without a retry button', () => {
    const error = new ApiError(404, { code: 'not_found', message_zh: '人员不存在或不在您的管辖范围内', message_en: 'not found' });
    renderPage(<QueryState query={{ ...base, isError: true, error }}>{() => <div>data</div>}</QueryState>);
    expect(screen.getByTestId('not-found')).toHaveTextContent('未找到或无权查看');
    expect(screen.getByTestId('not-found')).toHaveTextContent('人员不存在或不在您的管辖范围内');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('renders the data when there is some', () => {
    renderPage(
      <QueryState query={{ ...base, data: [1, 2] }} isEmpty={(d: number[]) => d.length === 0}>
        {(d) => <div>{d.length} rows</div>}
      </QueryState>,
    );
    expect(screen.getByText('2 rows')).toBeInTheDocument();
  });
});
