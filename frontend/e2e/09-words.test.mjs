// Words, not codes (issue 14): every page of every demo login, in the Chinese interface, shows no raw
// snake_case code and no untranslated English, no region code (places by name, the code on hover: the
// header, the worker list and record, the statistics…) and no worker id (people by name: the audit trail).
// Text in <code> and form inputs is not read; codes in title attributes and tooltips are hover text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, launch, login, newPage } from './helpers.mjs';

const PAGES = {
  xq_town: ['/home', '/dashboard', '/workers', '/workers/new', '/workers/import', 'worker', '/recruitment', '/assessment', '/payroll', 'run', '/management', '/duties', '/audit'],
  xq_secretary: ['/home', '/workers', '/assessment', '/payroll'],
  xq_finance: ['/payroll', 'run', '/workers'],
  xq_county: ['/dashboard', '/workers', '/recruitment', '/assessment', 'cycle', '/management', '/audit', '/accounts', '/regions', '/posts', '/reference-figures'],
  yc_city: ['/dashboard', '/workers', '/payroll', '/reference-figures'],
  nx_admin: ['/dashboard', '/pay-scheme', '/reference-figures', '/posts', '/management', '/audit', '/accounts', '/regions'],
  xq_auditor: ['/dashboard', '/workers', 'worker', '/assessment', '/payroll', '/audit', '/accounts'],
  ss_town: ['/home', '/workers', '/payroll'],
  xq_worker: ['/me'],
};

// English a Chinese page may show: brand and file names, units and the language switch.
const ALLOWED = new Set(['EN', 'Excel', 'ID', 'PDF', 'XLSX', 'xlsx', 'GB', 'Q1', 'Q2', 'Q3', 'Q4']);

// Region management lists codes on purpose (a code is what a region is managed by).
const CODES_SHOWN = new Set(['/regions']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let browser;
/** Every region code of the demo (Ningxia's and Songshan's), of four digits or more. */
let regionCodes = new Set();
before(async () => {
  browser = await launch();
  const ningxia = await api('nx_admin', 'GET', '/api/registry/v1/regions?include_retired=true');
  const songshan = await api('ss_town', 'GET', '/api/registry/v1/regions?include_retired=true');
  regionCodes = new Set([...ningxia, ...songshan, { code: '150404' }, { code: '1504' }].map((r) => r.code).filter((code) => code.length >= 4));
  // An audited change naming a worker and a rule's approval steps, so the audit trail has one to word (the
  // registry's trail is empty in a fresh demo): a past secondment in 兴庆区新华街道, approved as the rule says.
  const worker = (await api('xq_town', 'GET', '/api/registry/v1/workers?size=1')).items[0];
  await api('xq_town', 'POST', '/api/registry/v1/secondments', {
    worker_id: worker.id, start_date: '2025-03-03', end_date: '2025-03-28', borrower: '兴庆区新华街道综合服务中心',
    borrower_level: 'township', approvals: [{ step: 'approve', body: '兴庆区委社会工作部', reference: '兴社工〔2025〕3号' }],
  });
});
after(async () => browser?.close());

async function settled(page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="loading"], .ant-spin-spinning').length === 0, null, { timeout: 30_000 }).catch(() => undefined);
}

/** The page's visible text without <code>, inputs and tooltips. */
async function visibleText(page) {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll('code, input, textarea, script, style, .ant-tooltip, [aria-hidden="true"]').forEach((node) => node.remove());
    return clone.innerText;
  });
}

/** Region codes and worker ids among the page's words (they belong in hover text only). */
function codes(text) {
  const found = new Set();
  for (const match of text.matchAll(/(?<![\d*.\-/])\d{4,12}(?![\d*.\-/])/g)) if (regionCodes.has(match[0])) found.add(match[0]);
  const id = UUID.exec(text);
  if (id) found.add(id[0]);
  return [...found];
}

function offences(text, path = '') {
  const found = new Set(CODES_SHOWN.has(path) ? [] : codes(text));
  for (const match of text.matchAll(/[A-Za-z][A-Za-z_.-]*[A-Za-z]/g)) {
    const word = match[0];
    if (ALLOWED.has(word)) continue;
    if (/\.(xlsx|csv|pdf)$/i.test(word)) continue; // a file's name as the user gave it: data, not a code
    found.add(word);
  }
  return [...found];
}

/** Every tab of a page (the worker's record: history, education and certificates, …), each read in turn. */
async function tabOffences(page, path) {
  const found = [];
  const tabs = page.getByRole('tab');
  for (let index = 1; index < (await tabs.count()); index += 1) {
    const tab = tabs.nth(index);
    const name = await tab.innerText();
    await tab.click();
    await settled(page);
    const words = offences(await visibleText(page), path);
    if (words.length) found.push(`${path} › ${name}: ${words.join(', ')}`);
  }
  return found;
}

async function resolve(page, path) {
  if (path === 'worker') {
    await page.goto(`${BASE}/workers`);
    await page.getByTestId('workers-table').locator('tbody a').first().waitFor();
    return page.getByTestId('workers-table').locator('tbody a').first().getAttribute('href');
  }
  if (path === 'cycle') {
    // The detail page of the cycle the assessment page shows first (the latest year with one).
    await page.goto(`${BASE}/assessment`);
    await settled(page);
    const link = page.getByTestId('cycle-detail-link');
    return (await link.count()) ? link.getAttribute('href') : null;
  }
  if (path === 'run') {
    await page.goto(`${BASE}/payroll`);
    await settled(page);
    const link = page.getByTestId('runs-table').locator('tbody a').first();
    return (await link.count()) ? link.getAttribute('href') : null;
  }
  return path;
}

for (const [username, paths] of Object.entries(PAGES)) {
  test(`${username}: every page in Chinese words`, async () => {
    const page = await newPage(browser);
    await login(page, username);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const problems = [];
    for (const entry of paths) {
      const path = await resolve(page, entry);
      if (!path) continue;
      await page.goto(`${BASE}${path}`);
      await settled(page);
      const words = offences(await visibleText(page), path);
      if (words.length) problems.push(`${path}: ${words.join(', ')}`);
      if (entry === 'worker' || path === '/management') problems.push(...(await tabOffences(page, path)));
    }
    await page.context().close();
    assert.deepEqual(problems, [], `raw codes or English on ${username}'s pages`);
  });
}
