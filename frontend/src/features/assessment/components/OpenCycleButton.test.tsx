import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, renderPage } from '@/test/render';
import type { Cycle } from '../api/types';
import { OpenCycleButton } from './OpenCycleButton';

const plan = (share: string | null) => ({
  excellent_quota_percent: share,
  excellent_quota_rounding: 'floor',
  quota_unit: 'township',
  deadlines: { proposal: '01-15', decision: '01-31', notice_days: 5 },
  source: 'NX',
});

const previous = (share: string | null) => ({ id: 'c-1', year: 2025, county_code: '640104', plan: plan(share) }) as unknown as Cycle;

describe('opening a cycle', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'county_officer', jurisdiction: '640104', workerId: null, displayName: null, username: 'xq_county' });
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockResolvedValue(jsonResponse({ id: 'c-2', year: 2026 }, 201));
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  async function submitted(): Promise<{ plan?: { excellent_quota_percent: string | null } }> {
    fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    return (fetchMock.mock.calls[0][0] as Request).json();
  }

  it('keeps a plan without an excellent cap uncapped (never 0 %)', async () => {
    renderPage(<OpenCycleButton county="640104" previous={previous(null)} onOpened={() => undefined} />);
    fireEvent.click(screen.getByTestId('open-cycle'));
    const share = await screen.findByLabelText(/优秀比例上限/);
    expect(share).toHaveValue('');
    expect((await submitted()).plan?.excellent_quota_percent).toBeNull();
  });

  it('sends the share the officer sets', async () => {
    renderPage(<OpenCycleButton county="150404" previous={previous('15')} onOpened={() => undefined} />);
    fireEvent.click(screen.getByTestId('open-cycle'));
    const share = await screen.findByLabelText(/优秀比例上限/);
    expect(share).toHaveValue('15');
    fireEvent.change(share, { target: { value: '10' } });
    expect((await submitted()).plan?.excellent_quota_percent).toBe('10');
  });

  it('offers no plan numbers when the defaults apply', async () => {
    renderPage(<OpenCycleButton county="640104" onOpened={() => undefined} />);
    fireEvent.click(screen.getByTestId('open-cycle'));
    await screen.findByLabelText(/考核年度/);
    expect(screen.queryByLabelText(/优秀比例/)).toBeNull();
    expect((await submitted()).plan).toBeUndefined();
  });
});
