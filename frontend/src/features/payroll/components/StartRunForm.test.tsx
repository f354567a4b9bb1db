import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { regionsInside } from '@/test/regions';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { StartRunForm } from './StartRunForm';

describe('StartRunForm', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const posted: unknown[] = [];
  beforeEach(() => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'county_officer', jurisdiction: '640104', workerId: null, displayName: null, username: 'xq_county' });
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async (input) => {
      const request = input as Request;
      const url = new URL(request.url);
      if (url.pathname === '/api/registry/v1/regions') return jsonResponse(regionsInside(url.searchParams.get('prefix') ?? ''));
      if (url.pathname === '/api/payroll/v1/runs' && request.method === 'POST') {
        posted.push(await request.json());
        return jsonResponse({ id: 'r-1', region_code: '640104001', month: '2026-11', kind: 'monthly', state: 'draft', job_status: 'queued' }, 201);
      }
      return problemResponse(404, { code: 'not_found', message_zh: '不存在', message_en: 'not found' });
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    posted.length = 0;
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('picks the region by name among the jurisdiction’s county and townships, never a code typed by hand', async () => {
    const onStarted = vi.fn();
    renderPage(<StartRunForm defaultRegion="640104" onStarted={onStarted} />);
    // The jurisdiction is the default, shown by its name; there is no text box holding a code.
    expect(await screen.findByText('兴庆区')).toBeInTheDocument();
    expect(screen.queryByDisplayValue('640104')).toBeNull();
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '区划' }));
    const offered = async () => [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent);
    await waitFor(async () => expect(await offered()).toEqual(['兴庆区', '凤凰北街街道（兴庆区）', '新华街道（兴庆区）']));
    fireEvent.click(screen.getByText('凤凰北街街道（兴庆区）'));
    fireEvent.click(screen.getByRole('button', { name: /开始核算/ }));
    await waitFor(() => expect(onStarted).toHaveBeenCalled());
    expect(posted).toEqual([expect.objectContaining({ region_code: '640104001', kind: 'monthly' })]);
  });
});
