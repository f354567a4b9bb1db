import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, launch, login, newPage, shot } from './helpers.mjs';

let browser;

/** Clicks 保存草稿 and waits for the server's answer to the save (a notice from an earlier save may still show). */
async function saveDraft(page) {
  const answered = page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/pay-schemes\/\d+$/.test(new URL(r.url()).pathname));
  await page.getByRole('button', { name: /保存草稿/ }).click();
  return answered;
}
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

  // The form: the grade-pay table (posts × levels); a wrong amount is refused under its own cell, the change
  // shows against the version in force.
  const cellPath = 'tables.grade_pay.amounts.nx_staff.1';
  const cell = page.getByTestId('scheme-grade-pay').getByLabel(cellPath, { exact: true });
  const before = await cell.inputValue();
  await cell.fill('三百元');
  // Refused when saving (422 naming the cell) or, once saved, by 校验: either way under the cell.
  const cellError = page.getByTestId('scheme-grade-pay').locator('.ant-form-item-explain-error').first();
  if ((await saveDraft(page)).ok()) {
    await validate.click();
    await cellError.waitFor();
  }
  assert.ok((await cellError.innerText()).length > 0);
  // 校验 right after an edit, unsaved: the draft on screen is saved first, then validated (not the stored one).
  await cell.fill('412.50');
  await validate.click();
  await page.getByText('校验通过').waitFor();
  const nxDrafts = (await api('nx_admin', 'GET', '/api/payroll/v1/pay-schemes')).filter((s) => s.region_prefix === '64' && s.status === 'draft');
  const stored = await api('nx_admin', 'GET', `/api/payroll/v1/pay-schemes/${Math.max(...nxDrafts.map((s) => s.id))}`);
  assert.equal(String(stored.document.tables.grade_pay.amounts.nx_staff['1']), '412.50');
  await page.getByRole('tab', { name: '与生效版本比较' }).click();
  const diff = page.getByTestId('scheme-diff');
  await diff.waitFor();
  const changedRow = diff.locator('tr', { hasText: cellPath });
  assert.match(await changedRow.innerText(), new RegExp(`${before.replace('.', '\\.')}[\\s\\S]*412\\.50`));
  await page.getByRole('tab', { name: '表单' }).click();
  await cell.fill(before);
  assert.equal((await saveDraft(page)).status(), 200);

  // A broken document is saved as a draft; validation lists the payroll service's problems by field path.
  await page.getByRole('tab', { name: '原始数据（专家）' }).click();
  const editor = page.getByTestId('scheme-json');
  const original = await editor.inputValue();
  const document = JSON.parse(original);
  document.posts = 'not an object';
  await editor.fill(JSON.stringify(document, null, 2));
  assert.equal((await saveDraft(page)).status(), 200); // a broken document is still a draft
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
  await editor.fill(original);

  // Preview the draft on screen (unchanged, so nothing to save first) on real workers of the region.
  await page.getByRole('button', { name: /预\s*览/ }).click();
  const preview = page.getByTestId('scheme-preview');
  await preview.waitFor({ timeout: 60_000 });
  assert.ok((await preview.locator('tbody tr.ant-table-row').count()) > 0);
  // Each sample is named: the person's name, the community's name and the grade in words, never an id.
  const cells = preview.locator('tbody tr.ant-table-row').first().locator('td');
  assert.match(await cells.nth(0).innerText(), /^[\u4e00-\u9fa5·]{2,}$/);
  assert.doesNotMatch(await cells.nth(1).innerText(), /\d{6}/);
  assert.match(await cells.nth(2).innerText(), /级/);
  await shot(page, 'pay-scheme-preview');

  // Cost simulation of the draft for the whole province, next to the version in force (nothing saved).
  await page.getByTestId('simulation-run').click();
  const simulation = page.getByTestId('scheme-simulation');
  await simulation.waitFor({ timeout: 60_000 });
  const grossRow = simulation.locator('tbody tr', { hasText: '应发合计' }).locator('td');
  const shownGross = (await grossRow.nth(2).innerText()).replace(/[^\d.]/g, '');
  assert.ok(await simulation.getByText('自治区/省级财政').count());
  const drafts = (await api('nx_admin', 'GET', '/api/payroll/v1/pay-schemes')).filter((s) => s.region_prefix === '64' && s.status === 'draft');
  const draftId = Math.max(...drafts.map((s) => s.id));
  const month = new Date(new Date().getFullYear(), new Date().getMonth() - 1, 15).toISOString().slice(0, 7);
  const result = await api('nx_admin', 'POST', `/api/payroll/v1/pay-schemes/${draftId}/simulation`, { month });
  assert.ok(result.workers > 0 && result.saved === false);
  assert.equal(shownGross, result.draft.gross);
  // The draft is the version in force unchanged: nobody gains or loses.
  assert.equal(result.draft.gross, result.in_force.gross);
  assert.equal(result.unchanged, result.workers);
  assert.equal(Number(result.draft.total_cost).toFixed(2),
    Object.values(result.draft.funding).reduce((sum, v) => sum + Number(v), 0).toFixed(2));
});

test("Inner Mongolia's provincial admin sees Songshan's scheme as a form and drafts its next version", async () => {
  const page = await newPage(browser);
  // Inner Mongolia (15) has no scheme of its own: the 现行版本 card says so without a failing request.
  const failed = [];
  page.on('response', (r) => r.url().includes('/pay-schemes/in-force') && r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  page.on('console', (m) => m.type() === 'error' && m.location().url?.includes('/pay-schemes/in-force') && failed.push(m.text()));
  await login(page, 'im_admin');
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`${BASE}/pay-scheme`);
  const table = page.getByTestId('schemes-table');
  await table.getByText(/松山区/).first().waitFor();
  await page.getByTestId('scheme-form').waitFor();
  const none = page.getByTestId('scheme-in-force-none');
  await none.waitFor();
  assert.match(await none.innerText(), /^内蒙古自治区在 \d{4}-\d{2}-\d{2} 没有生效的薪酬方案[\s\S]*下级地区有各自的方案：.*松山区/);
  await none.getByText(/松山区/).click();
  await page.getByTestId('show-in-force').waitFor();
  assert.deepEqual(failed, []);
  // The version's facts in words: the region by name, the publication as a time, no codes.
  const facts = page.locator('.ant-descriptions', { hasText: '基于版本' });
  assert.doesNotMatch(await facts.innerText(), /\b150404\b|T\d{2}:\d{2}/);
  const before = (await api('im_admin', 'GET', '/api/payroll/v1/pay-schemes')).filter((s) => s.region_prefix === '150404' && s.status === 'draft').length;
  await page.getByRole('button', { name: /起草下一版/ }).click();
  await page.locator('.ant-modal').getByRole('button', { name: /创建草稿/ }).click();
  await page.getByRole('button', { name: /保存草稿/ }).waitFor();
  const drafts = (await api('im_admin', 'GET', '/api/payroll/v1/pay-schemes')).filter((s) => s.region_prefix === '150404' && s.status === 'draft');
  assert.equal(drafts.length, before + 1);
});
