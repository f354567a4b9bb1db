// The other main pages render real data for the role they are for, without a load error; screenshots for the README.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, launch, login, newPage, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

async function settled(page) {
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="loading"]').length === 0, null, { timeout: 30_000 });
  assert.equal(await page.getByTestId('load-error').count(), 0, 'no panel failed to load');
}

test('provincial dashboard: drill down from the province to a city', async () => {
  const page = await newPage(browser);
  await login(page, 'nx_admin');
  await page.waitForURL(/\/dashboard$/);
  await page.getByTestId('chart-regions').waitFor();
  await settled(page);
  await shot(page, 'dashboard-province');
  await page.getByRole('link', { name: '银川市' }).first().click();
  await page.waitForURL(/region=6401/);
  // The current place by its name (the code only on hover).
  await page.getByTestId('drilldown-current').getByText('银川市', { exact: true }).waitFor();
  await settled(page);
  await shot(page, 'dashboard-city');
});

test('pay-scheme editor shows the version in force', async () => {
  const page = await newPage(browser);
  await login(page, 'nx_admin');
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`${BASE}/pay-scheme`);
  await page.getByTestId('schemes-table').waitFor();
  await page.getByTestId('scheme-grade-pay').waitFor();
  await page.getByRole('tab', { name: '原始数据（专家）' }).click();
  const json = page.getByTestId('scheme-json');
  await json.waitFor();
  assert.ok((await json.inputValue()).trim().startsWith('{'));
  await settled(page);
  await shot(page, 'pay-scheme');
});

test('assessment: proposals and decisions with the excellent quota', async () => {
  const page = await newPage(browser);
  await login(page, 'xq_town');
  await page.waitForURL(/\/home$/);
  await page.goto(`${BASE}/assessment`);
  await page.getByTestId('assessments-table').waitFor();
  await page.getByTestId('excellent-quota').first().waitFor();
  await settled(page);
  // The unit is named, not coded (the code is on hover).
  assert.doesNotMatch(await page.getByTestId('excellent-quota').first().innerText(), /\d{9}/);
  await shot(page, 'assessment');
});

test('recruitment campaign step by step', async () => {
  const page = await newPage(browser);
  await login(page, 'xq_county');
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`${BASE}/recruitment`);
  await page.getByTestId('campaigns-table').waitFor();
  await page.getByTestId('campaigns-table').locator('tbody a').first().click();
  await page.getByTestId('campaign-steps').waitFor();
  await settled(page);
  await shot(page, 'recruitment');
});

test('the English interface', async () => {
  const page = await newPage(browser);
  await login(page, 'xq_town');
  await page.waitForURL(/\/home$/);
  await page.getByText('EN', { exact: true }).click();
  await page.getByText('What needs doing').waitFor();
  await settled(page);
  await shot(page, 'home-en');
  await page.getByText('中文', { exact: true }).click();
});
