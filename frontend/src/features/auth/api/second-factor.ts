import { useMutation } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, sessionFromToken, unwrap, type TokenResponse } from '@/lib/api-client';
import { getSession, setSession, type Session } from '@/lib/session';

export type TotpSetup = components['schemas']['TotpSetup'];

/** POST /v1/auth/totp/setup: a new seed for the authenticator app (enabled only once a code confirms it). */
export async function setupSecondFactor(): Promise<TotpSetup> {
  return unwrap(await registryClient.POST('/v1/auth/totp/setup'));
}

/** POST /v1/auth/totp/confirm: the first code enables the second factor; answers a new session. */
export async function confirmSecondFactor(code: string): Promise<Session> {
  const token = unwrap(await registryClient.POST('/v1/auth/totp/confirm', { body: { code } })) as TokenResponse;
  const previous = getSession();
  const session = sessionFromToken(token, previous?.username ?? '', previous);
  setSession(session);
  return session;
}

export function useSetupSecondFactor() {
  return useMutation({ mutationFn: setupSecondFactor });
}

export function useConfirmSecondFactor() {
  return useMutation({ mutationFn: confirmSecondFactor });
}
