import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, renderPage } from '@/test/render';
import { watchRejections } from '@/test/rejections';
import { RegionsPage } from './RegionsPage';

const TOWNSHIP = {
  code: '640104001', name: '凤凰北街街道', level: 'township', parent_code: '640104', urban_population: null, households: null,
  fiscal_category: null, residents: 30000, urban_rural: null, established_on: null, retired_on: null, star_ratings: [],
};

describe('RegionsPage', () => {
  const fetchMock = vi.fn<typeof fetch>();
  afterEach(() => {
    cleanup(); // the page unmounts before the session goes
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('a rename submitted without the new name: the rule shows, nothing is sent, no unhandled rejection', async () => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'county_officer', jurisdiction: '640104', workerId: null, displayName: null, username: 'xq_county' });
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async () => jsonResponse([TOWNSHIP]));
    const watch = watchRejections();
    renderPage(<RegionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: /更\s*名/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定|OK/ }));
    expect(await screen.findByText('请输入新名称')).toBeInTheDocument();
    expect(await watch.stop()).toEqual([]);
    expect(fetchMock.mock.calls.filter(([input]) => (input as Request).method !== 'GET')).toEqual([]);
  });
});
