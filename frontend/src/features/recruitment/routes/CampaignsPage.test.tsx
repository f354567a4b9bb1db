import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { regionsInside } from '@/test/regions';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { CampaignsPage } from './CampaignsPage';

vi.mock('@/api/types/available', () => ({
  availableOperations: { registry: ['GET /v1/recruitment/campaigns', 'POST /v1/recruitment/campaigns', 'GET /v1/regions'], payroll: [], assessment: [] },
}));

describe('制定招聘方案: the organiser', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const posted: unknown[] = [];
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async (input) => {
      const request = input as Request;
      const url = new URL(request.url);
      if (url.pathname === '/api/registry/v1/regions') return jsonResponse(regionsInside(url.searchParams.get('prefix') ?? ''));
      if (url.pathname === '/api/registry/v1/recruitment/campaigns' && request.method === 'POST') {
        posted.push(await request.json());
        return problemResponse(409, { code: 'stop', message_zh: '测试到此为止', message_en: 'stop' });
      }
      if (url.pathname === '/api/registry/v1/recruitment/campaigns') return jsonResponse([]);
      return problemResponse(404, { code: 'not_found', message_zh: '不存在', message_en: 'not found' });
    });
  });
  afterEach(() => {
    cleanup();
    fetchMock.mockReset();
    posted.length = 0;
    vi.unstubAllGlobals();
    setSession(null);
  });

  const offered = () => [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent);

  it('is a city or county of the jurisdiction chosen by name; the city officer picks the county', async () => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'city_officer', jurisdiction: '6401', workerId: null, displayName: null, username: 'yc_city' });
    renderPage(<CampaignsPage />);
    fireEvent.change(await screen.findByLabelText('名称'), { target: { value: '2027年兴庆区公开招聘社区工作者' } });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '组织单位' }));
    await waitFor(() => expect(offered()).toEqual(['银川市', '兴庆区']));
    fireEvent.click(screen.getByText('兴庆区'));
    fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    await waitFor(() => expect(posted).toEqual([{ title: '2027年兴庆区公开招聘社区工作者', region_code: '640104', positions: 1 }]));
  });

  it('defaults to the county officer’s own county, by its name, with no code in a text box', async () => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'county_officer', jurisdiction: '640104', workerId: null, displayName: null, username: 'xq_county' });
    renderPage(<CampaignsPage />);
    expect(await screen.findByText('兴庆区')).toBeInTheDocument();
    expect(screen.queryByDisplayValue('640104')).toBeNull();
  });
});
