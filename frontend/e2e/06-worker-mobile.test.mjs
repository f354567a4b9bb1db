import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, launch, login, newPage, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/** The worker needs an approved payslip: reuse one, or run and approve the month through the API. */
async function ensureApprovedPayslip() {
  const mine = await api('xq_worker', 'GET', '/api/payroll/v1/me/payslips');
  if (mine.length > 0) return;
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const month = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
  let run = await api('xq_town', 'POST', '/api/payroll/v1/runs', { region_code: '640104001', month });
  for (let i = 0; i < 120 && run.job_status !== 'succeeded'; i += 1) {
    assert.notEqual(run.job_status, 'failed', run.error ?? 'run failed');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    run = await api('xq_town', 'GET', `/api/payroll/v1/runs/${run.id}`);
  }
  await api('xq_finance', 'POST', `/api/payroll/v1/runs/${run.id}/approve`);
}

test("the worker reads this month's payslip line by line on a 375×812 phone", async () => {
  await ensureApprovedPayslip();
  const page = await newPage(browser, { width: 375, height: 812 });
  await login(page, 'xq_worker');
  await page.waitForURL(/\/me$/);
  const payslips = page.getByTestId('my-payslips');
  await payslips.waitFor();
  await payslips.locator('.ant-collapse-header').first().click();
  const lines = page.getByTestId('payslip-lines');
  await lines.waitFor();
  assert.ok((await lines.locator('tbody tr.ant-table-row').count()) >= 3);
  assert.match(await page.getByTestId('payslip-net').first().innerText(), /^¥[\d,]+\.\d{2}$/);
  // Nothing wider than the phone: no sideways scrolling of the page.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `page is ${width}px wide`);
  // The month's header is one line beside the panel's arrow (not the arrow on a line of its own above it).
  const header = payslips.locator('.ant-collapse-header').first();
  const arrow = await header.locator('.ant-collapse-expand-icon').boundingBox();
  const monthText = await header.getByTestId('my-payslip-month').locator('strong').first().boundingBox();
  assert.ok(Math.abs(arrow.y + arrow.height / 2 - (monthText.y + monthText.height / 2)) < 8, `arrow ${JSON.stringify(arrow)} month ${JSON.stringify(monthText)}`);
  await page.getByTestId('grade-level').waitFor();
  // The pay scheme reads as one line of text that wraps, not three narrow columns (name · place · date).
  const scheme = page.getByTestId('grade-scheme');
  const [text, cell] = await scheme.evaluate((element) => [element.getBoundingClientRect().width, element.parentElement.getBoundingClientRect().width]);
  assert.ok(text >= 0.9 * cell || (await scheme.evaluate((element) => element.getClientRects().length)) === 1, `the scheme's text is ${text}px of ${cell}px`);
  // Each step says its date once: "年限计算至 2026-12-01", not "… — 2026-12-01".
  const steps = await page.locator('.ant-timeline').first().innerText();
  assert.doesNotMatch(steps, /(\d{4}-\d{2}-\d{2})\s*—\s*\1/);
  // Training hours against the requirement of the worker's own post; a requirement of 0 hours is none.
  assert.match(await page.getByTestId('my-training').innerText(), /学时/);
  const requirement = await page.getByTestId('my-training-requirement').innerText();
  assert.match(requirement, /年度要求 [\d.]+ 学时|岗前培训要求 [\d.]+ 学时|没有学时要求/);
  assert.doesNotMatch(requirement, /要求 0(\.0+)? 学时/);
  await shot(page, 'worker-mobile');
});
