// End-to-end tests: build the SPA, start the whole system the way `make run` does (devctl stack: migrate,
// seed, services, nginx gateway serving frontend/dist), then drive Debian's Chromium through
// playwright-core with node's test runner. Stops the stack (SIGTERM to its process group) afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, npmCommand, uvPath } from './tools.mjs';

const frontend = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(frontend, '..');
const basePort = Number(process.env.E2E_BASE_PORT ?? 18080);
const chromium = chromiumPath();

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

if (!existsSync(chromium)) fail(`${chromium} not found: run \`make install-browser\` (Debian's chromium package)`);
if (!process.env.CWM_TEST_PG && !process.env.DATABASE_URL) {
  fail('set CWM_TEST_PG (or DATABASE_URL) to a PostgreSQL admin URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres');
}

// uv by its path, never by name: `make` installed it where a fresh machine's PATH does not reach.
let uv;
try {
  uv = uvPath();
} catch (error) {
  fail(error.message);
}

if (process.env.E2E_SKIP_BUILD !== '1') {
  const [npm, npmArgs] = npmCommand();
  const build = spawnSync(npm, [...npmArgs, 'run', '--silent', 'build'], { cwd: frontend, stdio: 'inherit' });
  if (build.status !== 0) fail('vite build failed');
}

const stack = spawn(
  uv,
  ['run', '--frozen', 'python', 'scripts/devctl.py', 'stack', '--fresh', '--db-prefix', process.env.E2E_DB_PREFIX ?? 'cwm_e2e', '--base-port', String(basePort)],
  { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
let log = '';
let stopped = false;

function stopStack() {
  if (stopped || stack.exitCode !== null) return Promise.resolve();
  stopped = true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-stack.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      resolve();
    }, 20_000);
    stack.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-stack.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stopStack();
    process.exit(130);
  });
}

const baseUrl = await new Promise((resolve, reject) => {
  const timeout = setTimeout(() => reject(new Error('the stack did not print READY within 300 s')), 300_000);
  const onData = (chunk) => {
    log += chunk.toString();
    const match = /READY (http\S+)/.exec(log);
    if (match) {
      clearTimeout(timeout);
      resolve(match[1]);
    }
  };
  stack.stdout.on('data', onData);
  stack.stderr.on('data', (chunk) => {
    log += chunk.toString();
  });
  stack.once('exit', (code) => {
    clearTimeout(timeout);
    reject(new Error(`the stack exited with ${code} before it was ready`));
  });
}).catch(async (error) => {
  console.error(log.slice(-6000));
  await stopStack();
  fail(error.message);
});

console.log(`e2e: stack ready at ${baseUrl}`);
const files = readdirSync(join(frontend, 'e2e'))
  .filter((f) => f.endsWith('.test.mjs'))
  .sort()
  .map((f) => join('e2e', f));
const only = process.argv.slice(2);
const tests = spawn(process.execPath, ['--test', '--test-concurrency=1', ...(only.length ? only : files)], {
  cwd: frontend,
  env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromium },
  stdio: 'inherit',
});
const status = await new Promise((resolve) => tests.once('exit', (code) => resolve(code ?? 1)));
await stopStack();
if (status !== 0 && process.env.E2E_SHOW_STACK_LOG === '1') console.error(log.slice(-6000));
process.exit(status);
