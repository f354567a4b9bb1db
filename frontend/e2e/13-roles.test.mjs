// Each remaining role's main job from the README, from the login page to a result checked through the API
// (issue 14): the county opens an assessment cycle; the party secretary proposes, the township decides and
// publishes the notice, then finalises once it is over; the auditor reads the audit trail and cannot write;
// the provincial admin drills the dashboard down to a county.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { uvPath } from '../scripts/tools.mjs';
import { BASE, api, launch, login, newPage, token } from './helpers.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const COUNTY = '640104';
const TOWNSHIP = '640104001';
const COMMUNITY = '640104001001';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/** SQL on the stack's assessment database: the only way to let a public notice's days pass in a test. */
function assessmentSql(sql) {
  const admin = process.env.CWM_TEST_PG ?? process.env.DATABASE_URL;
  assert.ok(admin, 'CWM_TEST_PG or DATABASE_URL names the stack server');
  const url = new URL(admin);
  url.pathname = `/${process.env.E2E_DB_PREFIX ?? 'cwm_e2e'}_assessment`;
  // Through the project's own Python (asyncpg), by the path the Makefile installed uv to: no psql assumed.
  const script = 'import asyncio, sys, asyncpg\n'
    + 'async def main():\n'
    + '    connection = await asyncpg.connect(sys.argv[1])\n'
    + '    try:\n'
    + '        print(await connection.execute(sys.argv[2]))\n'
    + '    finally:\n'
    + '        await connection.close()\n'
    + 'asyncio.run(main())';
  return execFileSync(uvPath(), ['run', '--frozen', 'python', '-c', script, url.toString(), sql], { cwd: root, encoding: 'utf8' });
}

async function cyclesOfCounty() {
  const cycles = await api('xq_county', 'GET', '/api/assessment/v1/cycles');
  return (cycles.items ?? cycles).filter((cycle) => cycle.county_code === COUNTY);
}

/** The assessment page of the cycle's year (the page opens on the latest finished year). */
async function openAssessmentYear(page, year) {
  await page.goto(`${BASE}/assessment`);
  await page.getByLabel('年度').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${year}年` }).click();
  await page.getByTestId('cycle-summary').getByText(new RegExp(`${year + 1}-\\d\\d-\\d\\d`)).first().waitFor(); // its deadlines fall in the next year
}

async function assessments(username, cycleId) {
  const page = await api(username, 'GET', `/api/assessment/v1/cycles/${cycleId}/assessments?size=200`);
  return page.items ?? page;
}

test('county: opens the year\'s assessment cycle and lists the assessees', async () => {
  const year = new Date().getFullYear();
  const existing = await cyclesOfCounty();
  if (existing.some((cycle) => cycle.year === year)) return; // a re-run against the same stack: done before
  const page = await newPage(browser);
  await login(page, 'xq_county');
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`${BASE}/assessment`);
  await page.getByTestId('open-cycle').click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await dialog.waitFor({ state: 'hidden' }); // opened: the page has moved to the new cycle (an older one showed before)
  await page.getByTestId('cycle-summary').waitFor();
  await page.getByTestId('import-assessees').click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /导\s*入/ }).click();
  await page.getByTestId('assessments-table').locator('tbody tr.ant-table-row').first().waitFor();

  const opened = (await cyclesOfCounty()).find((cycle) => cycle.year === year);
  assert.ok(opened, 'the API lists the new cycle');
  const listed = await assessments('xq_county', opened.id);
  assert.ok(listed.length > 0, 'assessees imported from the registry');
  assert.ok(listed.every((row) => row.status === 'pending'));
});

test('party secretary proposes; the township decides and publishes the notice, then finalises after it', async () => {
  const year = new Date().getFullYear();
  let cycle = (await cyclesOfCounty()).find((c) => c.year === year);
  if (!cycle) {
    cycle = await api('xq_county', 'POST', '/api/assessment/v1/cycles', { year, county_code: COUNTY });
    await api('xq_county', 'POST', `/api/assessment/v1/cycles/${cycle.id}/assessees/import`);
  }
  const pending = (await assessments('xq_secretary', cycle.id)).find((row) => row.status === 'pending' && row.community_code === COMMUNITY);
  assert.ok(pending, 'a pending assessee in the secretary\'s community');

  // The secretary: a proposal with the dimension scores, a result and a reason.
  const secretary = await newPage(browser);
  await login(secretary, 'xq_secretary');
  await secretary.waitForURL((url) => !url.pathname.startsWith('/login'));
  await openAssessmentYear(secretary, year);
  const row = secretary.getByTestId('assessments-table').locator('tr', { hasText: pending.worker_name }).first();
  await row.getByRole('button', { name: /建\s*议/ }).click();
  const modal = secretary.locator('.ant-modal:visible');
  for (const input of await modal.locator('input.ant-input-number-input').all()) await input.fill('85');
  await modal.locator('.ant-select').first().click();
  await secretary.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^合格$/ }).click();
  await modal.locator('textarea').fill('年度工作完成良好，群众评价较好');
  await modal.getByRole('button', { name: /提交建议/ }).click();
  await modal.waitFor({ state: 'hidden' });
  let now = await api('xq_town', 'GET', `/api/assessment/v1/assessments/${pending.id}`);
  assert.equal(now.status, 'proposed');
  assert.equal(now.proposed_result, 'competent');

  // The township: decides every proposal as proposed and starts the public notice.
  const town = await newPage(browser);
  await login(town, 'xq_town');
  await town.waitForURL(/\/home$/);
  await openAssessmentYear(town, year);
  await town.getByTestId('publish-notice').click();
  await town.locator('.ant-popconfirm:visible').getByRole('button', { name: /决定并公示/ }).click();
  await town.getByTestId('assessments-table').locator('tr', { hasText: pending.worker_name }).getByText('公示中').or(town.getByText(/已决定 \d+ 人/)).first().waitFor();
  now = await api('xq_town', 'GET', `/api/assessment/v1/assessments/${pending.id}`);
  assert.equal(now.status, 'notice');
  assert.equal(now.result, 'competent');
  assert.ok(now.notice_until, 'a notice period');

  // The notice days pass (the only step not through the UI), then the township finalises.
  assessmentSql(`UPDATE assessment SET notice_from = current_date - 10, notice_until = current_date - 1 WHERE id = '${pending.id}'`);
  await openAssessmentYear(town, year);
  await town.getByTestId('finalize-unit').click();
  await town.locator('.ant-popconfirm:visible').getByRole('button', { name: /定\s*档/ }).click();
  await town.getByText(/已定档 \d+ 人/).waitFor();
  now = await api('xq_town', 'GET', `/api/assessment/v1/assessments/${pending.id}`);
  assert.equal(now.status, 'final');
  assert.equal(now.result, 'competent');
});

test('auditor: reads the audit trail of each service, and cannot write', async () => {
  const page = await newPage(browser);
  await login(page, 'xq_auditor');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE}/audit`);
  // The assessment service's trail (the cycle opened above is in it), then the payroll service's.
  // Wait for the assessment trail's answer: the registry's rows shown before it would pass a bare row wait.
  await Promise.all([
    page.waitForResponse((response) => response.url().includes('/api/assessment/v1/audit') && response.ok()),
    page.getByTestId('audit-filters').getByText('考核', { exact: true }).click(),
  ]);
  const table = page.getByTestId('audit-table');
  await table.locator('tbody tr.ant-table-row').first().waitFor();
  const fromApi = await api('xq_auditor', 'GET', '/api/assessment/v1/audit?page=1&size=20');
  assert.ok(fromApi.total > 0);
  await page.waitForFunction((expected) => document.querySelectorAll('[data-testid="audit-table"] tbody tr.ant-table-row').length === expected,
    fromApi.items.length, { timeout: 5000 }).catch(() => {});
  assert.equal(await table.locator('tbody tr.ant-table-row').count(), fromApi.items.length);
  // Each entry names who acted, as the API records them.
  assert.match(await table.locator('tbody tr.ant-table-row').first().innerText(), new RegExp(fromApi.items[0].actor_name));
  await Promise.all([
    page.waitForResponse((response) => response.url().includes('/api/payroll/v1/audit') && response.ok()),
    page.getByTestId('audit-filters').getByText('薪酬', { exact: true }).click(),
  ]);
  // No way to write in the UI: no register, import or edit on the workers' pages.
  await page.goto(`${BASE}/workers`);
  await page.getByTestId('workers-table').locator('tbody a').first().waitFor();
  // (Workers the other tests registered may be named 测试登记 or 导入甲: their links are not actions.)
  assert.equal(await page.locator('a[href="/workers/new"], a[href="/workers/import"]').count(), 0);
  assert.equal(await page.getByRole('button', { name: /登记|导入/ }).count(), 0);
  // And the API refuses: a worker edit and a payroll run start.
  const bearer = { Authorization: `Bearer ${await token('xq_auditor')}`, 'Content-Type': 'application/json' };
  const workers = await api('xq_auditor', 'GET', '/api/registry/v1/workers?size=1');
  const patch = await fetch(`${BASE}/api/registry/v1/workers/${workers.items[0].id}`, { method: 'PATCH', headers: { ...bearer, 'If-Match': '*' }, body: JSON.stringify({ phone: '13900000000' }) });
  assert.equal(patch.status, 403);
  const run = await fetch(`${BASE}/api/payroll/v1/runs`, { method: 'POST', headers: bearer, body: JSON.stringify({ region_code: TOWNSHIP, month: '2025-01' }) });
  assert.equal(run.status, 403);
});

test('provincial admin: dashboard drill-down from the province to a county, figures as the API gives them', async () => {
  const page = await newPage(browser);
  await login(page, 'nx_admin');
  await page.waitForURL(/\/dashboard$/);
  await page.getByTestId('chart-regions').waitFor();
  await page.getByRole('link', { name: '银川市' }).first().click();
  await page.waitForURL(/region=6401\b/);
  await page.getByRole('link', { name: '兴庆区' }).first().click();
  await page.waitForURL(/region=640104\b/);
  await page.getByTestId('drilldown-current').getByText('兴庆区', { exact: true }).waitFor();
  const stats = await api('nx_admin', 'GET', `/api/registry/v1/stats?region=${COUNTY}`);
  const headcount = page.locator('.ant-statistic', { hasText: '在岗人数' }).locator('.ant-statistic-content-value');
  await headcount.waitFor();
  assert.equal((await headcount.innerText()).replace(/,/g, ''), String(stats.headcount));
});

test('people by name: the township officer sees who approved a payroll run by name, as the registry names the account', async () => {
  const runs = await api('xq_town', 'GET', `/api/payroll/v1/runs?region=${TOWNSHIP}&size=50`);
  const approved = runs.items.find((run) => run.approved_by);
  if (!approved) return; // no approved run on this stack yet (05/10/12 approve some)
  const account = await api('xq_town', 'GET', `/api/registry/v1/accounts/${approved.approved_by}`);
  const page = await newPage(browser);
  await login(page, 'xq_town');
  await page.waitForURL(/\/home$/);
  await page.goto(`${BASE}/payroll/runs/${approved.id}`);
  await page.getByText(account.display_name || account.username, { exact: false }).first().waitFor();
});
