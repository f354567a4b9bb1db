// A secondment records every approval step the text in force names (issue 13): in Songshan the district
// civil-affairs bureau reviews and the district government approves (SS 二(四)2), so the form asks for both,
// one body and reference per step; the API shows both steps stored on the secondment.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, launch, login, newPage, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/** The control of a modal form's item, found by its label's text. */
const field = (scope, label, control = 'input') => scope.locator('.ant-form-item', { hasText: label }).locator(control).first();

test('a Songshan township officer seconds a worker with the review and the approval its text names', async () => {
  const workers = (await api('ss_town', 'GET', '/api/registry/v1/workers?page=1&size=50')).items.filter((w) => w.status === 'active');
  assert.ok(workers.length > 0, 'the demo has active Songshan workers');
  const worker = workers[workers.length - 1];
  const before = await api('ss_town', 'GET', '/api/registry/v1/secondments?region=150404001');

  const page = await newPage(browser);
  await login(page, 'ss_town');
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  await page.goto(`${BASE}/management`);
  await page.getByRole('tab', { name: '借调' }).click();
  // The limits card shows the steps in words, not as codes.
  await page.getByTestId('secondment-limits').getByText('区民政局审核、区政府批准').waitFor();
  await page.getByTestId('start-secondment').click();
  const modal = page.getByRole('dialog');
  await field(modal, '人员').click();
  await page.keyboard.type(worker.name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: worker.name }).first().click();
  await field(modal, '借调单位').fill('松山区某街道综合服务中心');
  await field(modal, '借调单位层级').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '乡镇' }).first().click();
  for (const [label, value] of [['开始日期', '2028-02-01'], ['结束日期', '2028-02-20']]) {
    const input = field(modal, label);
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  }
  // Both steps are asked for, each pre-filled with the body the rule names.
  assert.equal(await field(modal, '区民政局审核：单位').inputValue(), '区民政局');
  assert.equal(await field(modal, '区政府批准：单位').inputValue(), '区政府');
  await field(modal, '区民政局审核：单位').fill('松山区民政局');
  await field(modal, '区民政局审核：文号').fill('松民审〔2028〕1号');
  await field(modal, '区政府批准：单位').fill('松山区人民政府');
  await field(modal, '区政府批准：文号').fill('松政批〔2028〕2号');
  await modal.getByRole('button', { name: /提\s*交/ }).click();
  await modal.waitFor({ state: 'hidden' });

  const after = await api('ss_town', 'GET', '/api/registry/v1/secondments?region=150404001');
  const created = after.filter((s) => !before.some((b) => b.id === s.id));
  assert.equal(created.length, 1);
  assert.equal(created[0].worker_id, worker.id);
  assert.deepEqual(created[0].approvals.map((a) => [a.step, a.body, a.reference]), [
    ['review', '松山区民政局', '松民审〔2028〕1号'],
    ['approve', '松山区人民政府', '松政批〔2028〕2号'],
  ]);
  assert.equal(created[0].approving_department, '松山区人民政府');
  await page.getByTestId('secondments-table').getByText('松山区民政局审核（松民审〔2028〕1号）').waitFor();
  await shot(page, 'secondments');
});
