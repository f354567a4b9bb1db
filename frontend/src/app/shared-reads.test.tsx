/// <reference types="vite/client" />
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usePayableRuns } from '@/features/finance/api/get-payable-runs';
import { usePayrollRuns } from '@/features/home/api/get-payroll-runs';
import { useRuns } from '@/features/payroll/api/get-runs';
import { useStartRun } from '@/features/payroll/api/start-run';
import { payrollClient } from '@/lib/api-client';

/** Reads more than one page shows live once, in src/lib/shared-reads.ts, under one query key each. */

const page = { items: [], total: 0, page: 1, size: 24 };
const ok = <T,>(data: T) => ({ data, error: undefined, response: new Response(null, { status: 200 }) });

afterEach(() => vi.restoreAllMocks());

describe('shared reads', () => {
  it('starting a run refreshes the runs on the home page, the payroll list and finance', async () => {
    const get = vi.spyOn(payrollClient, 'GET').mockImplementation((async () => ok(page)) as never);
    vi.spyOn(payrollClient, 'POST').mockImplementation((async () => ok({ id: 'r1' })) as never);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => ({
      home: usePayrollRuns('640104'), list: useRuns({ page: 1, size: 20 }), finance: usePayableRuns('approved'), start: useStartRun(),
    }), { wrapper });
    await waitFor(() => expect(result.current.home.isSuccess && result.current.list.isSuccess && result.current.finance.isSuccess).toBe(true));
    const calls = () => get.mock.calls as unknown as [string, { params: { query: unknown } }][];
    const asked = () => calls().map(([, options]) => JSON.stringify(options.params.query));
    expect(asked().sort()).toEqual([
      JSON.stringify({ page: 1, size: 20 }), JSON.stringify({ region: '640104', size: 24 }), JSON.stringify({ state: 'approved', page: 1, size: 100 }),
    ].sort());
    get.mockClear();
    await act(() => result.current.start.mutateAsync({ month: '2025-06', region: '640104001' } as never));
    await waitFor(() => expect(asked()).toContain(JSON.stringify({ region: '640104', size: 24 })));
    expect(asked()).toContain(JSON.stringify({ page: 1, size: 20 }));
    expect(asked()).toContain(JSON.stringify({ state: 'approved', page: 1, size: 100 }));
  });

  it('no feature reads quota, runs, cycles or statistics itself (each would hold its own key)', () => {
    const sources = import.meta.glob('/src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const shared = /\.GET\(\s*'\/v1\/(quota|runs|cycles|statistics)'/;
    const own = Object.entries(sources)
      .filter(([file]) => !file.endsWith('/src/lib/shared-reads.ts') && !file.includes('.test.') && !file.startsWith('/src/api/types/'))
      .filter(([, text]) => shared.test(text))
      .map(([file]) => file);
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(own).toEqual([]);
  });
});
