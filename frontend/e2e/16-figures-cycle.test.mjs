// Issue 14's last pages: the provincial admin adds a version of a wage figure pay policy refers to (checked
// through the payroll API, and refused to a county officer), and the county officer opens an assessment cycle's
// detail page from the assessment page (its plan in words; another province's officer is refused it).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, chooseIn, launch, loggedIn, shot, token } from './helpers.mjs';

const COUNTY = '640104';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('the provincial admin adds a reference figure version; a county officer may not', async () => {
  const before = await api('nx_admin', 'GET', '/api/payroll/v1/reference-figures?region=64&year=2025');
  const page = await loggedIn(browser, 'nx_admin');
  await page.getByRole('menuitem', { name: '工资参考数据' }).click();
  await page.getByTestId('figures-table').waitFor();
  await page.getByTestId('add-figure').click();
  const modal = page.getByRole('dialog');
  await chooseIn(page, modal, '地区', '宁夏');
  await modal.getByLabel('年度', { exact: true }).fill('2025');
  await chooseIn(page, modal, '项目', '社保缴费基数上限');
  await modal.getByLabel('数值', { exact: true }).fill('23456.78');
  await chooseIn(page, modal, '状态', '正式公布');
  const date = modal.getByLabel('公布日期', { exact: true });
  await date.click();
  await date.fill('2026-03-01');
  await date.press('Enter');
  await modal.getByLabel('来源', { exact: true }).fill('自治区人社厅 2026 年第 3 号通知');
  await modal.getByRole('button', { name: /提\s*交/ }).click();
  await modal.waitFor({ state: 'hidden' });

  const after = await api('nx_admin', 'GET', '/api/payroll/v1/reference-figures?region=64&year=2025');
  const added = after.filter((f) => !before.some((b) => b.id === f.id));
  assert.equal(added.length, 1);
  assert.equal(added[0].region_code, '64');
  assert.equal(added[0].kind, 'si_base_ceiling');
  assert.equal(added[0].value, '23456.78');
  assert.equal(added[0].status, 'official');
  assert.equal(added[0].published_on, '2026-03-01');
  const row = page.getByTestId('figures-table').locator('tr', { hasText: '自治区人社厅 2026 年第 3 号通知' });
  await row.getByText('¥23,456.78').waitFor();
  await row.getByText('社保缴费基数上限').waitFor();
  await row.getByText('正式公布').waitFor();
  await shot(page, 'reference-figures');

  // The county officer reads the figures but has no add button, and the API refuses the write.
  const county = await loggedIn(browser, 'xq_county');
  await county.goto(`${BASE}/reference-figures`);
  await county.getByTestId('figures-table').waitFor();
  assert.equal(await county.getByTestId('add-figure').count(), 0);
  const refused = await fetch(`${BASE}/api/payroll/v1/reference-figures`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await token('xq_county')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ region_code: COUNTY, year: 2025, kind: 'avg_wage_annual', value: '1', status: 'provisional', published_on: '2026-03-01' }),
  });
  assert.equal(refused.status, 403);
  // The city officer may add, but only inside the city: Inner Mongolia is not found for Yinchuan.
  const outside = await fetch(`${BASE}/api/payroll/v1/reference-figures`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await token('yc_city')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ region_code: '15', year: 2025, kind: 'avg_wage_annual', value: '1', status: 'provisional', published_on: '2026-03-01' }),
  });
  assert.equal(outside.status, 404);
  await page.context().close();
  await county.context().close();
});

test('the county officer opens a cycle\'s detail page; another province\'s officer is refused it', async () => {
  const cycles = await api('xq_county', 'GET', '/api/assessment/v1/cycles?year=2025');
  const cycle = (cycles.items ?? cycles).find((c) => c.county_code === COUNTY);
  assert.ok(cycle, 'the demo data has Xingqing\'s 2025 cycle');
  const page = await loggedIn(browser, 'xq_county');
  await page.goto(`${BASE}/assessment`);
  await page.getByLabel('年度').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2025年' }).click();
  await page.getByTestId('cycle-summary').getByText('2026-').first().waitFor();
  await page.getByTestId('cycle-detail-link').click();
  await page.waitForURL(`**/assessment/cycles/${cycle.id}`);
  const detail = page.getByTestId('cycle-detail');
  await detail.getByText('兴庆区').waitFor();
  await detail.getByText(cycle.deadlines.proposal).waitFor();
  await page.getByRole('heading', { name: cycle.name }).waitFor();
  await page.getByTestId('cycle-dimensions').getByText('政治素质').waitFor();
  await page.getByTestId('cycle-dimensions').getByText('居民满意度测评').waitFor();
  await page.getByTestId('cycle-plan').getByText(`${cycle.plan.required_months} 个月`).waitFor();
  await page.getByTestId('cycle-progress').waitFor();
  await shot(page, 'cycle-detail');
  await page.context().close();

  const other = await loggedIn(browser, 'ss_town');
  await other.goto(`${BASE}/assessment/cycles/${cycle.id}`);
  await other.getByTestId('not-found').waitFor();
  await other.context().close();
});
