import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HomePage } from '@/features/home/routes/HomePage';
import { setSession } from '@/lib/session';
import { problemResponse, renderPage } from '@/test/render';
import { signIn } from '@/test/session';
import { AppLayout } from './layout';

const login = (role: string, jurisdiction: string) => signIn(role, role, jurisdiction);

describe('payroll entries only for those who can ever see a run', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async () => problemResponse(404, { code: 'not_found', message_zh: '无', message_en: 'none' }));
  });
  afterEach(() => {
    cleanup(); // the layout reads the session: unmounted before it is forgotten
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('the party secretary (a community account) has no 薪酬发放 in the menu and no payroll card on the 工作台', async () => {
    login('party_secretary', '640104001001');
    renderPage(<AppLayout />);
    await screen.findByRole('menuitem', { name: /工作台/ });
    expect(screen.queryByRole('menuitem', { name: /薪酬发放/ })).toBeNull();
    expect(screen.queryByRole('menuitem', { name: /财务发放/ })).toBeNull();
    renderPage(<HomePage />);
    await screen.findByTestId('card-assessment');
    expect(screen.queryByTestId('card-payroll')).toBeNull();
  });

  it('the township HR officer keeps both', async () => {
    login('township_officer', '640104001');
    renderPage(<AppLayout />);
    await screen.findByRole('menuitem', { name: /薪酬发放/ });
    renderPage(<HomePage />);
    await screen.findByTestId('card-payroll');
  });

  it('finance officers and auditors keep 薪酬发放', async () => {
    for (const [role, jurisdiction] of [['finance_officer', '640104'], ['auditor', '640104']]) {
      login(role, jurisdiction);
      const { unmount } = renderPage(<AppLayout />);
      await screen.findByRole('menuitem', { name: /薪酬发放/ });
      unmount();
    }
  });
});
