import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, choose, launch, login, nationalId, newPage, pickDate, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('Songshan refuses to register a retiree, the reason shown under 其他身份; the region shows the 两委 composition', async () => {
  const page = await newPage(browser);
  await login(page, 'ss_town');
  await page.waitForURL(/\/home$/);
  await page.goto(`${BASE}/workers/new`);
  await page.getByTestId('worker-form').waitFor();
  await page.getByLabel('姓名', { exact: true }).fill('测试退休');
  await page.getByLabel('身份证号', { exact: true }).fill(nationalId('150404', '1962-03-15', 300 + Math.floor(Math.random() * 500)));
  await choose(page, '社区', '150404001001');
  await choose(page, '岗位', '工作人员');
  await pickDate(page, '入职日期', '2026-11-01');
  await choose(page, '其他身份', '退休人员');
  await page.getByRole('button', { name: /登\s*记/ }).click();

  // The registry's refusal (rule eligibility.exclusions, SS 二(一)) is shown under the field it names.
  const item = page.locator('.ant-form-item', { has: page.getByLabel('其他身份', { exact: true }) });
  const error = item.locator('.ant-form-item-explain-error').first();
  await error.waitFor();
  assert.match(await error.innerText(), /退休人员不纳入社区工作者范围/);
  // The text by its Chinese name, not the Latin short name the rule records (SS 二(一)).
  assert.match(await error.innerText(), /松山区《社区工作者职业体系建设实施方案》二\(一\)/);
  assert.doesNotMatch(await error.innerText(), /\bSS\b/);
  assert.match(page.url(), /\/workers\/new$/);

  // Inner Mongolia's administrator sees a Songshan community's 两委 composition with its warnings, in words.
  const admin = await newPage(browser);
  await login(admin, 'im_admin');
  await admin.waitForURL(/\/(home|dashboard)$/);
  await admin.goto(`${BASE}/regions`);
  const row = admin.getByTestId('regions-table').locator('tr', { hasText: '150404001001' });
  await row.getByRole('button', { name: '两委构成' }).click();
  const shown = admin.getByTestId('community-composition');
  await shown.waitFor();
  const text = await shown.innerText();
  assert.match(text, /“两委”领导职数/);
  assert.match(text, /不超过 3 人/);
  assert.match(text, /正职、副职/);
  // The rule's text by its Chinese name, never the Latin short name it records (SS 二(三)1).
  assert.match(text, /松山区《社区工作者职业体系建设实施方案》二\(三\)1/);
  assert.doesNotMatch(text, /SS /);
  assert.doesNotMatch(text, /ss_head|ss_deputy|party_affairs/);
  await shot(admin, 'composition');
});
