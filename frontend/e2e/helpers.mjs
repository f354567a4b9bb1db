// Shared by the end-to-end tests: Debian's Chromium through playwright-core, the demo logins, screenshots.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath, uvPath } from '../scripts/tools.mjs';

export const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:18080';
export const PASSWORD = 'Demo@2025';
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const screenshots = join(root, 'docs', 'screenshots');

export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser, viewport = { width: 1366, height: 900 }) {
  // Reduced motion (the app then turns antd's animations off): a click never lands on a dialog still zooming in.
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

export async function login(page, username, password = PASSWORD) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

// The README's pictures are refreshed on request (E2E_SCREENSHOTS=1), so a test run leaves the tree clean.
export async function shot(page, name) {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Whether the service's exported OpenAPI document declares the operation (the same check the SPA makes). */
export function declared(service, method, path) {
  const spec = JSON.parse(readFileSync(join(here, '..', 'src', 'api', 'openapi', `${service}.json`), 'utf8'));
  return Boolean(spec.paths?.[path]?.[method.toLowerCase()]);
}

export async function token(username) {
  const response = await fetch(`${BASE}/api/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
  return (await response.json()).access_token;
}

export async function api(username, method, path, body) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await token(username)}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** An 18-digit resident ID number with a correct check digit (GB 11643). */
export function nationalId(region, birth, sequence) {
  const body = `${region}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, digit, index) => acc + Number(digit) * weights[index], 0);
  return body + '10X98765432'[sum % 11];
}

/** Pick an option of an Ant Design Select by its visible text. */
export async function choose(page, label, optionText) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first().click();
}

/** Pick an option of a Select inside a scope (a modal) by its label and visible text. */
export async function chooseIn(page, scope, label, optionText) {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first().click();
}

/** A new page logged in as the user, past the login page. */
export async function loggedIn(browser, username) {
  const page = await newPage(browser);
  await login(page, username);
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  return page;
}

export async function pickDate(page, label, value) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/**
 * An .xlsx with these rows (the first is the header), written by openpyxl in the project's uv environment;
 * returns its path. uv by its path (uvPath): on a fresh machine it is not on PATH.
 */
export function writeWorkbook(rows) {
  const path = join(mkdtempSync(join(tmpdir(), 'cwm-import-')), 'workers.xlsx');
  const script = 'import json, sys, openpyxl\nwb = openpyxl.Workbook(); ws = wb.active\n'
    + 'for row in json.loads(sys.argv[2]): ws.append(row)\nwb.save(sys.argv[1])';
  execFileSync(uvPath(), ['run', '--frozen', 'python', '-c', script, path, JSON.stringify(rows)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return path;
}

/**
 * Submit a modal action form and wait for it to close. On a loaded machine a click that lands while the modal is
 * still zooming in can be lost; the submit button shows a spinner (and ignores clicks) while a request is under
 * way, so clicking again only ever re-sends a click that never arrived.
 */
export async function submitDialog(dialog, name = /提\s*交/) {
  const button = dialog.getByRole('button', { name });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await button.click();
    try {
      await dialog.waitFor({ state: 'hidden', timeout: 8_000 });
      return;
    } catch (error) {
      if (attempt === 2) throw error;
      if (await dialog.locator('.ant-alert-error, .ant-form-item-explain-error').count()) throw error;
    }
  }
}

/** Wait for a modal to close; when it does not, the failure says what the modal shows (an error, a field's rule). */
export async function waitClosed(dialog, timeout = 20_000) {
  try {
    await dialog.waitFor({ state: 'hidden', timeout });
  } catch (error) {
    const shown = await dialog.page().locator('.ant-modal-wrap:visible').allInnerTexts().catch(() => []);
    error.message += `\nstill open, showing: ${JSON.stringify(shown)}`;
    throw error;
  }
}
