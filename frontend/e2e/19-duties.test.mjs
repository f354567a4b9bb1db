// Issue 13, missing duties: a township officer records a discipline record in the browser and sees the exit
// flag it raises (for a person to decide); a worker asks for leave in the worker app and a township officer
// approves it in the browser — both checked through the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, launch, loggedIn, shot, submitDialog } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

const field = (scope, label, control = 'input') => scope.locator('.ant-form-item', { hasText: label }).locator(control).first();

async function fillDate(scope, label, value) {
  const input = field(scope, label);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

test('an officer records a discipline record and sees the exit flag', async () => {
  const workers = (await api('xq_town', 'GET', '/api/registry/v1/workers?page=1&size=50')).items.filter((w) => w.status === 'active');
  const worker = workers[workers.length - 1];
  const page = await loggedIn(browser, 'xq_town');
  await page.goto(`${BASE}/duties`);
  await page.getByRole('tab', { name: '违纪违法记录' }).click();
  await page.getByTestId('discipline-record').click();
  const modal = page.getByRole('dialog');
  await field(modal, '人员').click();
  await page.keyboard.type(worker.name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: worker.name }).first().click();
  await field(modal, '类别').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '被判处刑罚' }).first().click();
  await field(modal, '作出机关').fill('兴庆区人民法院');
  await field(modal, '事由摘要', 'textarea').fill('e2e 判决摘要');
  await submitDialog(modal);
  const row = page.getByTestId('discipline-table').locator('tr', { hasText: 'e2e 判决摘要' });
  await row.getByText('提示退出，待决定').waitFor();
  await row.getByText(worker.name).waitFor();
  await shot(page, 'duties');
  const flags = (await api('xq_town', 'GET', '/api/registry/v1/flags?kind=discipline')).items;
  const flag = flags.find((f) => f.worker_id === worker.id);
  assert.ok(flag, 'the discipline flag is raised');
  assert.match(flag.message_zh, /兴庆区人民法院/);
  // A flag only: the worker is still active until a person decides.
  const record = await api('xq_town', 'GET', `/api/registry/v1/workers/${worker.id}`);
  assert.equal(record.status, 'active');
});

test('a worker asks for leave in the app, a township officer approves it', async () => {
  const reason = `e2e 事假 ${Date.now()}`;
  const app = await loggedIn(browser, 'xq_worker');
  await app.goto(`${BASE}/me`);
  await app.getByTestId('my-leave-balance').waitFor();
  await app.getByTestId('my-leave-request').click();
  const modal = app.getByRole('dialog');
  await field(modal, '假别').click();
  await app.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '事假' }).first().click();
  await fillDate(modal, '开始日期', '2027-03-01');
  await fillDate(modal, '结束日期', '2027-03-02');
  await field(modal, '事由', 'textarea').fill(reason);
  await submitDialog(modal);
  const mine = (await api('xq_worker', 'GET', '/api/registry/v1/me/leave-requests')).find((r) => r.reason === reason);
  assert.equal(mine.status, 'pending');
  assert.equal(mine.days, 2);
  await app.getByTestId('my-leave-list').getByText('待审批').first().waitFor();

  const officer = await loggedIn(browser, 'xq_town');
  await officer.goto(`${BASE}/duties`);
  const row = officer.getByTestId('leave-table').locator('tr', { hasText: '2027-03-01' }).filter({ hasText: '事假' }).first();
  await row.getByTestId('leave-approve').click();
  const decision = officer.getByRole('dialog');
  await field(decision, '审批意见', 'textarea').fill('同意');
  await submitDialog(decision);
  const decided = (await api('xq_town', 'GET', '/api/registry/v1/leave/requests')).find((r) => r.id === mine.id);
  assert.equal(decided.status, 'approved');
  assert.ok(decided.decided_by && decided.decided_by !== decided.requested_by);
  await app.reload();
  await app.getByTestId('my-leave-list').getByText('已批准').first().waitFor();
});
