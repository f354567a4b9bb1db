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
  await page.getByTestId('grade-level').waitFor();
  // Training hours against the requirement of the worker's own post.
  assert.match(await page.getByTestId('my-training').innerText(), /学时/);
  assert.match(await page.getByTestId('my-training-requirement').innerText(), /年度要求 [\d.]+ 学时/);
  await shot(page, 'worker-mobile');
});
