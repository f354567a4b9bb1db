import { useSyncExternalStore } from 'react';
import { clearOfflineData } from './offline';
import { AUTH_BASE, sessionFromToken, throwIfFailed, type TokenResponse } from './api-client';
import { getSession, setSession, subscribeSession, type Session } from './session';

export type Role =
  | 'provincial_admin'
  | 'city_officer'
  | 'county_officer'
  | 'township_officer'
  | 'party_secretary'
  | 'finance_officer'
  | 'auditor'
  | 'worker';

export const ROLE_LABELS: Record<string, [string, string]> = {
  provincial_admin: ['省级管理员', 'Provincial admin'],
  city_officer: ['市级管理员', 'City officer'],
  county_officer: ['县区管理员', 'County officer'],
  township_officer: ['街道人事专员', 'Township HR officer'],
  party_secretary: ['社区党组织书记', 'Party secretary'],
  finance_officer: ['财务人员', 'Finance officer'],
  auditor: ['审计员', 'Auditor'],
  worker: ['社区工作者', 'Community worker'],
};

/** POST /api/auth/token, form-encoded (OAuth2 password grant); `otp`: the 6-digit code of an enrolled second factor. */
export async function login(username: string, password: string, otp?: string): Promise<Session> {
  const body = new URLSearchParams({ grant_type: 'password', username, password });
  if (otp) body.set('otp', otp);
  const response = await throwIfFailed(
    await fetch(`${AUTH_BASE}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
    }).catch(() => new Response(null, { status: 599 })),
  );
  const session = sessionFromToken((await response.json()) as TokenResponse, username);
  setSession(session);
  return session;
}

/** Revokes the refresh token (best effort) and forgets the session. The payslips kept for offline use are deleted
 * before the session is forgotten (which shows the login page): once it shows, nothing of the worker's is left. */
export async function logout(): Promise<void> {
  const session = getSession();
  try {
    await clearOfflineData();
  } finally {
    setSession(null);
  }
  if (session?.refreshToken) {
    await fetch(`${AUTH_BASE}/logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: session.refreshToken }),
    }).catch(() => undefined);
  }
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}

export const OFFICER_ROLES: Role[] = ['provincial_admin', 'city_officer', 'county_officer', 'township_officer', 'party_secretary', 'finance_officer', 'auditor'];

/** Where each role starts after logging in. */
export function homePathFor(role: string): string {
  switch (role) {
    case 'worker':
      return '/me';
    case 'provincial_admin':
    case 'city_officer':
    case 'county_officer':
    case 'auditor':
      return '/dashboard';
    case 'finance_officer':
      return '/payroll';
    default:
      return '/home';
  }
}

/** Region-code level from its length (2/4/6/9/12 digits). */
export function regionLevel(code: string): 'province' | 'city' | 'county' | 'township' | 'community' | 'all' {
  return ({ 2: 'province', 4: 'city', 6: 'county', 9: 'township', 12: 'community' } as const)[code.length as 2] ?? 'all';
}
