import createClient from 'openapi-fetch';
import { availableOperations } from '@/api/types/available';
import type { paths as AssessmentPaths } from '@/api/types/assessment';
import type { paths as PayrollPaths } from '@/api/types/payroll';
import type { paths as RegistryPaths } from '@/api/types/registry';
import { ApiError, toProblem } from './problem';
import { getSession, setSession, type Session } from './session';

export type Service = 'registry' | 'payroll' | 'assessment';
export const SERVICE_BASE: Record<Service, string> = {
  registry: '/api/registry',
  payroll: '/api/payroll',
  assessment: '/api/assessment',
};
export const AUTH_BASE = '/api/auth';

export interface TokenResponse {
  access_token: string;
  refresh_token?: string | null;
  role: string;
  jurisdiction: string;
  worker_id?: string | null;
  display_name?: string | null;
  must_change_password?: boolean;
  second_factor_setup_required?: boolean;
}

export function sessionFromToken(token: TokenResponse, username: string, previous?: Session | null): Session {
  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token ?? previous?.refreshToken ?? null,
    role: token.role,
    jurisdiction: token.jurisdiction,
    workerId: token.worker_id ?? null,
    displayName: token.display_name ?? null,
    username,
    mustChangePassword: token.must_change_password ?? false,
    secondFactorSetupRequired: token.second_factor_setup_required ?? false,
  };
}

/** Whether the service's OpenAPI document (exported at build time) declares this operation. */
export function isAvailable(service: Service, method: string, path: string): boolean {
  return (availableOperations[service] ?? []).includes(`${method.toUpperCase()} ${path}`);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function throwIfFailed(response: Response): Promise<Response> {
  if (response.ok) return response;
  throw new ApiError(response.status, toProblem(response.status, await readBody(response)));
}

// One refresh at a time: concurrent 401s wait for the same refresh.
let refreshing: Promise<boolean> | null = null;

async function refreshTokens(): Promise<boolean> {
  const session = getSession();
  if (!session?.refreshToken) return false;
  try {
    const response = await fetch(`${AUTH_BASE}/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: session.refreshToken }),
    });
    if (!response.ok) return false;
    const token = (await response.json()) as TokenResponse;
    setSession(sessionFromToken(token, session.username, session));
    return true;
  } catch {
    return false;
  }
}

function withToken(request: Request): Request {
  const token = getSession()?.accessToken;
  const next = new Request(request);
  if (token) next.headers.set('Authorization', `Bearer ${token}`);
  return next;
}

/** fetch with the bearer token; on 401 refreshes once and retries; an unrecoverable 401 ends the session. */
export async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const original = new Request(typeof input === 'string' ? absolute(input) : input, init);
  const spare = original.clone();
  let response: Response;
  try {
    response = await fetch(withToken(original));
  } catch {
    return networkFailure();
  }
  if (response.status !== 401 || !getSession()) return response;
  refreshing ??= refreshTokens().finally(() => {
    refreshing = null;
  });
  if (!(await refreshing)) {
    setSession(null);
    return response;
  }
  try {
    return await fetch(withToken(spare));
  } catch {
    return networkFailure();
  }
}

// Request() needs an absolute URL outside a browser document (tests); the browser resolves the same way.
function absolute(url: string): string {
  return typeof window !== 'undefined' && window.location ? new URL(url, window.location.href).toString() : url;
}

function networkFailure(): Response {
  const body = toProblem(0, null);
  return new Response(JSON.stringify(body), { status: 599, headers: { 'Content-Type': 'application/problem+json' } });
}

// openapi-fetch builds Request objects itself, which need an absolute URL outside a browser page.
function serviceUrl(service: Service): string {
  return typeof window !== 'undefined' && window.location ? new URL(SERVICE_BASE[service], window.location.href).toString() : SERVICE_BASE[service];
}

// Typed clients generated from each service's OpenAPI document (src/api/types/<service>.ts).
export const registryClient = createClient<RegistryPaths>({ baseUrl: serviceUrl('registry'), fetch: authFetch });
export const payrollClient = createClient<PayrollPaths>({ baseUrl: serviceUrl('payroll'), fetch: authFetch });
export const assessmentClient = createClient<AssessmentPaths>({ baseUrl: serviceUrl('assessment'), fetch: authFetch });

/** Unwrap an openapi-fetch result: the data, or an ApiError carrying the problem. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ApiError(result.response.status, toProblem(result.response.status, result.error));
}

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function buildUrl(service: Service, path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((item) => params.append(key, String(item)));
    else params.append(key, String(value));
  }
  const search = params.toString();
  return `${SERVICE_BASE[service]}${path}${search ? `?${search}` : ''}`;
}

/**
 * A request to an operation the generated types do not describe yet (a backend still being built).
 * Same token, refresh and problem handling as the typed clients.
 */
export async function apiRequest<T>(service: Service, method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await throwIfFailed(
    await authFetch(buildUrl(service, path, options.query), { method, headers, body, signal: options.signal }),
  );
  if (response.status === 204) return null as T;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) return (await response.json()) as T;
  return (await response.text()) as T;
}

/**
 * Download a file (e.g. the 工资表) with the token and hand it to the browser; answers the file's name and the
 * response headers (e.g. the bank file's X-Checksum-SHA256).
 */
export async function downloadFile(
  service: Service,
  path: string,
  fallbackName: string,
  query?: Record<string, QueryValue>,
): Promise<{ name: string; headers: Headers }> {
  const response = await throwIfFailed(await authFetch(buildUrl(service, path, query)));
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1] ?? match[2]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return { name, headers: response.headers };
}
