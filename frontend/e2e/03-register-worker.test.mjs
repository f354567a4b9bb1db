import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, choose, launch, login, nationalId, newPage, pickDate, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('the township officer registers a worker; a bad ID number is reported next to its field', async () => {
  const page = await newPage(browser);
  await login(page, 'xq_town');
  await page.waitForURL(/\/home$/);
  await page.goto(`${BASE}/workers`);
  await page.getByTestId('workers-table').waitFor();
  await shot(page, 'workers');

  await page.getByRole('button', { name: /登记人员/ }).click();
  await page.waitForURL(/\/workers\/new$/);
  const valid = nationalId('640104', '1995-06-15', 400 + Math.floor(Math.random() * 500));
  const wrongCheckDigit = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
  await page.getByLabel('姓名', { exact: true }).fill('测试登记');
  await page.getByLabel('身份证号', { exact: true }).fill(wrongCheckDigit);
  await page.getByLabel('联系电话', { exact: true }).fill('13812345678');
  await choose(page, '社区', '640104001001');
  await choose(page, '岗位', '专职工作人员');
  await pickDate(page, '入职日期', '2026-11-01');
  await page.getByLabel('合同期限（年）', { exact: true }).fill('3');
  await page.getByRole('button', { name: /登\s*记/ }).click();

  // The registry's field error is shown under the ID number field.
  const idItem = page.locator('.ant-form-item', { has: page.getByLabel('身份证号', { exact: true }) });
  await idItem.locator('.ant-form-item-explain-error').first().waitFor();
  assert.ok((await idItem.locator('.ant-form-item-explain-error').first().innerText()).length > 0);
  await shot(page, 'register-worker-error');

  await page.getByLabel('身份证号', { exact: true }).fill(valid);
  await page.getByRole('button', { name: /登\s*记/ }).click();
  await page.waitForURL(/\/workers\/[0-9a-f-]{36}$/);
  await page.getByTestId('worker-profile').waitFor();
  assert.match(await page.getByTestId('worker-name').innerText(), /测试登记/);
  assert.match(await page.getByTestId('worker-profile').innerText(), /1995-06-15/);

  // The registration is in the worker's audit trail: who did it and what was written.
  await page.getByRole('tab', { name: '变更记录' }).click();
  const trail = page.getByTestId('worker-audit');
  await trail.waitFor();
  const text = await trail.innerText();
  // In words: the action and the actor (the officer herself), and the fields written.
  assert.match(text, /登记人员/);
  assert.match(text, /本人/);
  assert.match(text, /姓名/);
});
