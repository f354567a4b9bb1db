// Tokens live in memory and in sessionStorage (survives a reload, not a closed tab).
export interface Session {
  accessToken: string;
  refreshToken: string | null;
  role: string;
  jurisdiction: string;
  workerId: string | null;
  displayName: string | null;
  username: string;
  /** An initial or reset password: nothing but the password change until it is changed. */
  mustChangePassword?: boolean;
  /** The region's rule requires a second factor this account has not enrolled: enrolment first. */
  secondFactorSetupRequired?: boolean;
}

const STORAGE_KEY = 'cwm.session';
let current: Session | null = load();
const listeners = new Set<(session: Session | null) => void>();

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  try {
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage unavailable: memory only */
  }
  listeners.forEach((listener) => listener(session));
}

export function subscribeSession(listener: (session: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
