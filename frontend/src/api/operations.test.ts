// Every operation the three services declare for people has a page or an action that calls it (issue 14).
// The generated list of declared operations (src/api/types/available.ts) is checked against the SPA's source:
// a typed-client call (`registryClient.POST('/v1/…'`), a `defineGet('service', '/v1/…'`, an
// `apiRequest('service', 'METHOD', '/v1/…'` or a `downloadFile('service', '/v1/…'` (path parameters may be
// template expressions). Operations meant for machines are listed below with the reason.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableOperations } from './types/available';

const MACHINE_ONLY: Record<string, string> = {
  'registry GET /v1/whoami': 'token introspection for services and tests',
  'payroll GET /v1/whoami': 'token introspection for services and tests',
  'assessment GET /v1/whoami': 'token introspection for services and tests',
  'registry GET /v1/auth/.well-known/jwks.json': 'public keys the services verify tokens with',
  'registry GET /v1/auth/me': 'the SPA reads the same facts from the token response',
  'registry GET /v1/changes': 'change feed other services follow',
  'registry GET /v1/workers/facts': 'NDJSON facts stream payroll and assessment read',
  'assessment GET /v1/results': 'result feed payroll follows (cursor)',
  'assessment POST /v1/cycles/{cycle_id}/assessees': 'explicit snapshot for integrations; people use …/assessees/import',
  'registry GET /v1/imports/{import_id}': 'the upload and confirm answers carry the same report',
  'assessment GET /v1/historical-results/imports/{import_id}': 'the upload and confirm answers carry the same report',
  'registry GET /v1/auth/revocations': 'revoked sessions every service polls (ADR 0004)',
};

// Issue 11 (accounts) is building these pages now;
// remove each line when its page lands.
const BEING_BUILT = new Set<string>([
]);

// Issue 14 left these without a page (no time): worker record changes, the post catalogue, reference figures
// and the pay-scheme schema. A ratchet: the list may only shrink.
const NO_PAGE_YET = new Set<string>([
]);

const root = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.includes(join('src', 'api')) ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

const code = sources(root).join('\n');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The path as written in source: literally, or with `${…}` where the template has `{param}`. */
const pathPattern = (path: string) => escape(path).replace(/\\\{\w+\\\}/g, '(?:\\{\\w+\\}|\\$\\{[^}]+\\})');

function called(service: string, method: string, path: string): boolean {
  const p = pathPattern(path);
  const patterns = [
    `${service}Client\\.${method}\\(\\s*'${p}'`,
    `apiRequest(?:<[^>]*>)?\\(\\s*'${service}',\\s*'${method}',\\s*[\`']${p}`,
  ];
  if (method === 'GET') {
    patterns.push(`defineGet(?:<[^>]*>)?\\(\\s*'${service}',\\s*'${p}'`, `downloadFile\\(\\s*'${service}',\\s*[\`']${p}`);
  }
  if (service === 'registry' && path.startsWith('/v1/auth/')) patterns.push(escape('${AUTH_BASE}' + path.slice('/v1/auth'.length)));
  return patterns.some((pattern) => new RegExp(pattern).test(code));
}

describe('API coverage', () => {
  const operations = Object.entries(availableOperations).flatMap(([service, ops]) =>
    ops.map((op) => {
      const [method, path] = op.split(' ');
      return { key: `${service} ${op}`, service, method, path };
    }),
  );

  it('calls every operation meant for people somewhere in the SPA', () => {
    const missing = operations
      .filter((op) => !MACHINE_ONLY[op.key] && !BEING_BUILT.has(op.key) && !NO_PAGE_YET.has(op.key) && !called(op.service, op.method, op.path))
      .map((op) => op.key);
    expect(missing).toEqual([]);
  });

  it('lists as unbuilt only operations that really have no caller yet', () => {
    const done = operations.filter((op) => NO_PAGE_YET.has(op.key) && called(op.service, op.method, op.path));
    expect(done.map((op) => op.key)).toEqual([]);
  });

  it('keeps the machine-only list to operations that exist', () => {
    const declared = new Set(operations.map((op) => op.key));
    expect(Object.keys(MACHINE_ONLY).filter((key) => !declared.has(key))).toEqual([]);
  });
});
