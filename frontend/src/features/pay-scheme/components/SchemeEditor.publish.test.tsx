import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { signIn } from '@/test/session';
import type { Scheme } from '../api/types';
import { SchemeEditor } from './SchemeEditor';

const login = (sub: string) => signIn(sub, 'provincial_admin', '64');

const draft = {
  id: 7, region_prefix: '64', name: '宁夏 2027', effective_from: '2027-01-01', status: 'draft', based_on_id: 6, created_by: 'nx_admin',
  created_at: '2026-12-03T06:29:12Z', published_by: null, published_at: null, document: { housing_fund: { default_rate: '0.12' } },
} as unknown as Scheme;
// nx_admin created the draft; nx_editor edited it.
const TRAIL = [
  { id: 2, at: '2026-12-03T07:00:00Z', actor: 'nx_editor', actor_role: 'provincial_admin', actor_name: '编辑', action: 'pay_scheme.update', entity: 'pay_scheme', entity_id: '7', region_code: '64', reason: null, request_id: null },
  { id: 1, at: '2026-12-03T06:29:12Z', actor: 'nx_admin', actor_role: 'provincial_admin', actor_name: '起草', action: 'pay_scheme.create', entity: 'pay_scheme', entity_id: '7', region_code: '64', reason: null, request_id: null },
];

describe('SchemeEditor: 发布 only for a provincial admin who did not draft the version', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async (input) => {
      const url = new URL((input as Request).url, 'http://x');
      if (url.pathname === '/api/payroll/v1/audit') return jsonResponse({ items: TRAIL, total: 2, page: 1, size: 200 });
      if (url.pathname === '/api/registry/v1/management-rules') return jsonResponse([]);
      return problemResponse(404, { code: 'not_found', message_zh: '无', message_en: 'none' });
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });
  const editor = () => renderPage(<SchemeEditor scheme={draft} onSelect={() => undefined} canEdit />);
  const publishButton = () => screen.queryByRole('button', { name: /发\s*布/ });

  it.each(['nx_admin', 'nx_editor'])('%s (who drafted or edited it) is told another admin publishes it', async (who) => {
    login(who);
    editor();
    await screen.findByTestId('publish-by-another');
    expect(publishButton()).toBeNull();
    expect(screen.getByRole('button', { name: /校\s*验/ })).toBeInTheDocument();
  });

  it('another provincial admin is offered 发布', async () => {
    login('nx_checker');
    editor();
    await waitFor(() => expect(publishButton()).toBeInTheDocument());
    expect(screen.queryByTestId('publish-by-another')).toBeNull();
  });
});
