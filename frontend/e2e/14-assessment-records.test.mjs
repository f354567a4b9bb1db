// Results from before the system and probation cases, done in the browser by the township HR officer
// (issue 10): a past year's result entered by picking the worker by name, then corrected with a reason (a new
// revision); probation cases opened for probations ending by a date. Each result is checked through the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, launch, login, newPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('a past year’s result is entered by name, then corrected with a reason', async () => {
  // A year the worker was employed in: a result for a year before the hire is refused (not_employed_that_year).
  const year = 2018;
  const workers = await api('xq_town', 'GET', '/api/registry/v1/workers?page=1&size=100&status=active');
  const worker = workers.items.find((w) => w.hired_on < `${year}-01-01`);
  assert.ok(worker, 'a demo worker hired before 2018');
  const page = await newPage(browser);
  await login(page, 'xq_town');
  await page.waitForURL(/\/home$/);
  await page.goto(`${BASE}/assessment/historical`);
  const form = page.getByTestId('historical-form');
  await form.getByLabel('工作者').click();
  await form.getByLabel('工作者').fill(worker.name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: worker.name }).first().click();
  await form.getByLabel('年度').fill(String(year));
  await form.getByLabel('考核结果').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '优秀' }).first().click();
  await form.getByLabel('依据文件').fill('兴庆区委组织部〔2019〕3号');
  await form.getByRole('button', { name: /录\s*入/ }).click();
  // The toast, not the card title 已录入的历史结果 that is on the page from the start.
  await page.locator('.ant-message').getByText('已录入', { exact: true }).waitFor();

  const entered = (await api('xq_town', 'GET', '/api/assessment/v1/historical-results')).find(
    (r) => r.worker_id === worker.id && r.year === year,
  );
  assert.ok(entered, 'the result is stored for the worker picked by name');
  assert.equal(entered.result, 'excellent');
  assert.equal(entered.revision, 1);

  const row = page.getByTestId('historical-list').locator('tr', { hasText: worker.name }).filter({ hasText: String(year) });
  await row.getByRole('button', { name: /更\s*正/ }).click();
  const correction = page.getByTestId('historical-correction');
  await correction.getByLabel('考核结果').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^合格$/ }).first().click();
  await correction.getByLabel('更正理由').fill('原始档案核对有误');
  await page.getByRole('button', { name: '保存更正' }).click();
  await page.locator('.ant-message').getByText(/^已更正/).waitFor();

  const corrected = (await api('xq_town', 'GET', '/api/assessment/v1/historical-results')).find((r) => r.id === entered.id);
  assert.equal(corrected.result, 'competent');
  assert.equal(corrected.revision, 2);
});

test('probation cases are opened for probations ending by a date and listed', async () => {
  const page = await newPage(browser);
  await login(page, 'xq_town');
  await page.waitForURL(/\/home$/);
  await page.goto(`${BASE}/assessment/probation`);
  await page.getByTestId('probation-open').getByRole('button', { name: /开启考核/ }).click();
  const done = page.getByText(/新开启 \d+ 件，已有 \d+ 件/).first();
  await done.waitFor();
  const opened = Number((await done.textContent()).match(/新开启 (\d+) 件/)[1]);
  const cases = await api('xq_town', 'GET', '/api/assessment/v1/probation-cases');
  assert.ok(cases.length >= opened, 'every case opened is listed through the API');
  await page.getByTestId('probation-list').waitFor();
  for (const item of cases.slice(0, 3)) {
    await page.getByTestId('probation-list').getByText(item.worker_name).first().waitFor();
  }
});
