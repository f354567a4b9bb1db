import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, launch, login, newPage, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('the provincial admin drafts the next pay scheme, sees validation errors, previews it', async () => {
  const page = await newPage(browser);
  await login(page, 'nx_admin');
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`${BASE}/pay-scheme`);
  await page.getByRole('button', { name: /起草下一版/ }).click();
  await page.locator('.ant-modal').getByRole('button', { name: /创建草稿/ }).click();
  // The new draft is selected: it can be saved, validated and published.
  const validate = page.getByRole('button', { name: /校\s*验/ });
  await validate.waitFor();
  await validate.click();
  await page.getByText('校验通过').waitFor();

  // A broken document is saved as a draft; validation lists the payroll service's problems by field path.
  const editor = page.getByTestId('scheme-json');
  const original = await editor.inputValue();
  const document = JSON.parse(original);
  document.posts = 'not an object';
  await editor.fill(JSON.stringify(document, null, 2));
  await page.getByRole('button', { name: /保存草稿/ }).click();
  await page.getByText('草稿已保存').waitFor();
  await validate.click();
  const problems = page.getByTestId('scheme-problems');
  await problems.waitFor();
  assert.match(await problems.innerText(), /posts/);
  await shot(page, 'pay-scheme-problems');
  await editor.fill(original);
  await page.getByRole('button', { name: /保存草稿/ }).click();
  await validate.click();
  await page.getByText('校验通过').waitFor();

  // Invalid JSON never leaves the browser.
  await editor.fill('{ "posts": ');
  await page.getByRole('button', { name: /保存草稿/ }).click();
  await page.getByText('JSON 格式错误').waitFor();

  // Preview the (unchanged, saved) draft on real workers of the region.
  await page.getByRole('button', { name: /预\s*览/ }).click();
  const preview = page.getByTestId('scheme-preview');
  await preview.waitFor({ timeout: 60_000 });
  assert.ok((await preview.locator('tbody tr.ant-table-row').count()) > 0);
  await shot(page, 'pay-scheme-preview');
});
