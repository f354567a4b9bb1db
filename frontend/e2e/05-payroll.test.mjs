import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, launch, login, newPage, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('a payroll run from start to approval, with payslip lines and the 工资表 download', async () => {
  const officer = await newPage(browser);
  await login(officer, 'xq_town');
  await officer.waitForURL(/\/home$/);
  await officer.goto(`${BASE}/payroll`);
  const form = officer.getByTestId('start-run-form');
  await form.waitFor();
  // The most recent complete month that has no run yet for this township (a fresh stack: last month).
  const existing = await api('xq_town', 'GET', '/api/payroll/v1/runs?region=640104001&size=200');
  const taken = new Set(existing.items.map((run) => run.month));
  const now = new Date();
  let month;
  for (let back = 1; !month || taken.has(month); back += 1) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    month = `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  const monthInput = form.getByLabel('月份');
  await monthInput.click();
  await monthInput.fill(month);
  // Enter confirms the month in the picker, and submits the form like the button does.
  await monthInput.press('Enter');
  const started = await officer.waitForURL(/\/payroll\/runs\/[0-9a-f-]{36}$/, { timeout: 5_000 }).then(() => true, () => false);
  if (!started) {
    await form.getByRole('button', { name: /开始核算/ }).click();
    await officer.waitForURL(/\/payroll\/runs\/[0-9a-f-]{36}$/);
  }
  const runUrl = officer.url();
  await officer.getByTestId('run-state').filter({ hasText: '已核算，待审批' }).waitFor({ timeout: 90_000 });
  const table = officer.getByTestId('payslips-table');
  await table.waitFor();
  assert.ok((await table.locator('tbody tr.ant-table-row').count()) > 0, 'the run has payslips');
  await shot(officer, 'payroll-run');

  // Line by line: open the first payslip.
  await table.locator('tbody tr.ant-table-row').first().click();
  const lines = officer.getByTestId('payslip-lines');
  await lines.waitFor();
  assert.ok((await lines.locator('tbody tr.ant-table-row').count()) >= 3, 'a payslip has several lines');
  assert.match(await officer.getByTestId('payslip-net').innerText(), /^¥[\d,]+\.\d{2}$/);
  await officer.waitForTimeout(800); // let the drawer finish sliding in before the screenshot
  await shot(officer, 'payslip-lines');
  // The HR officer may not approve.
  await officer.keyboard.press('Escape');
  assert.equal(await officer.getByRole('button', { name: /审\s*批/ }).count(), 0);

  // The finance officer approves.
  const finance = await newPage(browser);
  await login(finance, 'xq_finance');
  await finance.waitForURL(/\/payroll$/);
  await finance.goto(runUrl);
  await finance.getByRole('button', { name: /审\s*批/ }).click();
  await finance.locator('.ant-popconfirm').getByRole('button', { name: /审\s*批/ }).click();
  await finance.getByTestId('run-state').filter({ hasText: '已审批' }).waitFor();

  // The 工资表 downloads as an Excel file.
  const [download] = await Promise.all([finance.waitForEvent('download'), finance.getByRole('button', { name: /下载工资表/ }).click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  await shot(finance, 'payroll-approved');

  // The payslip is on the worker's page too, under 工资条, for the HR officer.
  const slips = await api('xq_town', 'GET', `/api/payroll/v1/runs/${runUrl.split('/').pop()}/payslips?size=1`);
  await officer.goto(`${BASE}/workers/${slips.items[0].worker_id}`);
  await officer.getByRole('tab', { name: '工资条' }).click();
  const onWorkerPage = officer.getByTestId('worker-payslips');
  await onWorkerPage.waitFor();
  assert.match(await onWorkerPage.innerText(), new RegExp(month));
});
