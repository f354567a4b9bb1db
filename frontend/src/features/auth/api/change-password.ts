import { useMutation } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, sessionFromToken, unwrap, type TokenResponse } from '@/lib/api-client';
import { getSession, setSession, type Session } from '@/lib/session';

export type PasswordChangeInput = components['schemas']['PasswordChange'];

/** POST /v1/auth/password: one's own password; answers a new session without the first-login mark. */
export async function changePassword(body: PasswordChangeInput): Promise<Session> {
  const token = unwrap(await registryClient.POST('/v1/auth/password', { body })) as TokenResponse;
  const previous = getSession();
  const session = sessionFromToken(token, previous?.username ?? '', previous);
  setSession(session);
  return session;
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
