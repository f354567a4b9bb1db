// The audit trail in words (UI audit 2026-12-03, findings 6 and 7): for the auditor and the provincial admin, each
// service's trail (人员档案, 薪酬, 考核) shows, for the entries it makes, no raw code, no English and no worker id — a run's calculation and bank
// file, a quota exception the county asks for and the province rejects, a cycle's list with the workers left out —
// and the auditor's page asks the registry for no account (a provincial officer's is outside their jurisdiction: 404).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, launch, loggedIn, token } from './helpers.mjs';

const TOWNSHIP = '640104001';
const COMMUNITY = '640104001002';
// English a Chinese page may show (09-words' list): brand and file names, units and the language switch.
const ALLOWED = new Set(['EN', 'Excel', 'ID', 'PDF', 'XLSX', 'xlsx', 'GB']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let browser;
before(async () => {
  browser = await launch();
  // A quota exception the county asks for and the province rejects.
  const asked = await api('xq_county', 'POST', '/api/registry/v1/quota/exceptions', { region_code: COMMUNITY, extra_posts: 1, reason: '新建小区入住，服务人口增加' });
  await api('nx_admin', 'POST', `/api/registry/v1/quota/exceptions/${asked.id}/decision`, { decision: 'reject', note: '不符合编额例外条件' });
  // A run calculated, approved and its bank file made (CSV), in a month the township has no run for yet.
  const taken = new Set((await api('xq_town', 'GET', `/api/payroll/v1/runs?region=${TOWNSHIP}&size=200`)).items.map((run) => run.month));
  const month = ['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08'].find((candidate) => !taken.has(candidate));
  assert.ok(month, 'a month without a run');
  const run = await api('xq_town', 'POST', '/api/payroll/v1/runs', { region_code: TOWNSHIP, month });
  for (let i = 0; ; i += 1) {
    const now = await api('xq_town', 'GET', `/api/payroll/v1/runs/${run.id}`);
    if (now.state === 'calculated' && now.job_status === 'succeeded') break;
    assert.notEqual(now.job_status, 'failed', now.error ?? 'the run failed');
    assert.ok(i < 120, 'the run was not calculated in time');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await api('xq_cashier', 'POST', `/api/payroll/v1/runs/${run.id}/approve`);
  const file = await fetch(`${BASE}/api/payroll/v1/runs/${run.id}/bank-file?format=csv`, { headers: { Authorization: `Bearer ${await token('xq_finance')}` } });
  assert.equal(file.status, 200, await file.text());
});
after(async () => browser?.close());

/** The audit table's visible words: without <code> (a checksum), tooltips and hidden parts. */
async function tableText(page) {
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid="audit-table"]');
    if (!table) return '';
    const clone = table.cloneNode(true);
    clone.querySelectorAll('code, .ant-tooltip, [aria-hidden="true"]').forEach((node) => node.remove());
    return clone.innerText;
  });
}

/** The table's words once its lookups (workers, places) have answered. */
async function settledText(page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(300);
  return tableText(page);
}

// The entries this test makes (and the demo's cycle entries), by their action's words: in the whole e2e suite the
// first page also holds other tests' entries (applicants, tax declarations, assessment plans), which this test does
// not vouch for.
const CHECKED = {
  registry: /编额例外/,
  payroll: /完成核算|生成银行代发文件|审批/,
  assessment: null, // its demo entries are checked below through the action filter (确定考核名单)
};

/** The visible words of the table's rows whose text matches `pattern`. */
async function rowsText(page, pattern) {
  const rows = await page.evaluate(() => [...document.querySelectorAll('[data-testid="audit-table"] tbody tr.ant-table-row')]
    .map((row) => {
      const clone = row.cloneNode(true);
      clone.querySelectorAll('code, .ant-tooltip, [aria-hidden="true"]').forEach((node) => node.remove());
      return clone.innerText;
    }));
  return rows.filter((row) => pattern.test(row)).join('\n');
}

function offences(text) {
  const found = new Set();
  const id = UUID.exec(text);
  if (id) found.add(id[0]);
  for (const match of text.matchAll(/[A-Za-z][A-Za-z_.-]*[A-Za-z]/g)) if (!ALLOWED.has(match[0])) found.add(match[0]);
  return [...found];
}

const SERVICES = [
  ['人员档案', 'registry'],
  ['薪酬', 'payroll'],
  ['考核', 'assessment'],
];

for (const username of ['xq_auditor', 'nx_admin']) {
  test(`${username}: every service's audit trail in words, no account asked for`, async () => {
    const page = await loggedIn(browser, username);
    const accounts = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/registry/v1/accounts/')) accounts.push(request.url());
    });
    const problems = [];
    const shown = {};
    await Promise.all([
      page.waitForResponse((response) => response.url().includes('/api/registry/v1/audit') && response.ok()),
      page.goto(`${BASE}/audit`),
    ]);
    for (const [tab, service] of SERVICES) {
      if (service !== 'registry') {
        await Promise.all([
          page.waitForResponse((response) => response.url().includes(`/api/${service}/v1/audit`) && response.ok()),
          page.getByTestId('audit-filters').getByText(tab, { exact: true }).click(),
        ]);
      }
      await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
      const text = await settledText(page);
      shown[service] = text;
      if (CHECKED[service]) {
        const words = offences(await rowsText(page, CHECKED[service]));
        if (words.length) problems.push(`${tab}: ${words.join(', ')}`);
      }
    }
    // The cycles' lists (the demo's 2025 list of 兴庆区 leaves out a worker who left): by the action filter, so other
    // tests' entries do not push them off the first page.
    await page.getByTestId('audit-filters').locator('.ant-select', { hasText: '操作' }).first().click();
    await page.keyboard.type('确定考核名单');
    await Promise.all([
      page.waitForResponse((response) => response.url().includes('/api/assessment/v1/audit') && response.url().includes('action=cycle.assessees.add') && response.ok()),
      page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '确定考核名单' }).first().click(),
    ]);
    await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
    const lists = await settledText(page);
    const words = offences(lists);
    if (words.length) problems.push(`确定考核名单: ${words.join(', ')}`);
    await page.context().close();
    assert.deepEqual(problems, [], `raw codes, English or ids in ${username}'s audit trail`);
    // What the findings named, now in words.
    assert.match(shown.registry, /申请编额例外/);
    assert.match(shown.registry, /驳回编额例外/);
    assert.match(shown.registry, /待审批 → 已驳回/);
    assert.match(shown.registry, /审批人：— → 宁夏民政厅管理员/);
    assert.doesNotMatch(shown.registry, /其他用户/);
    assert.match(shown.payroll, /生成银行代发文件/);
    assert.match(shown.payroll, /完成核算/);
    assert.match(shown.payroll, /文件格式：文本文件（逗号分隔）/);
    assert.match(lists, /名单来源：人员库/);
    assert.match(lists, /未列入：[^：]*（年底前已离岗）/);
    assert.deepEqual(accounts, [], 'no account looked up by id');
  });
}
