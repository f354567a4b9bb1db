import { screen } from '@testing-library/react';
import dayjs from 'dayjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { PaySchemePage } from './PaySchemePage';

vi.mock('@/api/types/available', () => ({
  availableOperations: { registry: ['GET /v1/regions'], payroll: ['GET /v1/pay-schemes', 'GET /v1/pay-schemes/{scheme_id}'], assessment: [] },
}));

const PUBLISHED = '2026-12-03T06:29:12.929923Z';
const summary = (id: number, effective: string, state: string) => ({
  id, region_prefix: '64', effective_from: effective, name: '宁夏回族自治区社区工作者薪酬方案（2025）', status: 'published', published_at: PUBLISHED, state,
});
const current = { ...summary(7, '2026-01-01', 'in_force'), document: {}, based_on_id: 6, created_by: 'nx_admin', created_at: PUBLISHED, published_by: 'nx_checker' };

describe('the pay-scheme page names places and versions', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'auditor', jurisdiction: '64', workerId: null, displayName: null, username: 'nx_auditor' });
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async (input) => {
      const url = new URL((input as Request).url);
      if (url.pathname.endsWith('/v1/regions')) return jsonResponse([{ code: '64', name: '宁夏回族自治区', level: 'province', parent_code: null, urban_population: null, households: null, fiscal_category: null, star_ratings: [] }]);
      if (url.pathname.endsWith('/v1/pay-schemes')) return jsonResponse([summary(7, '2026-01-01', 'in_force'), summary(6, '2025-01-01', 'superseded')]);
      if (url.pathname.endsWith('/v1/pay-schemes/7')) return jsonResponse(current);
      return problemResponse(404, { code: 'not_found', message_zh: '不存在', message_en: 'not found' });
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('shows the region by name, the publication time as a time and the base version by its name and date', async () => {
    renderPage(<PaySchemePage />);
    const versionsTable = await screen.findByTestId('schemes-table');
    // The versions' region column: names, not codes.
    expect(await screen.findAllByText('宁夏回族自治区')).not.toHaveLength(0);
    expect(versionsTable.querySelectorAll('tbody [data-region-code="64"]')).toHaveLength(2);
    expect(versionsTable).not.toHaveTextContent(/(^|\D)64(\D|$)/);

    const based = await screen.findByTestId('scheme-based-on');
    expect(based).toHaveTextContent('宁夏回族自治区社区工作者薪酬方案（2025） · 2025-01-01 起');
    expect(screen.getByText(dayjs(PUBLISHED).format('YYYY-MM-DD HH:mm'))).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('T06:29');
    expect(screen.getByText('适用地区').closest('tr')).not.toHaveTextContent(/(^|\D)64(\D|$)/);
  });
});
