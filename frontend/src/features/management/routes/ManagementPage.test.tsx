import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { regionsInside } from '@/test/regions';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { carriedStarRating, ManagementPage } from './ManagementPage';

describe('carriedStarRating', () => {
  const ratings = [{ year: 2024, stars: 4 }, { year: 2025, stars: 2 }];
  it('is the latest rating before an unrated year', () => {
    expect(carriedStarRating(ratings, 2026)).toEqual({ year: 2025, stars: 2 });
    expect(carriedStarRating(ratings, 2025)).toEqual({ year: 2024, stars: 4 });
  });
  it('is never a later year', () => {
    expect(carriedStarRating(ratings, 2024)).toBeUndefined();
  });
});

describe('编额: where an exception or a community’s number applies, chosen by name', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const line = (region_code: string, name: string, level: string) => ({
    level, region_code, name, computed: 40, approved_number: null, exception_posts: 0, allowed: 40, filled: 30, vacancies: 10,
    rule_kind: `quota.${level}`, rule_prefix: '', rule_params: {}, minimum: null,
  });
  const serve = (lines: unknown[]) =>
    fetchMock.mockImplementation(async (input) => {
      const url = new URL((input as Request).url);
      if (url.pathname === '/api/registry/v1/regions') return jsonResponse(regionsInside(url.searchParams.get('prefix') ?? ''));
      if (url.pathname === '/api/registry/v1/quota') return jsonResponse(lines);
      if (url.pathname.startsWith('/api/registry/v1/quota/')) return jsonResponse([]);
      return problemResponse(404, { code: 'not_found', message_zh: '不存在', message_en: 'not found' });
    });
  beforeEach(() => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'county_officer', jurisdiction: '640104', workerId: null, displayName: null, username: 'xq_county' });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    cleanup();
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  const openDialog = async (testId: string) => {
    renderPage(<ManagementPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '编额' }));
    await screen.findByTestId('quota-lines');
    fireEvent.click(await screen.findByTestId(testId));
    return screen.findByRole('dialog');
  };
  const offered = () => [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent);

  it('an exception is asked for the county (no community quota applies in Ningxia), its own by default', async () => {
    serve([line('640104', '兴庆区', 'county')]);
    const dialog = await openDialog('add-quota-exception');
    expect(within(dialog).queryByText('社区区划代码')).toBeNull();
    expect(within(dialog).queryByDisplayValue('640104')).toBeNull();
    const place = within(dialog).getByRole('combobox', { name: '县区' });
    expect(within(dialog).getByText('兴庆区')).toBeInTheDocument();
    fireEvent.mouseDown(place);
    await waitFor(() => expect(offered()).toEqual(['兴庆区']));
  });

  it('a community with a quota of its own is offered too, named with its township', async () => {
    serve([line('640104', '兴庆区', 'county'), line('640104001001', '民乐社区', 'community')]);
    const dialog = await openDialog('add-quota-exception');
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: '县区或社区' }));
    await waitFor(() => expect(offered()).toEqual(['兴庆区', '民乐社区（凤凰北街街道）']));
  });

  it('a community’s number is proposed for a community of the jurisdiction, by name', async () => {
    serve([line('640104', '兴庆区', 'county')]);
    const dialog = await openDialog('propose-community-number');
    expect(within(dialog).queryByText('社区区划代码')).toBeNull();
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: '社区' }));
    await waitFor(() => expect(offered()).toEqual(['民乐社区（凤凰北街街道）', '丽景社区（凤凰北街街道）', '新华社区（新华街道）']));
  });
});
