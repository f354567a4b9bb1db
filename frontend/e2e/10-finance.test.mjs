import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { BASE, api, choose, launch, login, newPage, pickDate, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

const TOWNSHIP = '640104001';

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** A month with no run for the township yet (test 05 takes the latest; this one the next free before it). */
async function freeMonth() {
  const existing = await api('xq_town', 'GET', `/api/payroll/v1/runs?region=${TOWNSHIP}&size=200`);
  const taken = new Set(existing.items.map((run) => run.month));
  const now = new Date();
  for (let back = 2; ; back += 1) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    const month = `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
    if (!taken.has(month)) return month;
  }
}

async function calculatedRun(month) {
  const run = await api('xq_town', 'POST', '/api/payroll/v1/runs', { region_code: TOWNSHIP, month });
  for (let i = 0; i < 120; i += 1) {
    const now = await api('xq_town', 'GET', `/api/payroll/v1/runs/${run.id}`);
    if (now.state === 'calculated' && now.job_status === 'succeeded') return now;
    assert.notEqual(now.job_status, 'failed', now.error ?? 'the run failed');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('the run was not calculated in time');
}

test('finance: bank file totals the run, paid with its checksum, withholding export; the worker downloads a payslip PDF', async () => {
  const month = await freeMonth();
  let run = await calculatedRun(month);
  // Approved by the cashier through the API: whoever approves may not mark it paid (separation of duties).
  await api('xq_cashier', 'POST', `/api/payroll/v1/runs/${run.id}/approve`);

  // The approver is offered neither 标记已发放 (separation of duties) nor 重新核算/取消核算 (finance officers never
  // prepare runs); the page names who started and who approved the run with their role, a space before the time.
  const cashier = await newPage(browser);
  await login(cashier, 'xq_cashier');
  await cashier.waitForURL(/\/payroll$/);
  await cashier.goto(`${BASE}/finance`);
  const own = cashier.getByTestId('runs-to-pay').locator('tr', { hasText: month });
  await own.getByTestId('pay-by-another').waitFor();
  assert.equal(await own.getByTestId('mark-paid').count(), 0);
  await cashier.goto(`${BASE}/payroll/runs/${run.id}`);
  const started = cashier.getByTestId('run-totals').getByTestId('actor-at').first();
  await started.filter({ hasText: /（街道人事专员） \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/ }).waitFor();
  await cashier.getByTestId('run-totals').getByTestId('actor-at').filter({ hasText: /（本人） \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/ }).waitFor();
  for (const id of ['pay-run', 'recalculate-run', 'cancel-run', 'approve-run']) assert.equal(await cashier.getByTestId(id).count(), 0, id);
  await cashier.close();

  // The auditor reads /finance: no bank file, no 标记已发放, no withholding export.
  const auditor = await newPage(browser);
  await login(auditor, 'xq_auditor');
  await auditor.waitForURL((url) => !url.pathname.startsWith('/login'));
  await auditor.goto(`${BASE}/finance`);
  const seen = auditor.getByTestId('runs-to-pay').locator('tr', { hasText: month });
  await seen.waitFor();
  assert.equal(await seen.getByTestId('mark-paid').count() + await seen.getByTestId('bank-file-csv').count(), 0);
  assert.equal(await auditor.getByRole('tab', { name: '个税扣缴申报' }).count(), 0);
  await auditor.close();

  // Bank accounts on the worker page: full for the township's HR officer, corrected in the edit form.
  const slips = await api('xq_town', 'GET', `/api/payroll/v1/runs/${run.id}/payslips?size=1`);
  const workerId = slips.items[0].worker_id;
  const town = await newPage(browser);
  await login(town, 'xq_town');
  await town.waitForURL(/\/home$/);
  await town.goto(`${BASE}/workers/${workerId}/edit`);
  const branch = town.getByLabel('开户网点');
  await branch.fill('兴庆区解放街支行');
  await town.getByTestId('worker-form').getByRole('button', { name: /保\s*存|提\s*交/ }).click();
  await town.waitForURL(new RegExp(`/workers/${workerId}$`));
  const bank = await town.getByTestId('worker-bank').innerText();
  assert.match(bank, /兴庆区解放街支行 \d{16,19}$/, 'the HR officer sees the whole account');

  // The finance officer: the bank file as CSV (total = the run's net) and as Excel, then paid with its checksum.
  const finance = await newPage(browser);
  await login(finance, 'xq_finance');
  await finance.waitForURL(/\/payroll$/);
  await finance.goto(`${BASE}/finance`);
  const row = finance.getByTestId('runs-to-pay').locator('tr', { hasText: month });
  await row.waitFor();
  const csv = await download(finance, () => row.getByTestId('bank-file-csv').click());
  assert.match(csv.name, new RegExp(`代发-${TOWNSHIP}-${month}\\.csv$`));
  const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((line) => line.split(','));
  assert.deepEqual(lines[0].slice(0, 4), ['序号', '姓名', '账号', '金额']);
  const totals = lines.at(-1);
  assert.equal(totals[0], '合计');
  run = await api('xq_finance', 'GET', `/api/payroll/v1/runs/${run.id}`);
  assert.equal(totals[3], run.net_total, 'the bank file totals the run’s net');
  const sum = lines.slice(1, -1).reduce((cents, line) => cents + Math.round(Number(line[3]) * 100), 0);
  assert.equal((sum / 100).toFixed(2), run.net_total);

  const xlsx = await download(finance, () => row.getByTestId('bank-file-xlsx').click());
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
  const checksum = createHash('sha256').update(xlsx.bytes).digest('hex');
  await row.getByTestId('bank-file-checksum').filter({ hasText: checksum }).waitFor();
  await shot(finance, 'finance-bank-file');
  await row.getByTestId('mark-paid').click();
  await finance.locator('.ant-popconfirm').getByRole('button', { name: /标记已发放/ }).click();
  await finance.getByTestId('paid-runs').locator('tr', { hasText: month }).filter({ hasText: checksum }).waitFor();
  run = await api('xq_finance', 'GET', `/api/payroll/v1/runs/${run.id}`);
  assert.equal(run.state, 'paid');
  assert.equal(run.bank_file_sha256, checksum, 'the checksum of the file sent is kept with the run');
  assert.equal(run.bank_file_by, run.paid_by);

  // The month's withholding declaration.
  await finance.getByRole('tab', { name: '个税扣缴申报' }).click();
  await pickDate(finance, '申报月份', month);
  const withholding = await download(finance, () => finance.getByTestId('download-withholding').click());
  assert.match(withholding.name, new RegExp(`正常工资薪金所得-${TOWNSHIP}-${month}\\.xlsx$`));
  assert.equal(withholding.bytes.subarray(0, 2).toString(), 'PK');

  // The worker: declares a deduction (words and caps from the tax rules) and downloads the month's payslip PDF.
  const worker = await newPage(browser, { width: 390, height: 844 });
  await login(worker, 'xq_worker');
  await worker.waitForURL(/\/me$/);
  await worker.getByTestId('my-tax-link').click();
  await worker.waitForURL(/\/me\/tax$/);
  await worker.getByTestId('declare').click();
  await choose(worker, '扣除项目', '住房租金');
  await worker.getByLabel('情形', { exact: true }).click();
  // Each case of the deduction shows its cap.
  const option = worker.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /每月 ¥[\d,]+\.\d{2}/ }).first();
  await option.waitFor();
  await option.click();
  await worker.getByLabel('每月扣除金额（元）').fill('800');
  await worker.getByLabel('扣除依据').fill('银川市租房，租赁合同 2025-001');
  await worker.locator('.ant-modal').getByRole('button', { name: /提\s*交/ }).click();
  await worker.getByTestId('declarations-table').locator('tr', { hasText: '住房租金' }).waitFor();
  // How the year-end one-off bonus is taxed this year (全年一次性奖金): the rule shown, 单独计税 chosen and saved.
  await worker.getByTestId('bonus-method-rule').waitFor();
  await worker.getByTestId('bonus-method').getByText('单独计税', { exact: true }).click();
  await worker.getByTestId('save-bonus-method').click();
  await worker.getByTestId('bonus-method-current').filter({ hasText: '当前：单独计税' }).waitFor();

  await pickDate(worker, '月份', month);
  const pdf = await download(worker, () => worker.getByTestId('download-month-pdf').click());
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  await shot(worker, 'worker-tax');
});
