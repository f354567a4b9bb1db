import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { InForceCard } from './InForceCard';

vi.mock('@/api/types/available', () => ({
  availableOperations: { registry: ['GET /v1/regions'], payroll: ['GET /v1/pay-schemes', 'GET /v1/pay-schemes/in-force'], assessment: [] },
}));

const region = (code: string, name: string) => ({ code, name, level: code.length === 2 ? 'province' : 'county', parent_code: null, urban_population: null, households: null, fiscal_category: null, star_ratings: [] });
const songshan = { id: 3, region_prefix: '150404', effective_from: '2022-01-01', name: '松山区社区工作者职业体系薪酬方案（2022）', status: 'published', published_at: '2026-12-03T06:29:12.929923Z', state: 'in_force' };
const noScheme = problemResponse(422, { code: 'no_pay_scheme', message_zh: '15 在 2026-12-03 没有生效的薪酬方案', message_en: 'no pay scheme in force for 15' });

describe('InForceCard', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const inForceAsked = () => fetchMock.mock.calls.map(([input]) => new URL((input as Request).url)).filter((url) => url.pathname.endsWith('/in-force'));
  beforeEach(() => {
    // Inner Mongolia's provincial admin: the region has no scheme of its own, Songshan (150404) has one.
    setSession({ accessToken: 'token', refreshToken: null, role: 'provincial_admin', jurisdiction: '15', workerId: null, displayName: null, username: 'im_admin' });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  const serve = (versions: unknown[]) =>
    fetchMock.mockImplementation(async (input) => {
      const url = new URL((input as Request).url);
      if (url.pathname.endsWith('/v1/regions')) return jsonResponse([region('15', '内蒙古自治区'), region('150404', '松山区')]);
      if (url.pathname.endsWith('/in-force')) return url.searchParams.get('region') === '150404' ? jsonResponse(songshan) : noScheme;
      if (url.pathname.endsWith('/v1/pay-schemes')) return jsonResponse(versions);
      return problemResponse(404, { code: 'not_found', message_zh: '不存在', message_en: 'not found' });
    });

  it('says the region has no scheme in force, names the places inside it that do, without asking the service', async () => {
    serve([songshan]);
    renderPage(<InForceCard onSelect={() => undefined} />);
    const none = await screen.findByTestId('scheme-in-force-none');
    await waitFor(() => expect(none).toHaveTextContent(/^内蒙古自治区在 \d{4}-\d{2}-\d{2} 没有生效的薪酬方案/));
    expect(none).toHaveTextContent('下级地区有各自的方案：松山区');
    expect(inForceAsked()).toEqual([]);

    // Songshan chosen: its version is shown.
    fireEvent.click(within(none).getByText('松山区'));
    expect(await screen.findByText(songshan.name)).toBeInTheDocument();
    expect(inForceAsked().map((url) => url.searchParams.get('region'))).toEqual(['150404']);
  });

  it('reads the service’s 422 no_pay_scheme as no scheme in force', async () => {
    // A version the list shows as applying, which the service does not (published since the list was read).
    serve([{ ...songshan, id: 9, region_prefix: '15' }]);
    renderPage(<InForceCard onSelect={() => undefined} />);
    await waitFor(() => expect(inForceAsked()).toHaveLength(1));
    expect(await screen.findByTestId('scheme-in-force-none')).toHaveTextContent('没有生效的薪酬方案');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
