import { setSession } from '@/lib/session';

/** An access token whose subject is `sub` (pages recognise "me" among the actors of a run or scheme by it). */
export const tokenFor = (sub: string) => `h.${btoa(JSON.stringify({ sub }))}.s`;

/** Signs in as account `sub` with a role and jurisdiction, named `displayName`. */
export function signIn(sub: string, role: string, jurisdiction: string, displayName: string | null = sub) {
  setSession({ accessToken: tokenFor(sub), refreshToken: null, role, jurisdiction, workerId: null, displayName, username: sub });
}
