import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { DashboardPage } from './DashboardPage';

vi.mock('@/api/types/available', () => ({
  availableOperations: { registry: [], payroll: [], assessment: ['GET /v1/statistics'] },
}));
// ECharts draws on a canvas jsdom lacks: a chart is a placeholder holding its data.
vi.mock('@/components/EChart', () => ({
  EChart: ({ option }: { option: { series?: { data?: unknown }[] } }) => <div data-testid="echart">{JSON.stringify(option.series?.[0]?.data)}</div>,
}));

const none = { excellent: 0, competent: 0, basically_competent: 0, incompetent: 0 };
const unit = (distribution: typeof none) => ({
  county_code: '150404', township_code: null, assessed: 0, proposed: 0, decided: 0, final: 0, distribution, annual_assessed: 0,
  excellent_decided: 0, excellent_limit: null, quota_percent: null, excellent_share_percent: null, overdue_proposals: 0, overdue_decisions: 0,
});

describe('DashboardPage', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'provincial_admin', jurisdiction: '15', workerId: null, displayName: null, username: 'im_admin' });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  const statistics = (distribution: typeof none, counties: ReturnType<typeof unit>[] = []) =>
    fetchMock.mockImplementation(async (input) => {
      const url = (input as Request).url;
      if (url.includes('/v1/statistics')) return jsonResponse({ year: 2025, region: '15', total: unit(distribution), counties, townships: [] });
      return problemResponse(404, { code: 'not_found', message_zh: '不存在', message_en: 'not found' });
    });
  const resultsCard = async () => (await screen.findByText(/年考核结果分布/)).closest('.ant-card') as HTMLElement;

  it('says a year has no assessment results instead of drawing a pie of zeros', async () => {
    statistics(none);
    renderPage(<DashboardPage />);
    const card = await resultsCard();
    expect(await within(card).findByTestId('pie-empty')).toHaveTextContent(/年还没有考核结果/);
    expect(within(card).queryByTestId('echart')).toBeNull();
    // No units either: no empty table under the empty state.
    expect(within(card).queryByRole('table')).toBeNull();
  });

  it('draws the results of a year that has them', async () => {
    statistics({ ...none, excellent: 2, competent: 7 }, [unit({ ...none, excellent: 2, competent: 7 })]);
    renderPage(<DashboardPage />);
    const card = await resultsCard();
    expect(await within(card).findByTestId('echart')).toHaveTextContent('"value":7');
    expect(within(card).queryByTestId('pie-empty')).toBeNull();
  });
});
