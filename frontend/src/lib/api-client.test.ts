import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse } from '@/test/render';
import { apiRequest } from './api-client';
import { ApiError } from './problem';
import { getSession, setSession } from './session';

const session = { accessToken: 'old', refreshToken: 'refresh-1', role: 'township_officer', jurisdiction: '640104001', workerId: null, displayName: null, username: 'xq_town' };
const unauthorised = () => problemResponse(401, { code: 'unauthenticated', message_zh: '未认证或令牌无效', message_en: 'not authenticated' });

describe('authFetch', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    setSession({ ...session });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    fetchMock
      .mockResolvedValueOnce(unauthorised())
      .mockResolvedValueOnce(jsonResponse({ access_token: 'new', refresh_token: 'refresh-2', role: 'township_officer', jurisdiction: '640104001' }))
      .mockResolvedValueOnce(jsonResponse({ ok: true }));
    await expect(apiRequest('registry', 'GET', '/v1/workers')).resolves.toEqual({ ok: true });
    expect(fetchMock.mock.calls[1][0]).toBe('/api/auth/refresh');
    expect(JSON.parse(String(fetchMock.mock.calls[1][1]?.body))).toEqual({ refresh_token: 'refresh-1' });
    expect((fetchMock.mock.calls[2][0] as Request).headers.get('Authorization')).toBe('Bearer new');
    expect(getSession()).toMatchObject({ accessToken: 'new', refreshToken: 'refresh-2' });
  });

  it('ends the session when the refresh is refused', async () => {
    fetchMock.mockResolvedValueOnce(unauthorised()).mockResolvedValueOnce(unauthorised());
    const failure = apiRequest('registry', 'GET', '/v1/workers');
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 401 });
    expect(getSession()).toBeNull();
  });

  it('carries the problem of a refused request', async () => {
    fetchMock.mockResolvedValueOnce(problemResponse(404, { code: 'not_found', message_zh: '人员不存在或不在您的管辖范围内', message_en: 'worker not found' }));
    await expect(apiRequest('registry', 'GET', '/v1/workers/x')).rejects.toMatchObject({ status: 404, problem: { code: 'not_found' } });
    expect(getSession()).not.toBeNull();
  });
});
