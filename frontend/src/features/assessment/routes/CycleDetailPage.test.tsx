import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { CycleDetailPage } from './CycleDetailPage';

vi.mock('@/api/types/available', () => ({
  availableOperations: {
    registry: ['GET /v1/accounts/{account_id}', 'GET /v1/regions/{code}'],
    payroll: [],
    assessment: ['GET /v1/cycles/{cycle_id}', 'GET /v1/statistics'],
  },
}));

const OPENER = '5b0e2f0c-3c1a-4a57-9d1e-2f4b8c6d7e90';
const CYCLE = {
  id: 'c-1', year: 2026, county_code: '640104', name: '2026年度社区工作者考核', opened_by: OPENER,
  opened_by_name: '马县区', created_at: '2026-12-02T08:00:00Z',
  deadlines: { proposal: '2027-01-15', decision: '2027-01-31', notice_days: 5 },
  plan: { dimensions: [], thresholds: [], excellent_quota_percent: null, absence_exit: null },
};

describe('CycleDetailPage', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    // A township officer: the county officer's account is not theirs to read (the registry answers 404).
    setSession({ accessToken: 'token', refreshToken: null, role: 'township_officer', jurisdiction: '640104001', workerId: null, displayName: null, username: 'xq_town' });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('names the opener by the name the cycle stores, not by an account the township cannot read', async () => {
    fetchMock.mockImplementation(async (input) => {
      const url = (input as Request).url;
      if (url.includes('/api/assessment/v1/cycles/c-1')) return jsonResponse(CYCLE);
      if (url.includes('/api/assessment/v1/statistics')) return jsonResponse({ counties: [], townships: [] });
      return problemResponse(404, { code: 'not_found', message_zh: '不存在', message_en: 'not found' });
    });
    renderPage(<CycleDetailPage />, { path: '/assessment/cycles/:cycleId', route: '/assessment/cycles/c-1' });
    const detail = await screen.findByTestId('cycle-detail');
    expect(detail).toHaveTextContent('马县区');
    expect(detail).not.toHaveTextContent('其他用户');
    const asked = fetchMock.mock.calls.map(([input]) => (input as Request).url);
    expect(asked.some((url) => url.includes('/v1/accounts/'))).toBe(false);
  });
});
