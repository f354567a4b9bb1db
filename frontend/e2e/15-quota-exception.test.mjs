// A quota exception is a request that counts only once the level the rule names approves it (issue 13,
// IM art. 6 / CENTRAL §3): the county officer requests extra posts for the county's total in the browser (the
// county chosen by name: Ningxia sets no community quota), the city officer approves them in the browser; the
// API shows the request pending, then approved with its decider.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, chooseIn, launch, login, newPage, shot, submitDialog } from './helpers.mjs';

const COUNTY = '640104';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/** The control of a modal form's item, found by its label's text. */
const field = (scope, label, control = 'input') => scope.locator('.ant-form-item', { hasText: label }).locator(control).first();

async function exceptionsOf(username) {
  return (await api(username, 'GET', `/api/registry/v1/quota/exceptions?region=${COUNTY}`)).filter((e) => e.region_code === COUNTY);
}

test('the county requests extra posts, the city approves them', async () => {
  const before = await exceptionsOf('xq_county');
  const county = await newPage(browser);
  await login(county, 'xq_county');
  await county.waitForURL((url) => !url.pathname.endsWith('/login'));
  await county.goto(`${BASE}/management`);
  await county.getByRole('tab', { name: '编额' }).click();
  await county.getByTestId('quota-lines').waitFor();
  await county.getByTestId('add-quota-exception').click();
  const modal = county.getByRole('dialog');
  // No code to type: the county's own total is the default, shown by its name, and the only place offered.
  assert.equal(await modal.getByText('社区区划代码').count(), 0);
  await modal.locator('.ant-select', { hasText: '兴庆区' }).waitFor();
  await chooseIn(county, modal, '县区', '兴庆区');
  await field(modal, '增加岗位数').fill('2');
  await field(modal, '理由', 'textarea').fill('新建小区入住，服务人口增加');
  await submitDialog(modal);
  const requested = (await exceptionsOf('xq_county')).filter((e) => !before.some((b) => b.id === e.id));
  assert.equal(requested.length, 1);
  assert.equal(requested[0].status, 'pending');
  assert.equal(requested[0].extra_posts, 2);
  await county.getByText('待审批').first().waitFor();

  const city = await newPage(browser);
  await login(city, 'yc_city');
  await city.waitForURL((url) => !url.pathname.endsWith('/login'));
  await city.goto(`${BASE}/management`);
  await city.getByRole('tab', { name: '编额' }).click();
  const row = city.locator('tr', { hasText: '新建小区入住' });
  await row.getByTestId('quota-exception-approve').click();
  const decision = city.getByRole('dialog');
  await field(decision, '审批意见', 'textarea').fill('同意');
  await submitDialog(decision);
  const approved = (await exceptionsOf('yc_city')).find((e) => e.id === requested[0].id);
  assert.equal(approved.status, 'approved');
  assert.ok(approved.decided_by && approved.decided_by !== requested[0].requested_by);
  await row.getByText('已批准').waitFor();
});

test("the county proposes a community's number, the city approves it, the county records the filing", async () => {
  const community = '640104001003';
  const listed = async () =>
    (await api('yc_city', 'GET', '/api/registry/v1/quota/community-numbers?region=640104')).filter((n) => n.region_code === community);
  const before = await listed();
  const county = await newPage(browser);
  await login(county, 'xq_county');
  await county.waitForURL((url) => !url.pathname.endsWith('/login'));
  await county.goto(`${BASE}/management`);
  await county.getByRole('tab', { name: '编额' }).click();
  await county.getByTestId('propose-community-number').click();
  const modal = county.getByRole('dialog');
  await chooseIn(county, modal, '社区', '丽景社区（兴庆区新华街道）');
  await field(modal, '核定人数').fill('9');
  await field(modal, '测算说明', 'textarea').fill('按服务户数测算，需9名');
  await submitDialog(modal);
  const proposed = (await listed()).filter((n) => !before.some((b) => b.id === n.id));
  assert.equal(proposed.length, 1);
  assert.equal(proposed[0].status, 'pending');
  assert.equal(proposed[0].number, 9);

  const city = await newPage(browser);
  await login(city, 'yc_city');
  await city.waitForURL((url) => !url.pathname.endsWith('/login'));
  await city.goto(`${BASE}/management`);
  await city.getByRole('tab', { name: '编额' }).click();
  const row = city.getByTestId('community-numbers').locator('tr', { hasText: '按服务户数测算' });
  await row.getByTestId('community-number-approve').click();
  const decision = city.getByRole('dialog');
  await submitDialog(decision);

  await county.reload();
  await county.getByRole('tab', { name: '编额' }).click();
  const countyRow = county.getByTestId('community-numbers').locator('tr', { hasText: '按服务户数测算' });
  await countyRow.getByTestId('community-number-file').click();
  const filing = county.getByRole('dialog');
  await field(filing, '备案机关').fill('银川市委社会工作部');
  await field(filing, '备案文号').fill('兴社工备〔2026〕5号');
  await submitDialog(filing);
  const done = (await listed()).find((n) => n.id === proposed[0].id);
  assert.equal(done.status, 'approved');
  assert.ok(done.decided_by && done.decided_by !== done.proposed_by);
  assert.equal(done.filed_with, '银川市委社会工作部');
  assert.equal(done.filed_reference, '兴社工备〔2026〕5号');
  // The quota table shows the approved number for the community.
  const line = (await api('xq_county', 'GET', `/api/registry/v1/quota?region=${community}`)).find((l) => l.region_code === community);
  assert.equal(line.approved_number, 9);
  await countyRow.getByText('银川市委社会工作部').waitFor();
  await shot(county, 'community-numbers');
});
