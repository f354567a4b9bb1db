import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, launch, login, newPage, shot } from './helpers.mjs';


let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('a wrong password is refused with the API message, in Chinese', async () => {
  const page = await newPage(browser);
  await login(page, 'xq_town', 'not-the-password');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /密码|用户名/);
  assert.equal(new URL(page.url()).pathname, '/login');
  await shot(page, 'login-error');
});

test('the township HR officer logs in and lands on the to-do page; every card is there', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE}/workers`);
  // Not logged in: sent to the login page, and back to the page asked for afterwards.
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('用户名').fill('xq_town');
  await page.getByLabel('密码').fill('Demo@2025');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/workers$/);
  await page.goto(`${BASE}/`);
  await page.waitForURL(/\/home$/);
  await page.getByText('工作台：待办事项').waitFor();
  for (const card of ['card-contracts', 'card-exit-flags', 'card-training', 'card-quota', 'card-assessment', 'card-payroll']) {
    await page.getByTestId(card).waitFor();
  }
  // Each card settles into data, empty, or "not available yet" — never a spinner forever.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="loading"]').length === 0);
  assert.match(await page.getByTestId('current-user').innerText(), /街道人事专员/);
  await shot(page, 'home');
});

test('the party secretary lands on the to-do page without payroll: a community account never sees a run', async () => {
  const page = await newPage(browser);
  await login(page, 'xq_secretary');
  await page.waitForURL(/\/home$/);
  await page.getByTestId('card-assessment').waitFor();
  const menu = page.locator('.ant-layout-sider .ant-menu');
  await menu.getByText('年度考核').waitFor();
  assert.equal(await menu.getByText('薪酬发放').count(), 0);
  assert.equal(await page.getByTestId('card-payroll').count(), 0);
});
