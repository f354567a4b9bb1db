// Contract renewal in the browser (续聘): the township HR officer finds a worker whose contract ends within the
// rule's reminder window on the 合同到期 tab, by name, opens the worker, reads the renewal the registry proposes
// (new term from the day after the current end) and confirms it; the registry then holds the new contract. The
// other township's officer does not see the worker in her list.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, launch, login, nationalId, newPage, token } from './helpers.mjs';

const COMMUNITY = '640104001001';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/** China's date (the registry's "today"), shifted by whole days, as YYYY-MM-DD. */
function chinaDay(offsetDays = 0) {
  const shifted = new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000);
  return shifted.toISOString().slice(0, 10);
}

test('the township officer renews a contract that ends soon, from the contracts-ending list', async () => {
  // Hired three years less twenty days ago on a three-year contract: it ends in about twenty days.
  const today = chinaDay();
  const hired = `${Number(today.slice(0, 4)) - 3}${chinaDay(20).slice(4)}`;
  const name = `续聘测试${Math.floor(Math.random() * 9000) + 1000}`;
  const created = await api('xq_town', 'POST', '/api/registry/v1/workers', {
    name, national_id: nationalId('640104', '1988-05-17', 100 + Math.floor(Math.random() * 800)),
    community_code: COMMUNITY, post: 'nx_staff', hired_on: hired, contract_term_years: 3,
    // Paid like everyone: later runs of the township make a bank file (21-audit-words).
    bank_name: '中国农业银行', bank_branch: '银川兴庆支行', bank_account: '6228480402564890026',
  });
  const before = await api('xq_town', 'GET', `/api/registry/v1/workers/${created.id}/contract-renewal`);
  assert.equal(before.allowed, true, JSON.stringify(before.refusal));
  const currentEnd = before.current.end;

  const page = await newPage(browser);
  await login(page, 'xq_town');
  await page.waitForURL(/\/home$/);
  await page.goto(`${BASE}/workers`);
  await page.getByTestId('tab-contracts-ending').click();
  const table = page.getByTestId('contracts-ending');
  await table.locator('tbody tr').first().waitFor();
  // Soonest first, lapsed contracts included: the worker may be on a later page of a busy township.
  const row = table.locator('tr', { hasText: name });
  for (let pageNo = 0; pageNo < 20 && !(await row.isVisible()); pageNo += 1) {
    const next = table.locator('.ant-pagination-next:not(.ant-pagination-disabled)');
    if (!(await next.count())) break;
    await next.click();
  }
  await row.waitFor();
  // The community by its name, never by its code.
  assert.ok(!(await row.innerText()).includes(COMMUNITY), 'the list shows the community code');

  await row.getByRole('link', { name }).click();
  await page.getByTestId('worker-profile').waitFor();
  await page.getByTestId('contract-renewal').click();
  const preview = page.getByTestId('contract-renewal-preview');
  await preview.waitFor();
  const shown = await preview.innerText();
  assert.ok(shown.includes(`${before.next_start} — ${before.next_end}`), shown);
  await page.getByTestId('contract-renewal-submit').click();
  const ask = page.locator('.ant-modal-confirm');
  await ask.waitFor();
  assert.ok((await ask.innerText()).includes(name));
  await ask.getByRole('button', { name: /确\s*认/ }).click();
  await page.getByText('已续聘').waitFor();

  const after = await api('xq_town', 'GET', `/api/registry/v1/workers/${created.id}/contract-renewal`);
  assert.equal(after.current.start, before.next_start);
  assert.equal(after.current.end, before.next_end);
  assert.notEqual(after.current.end, currentEnd);

  // Renewing the old contract again is refused: it is no longer the current one.
  const response = await fetch(`${BASE}/api/registry/v1/workers/${created.id}/contract-renewal`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await token('xq_town')}` },
    body: JSON.stringify({ current_end: currentEnd }),
  });
  assert.equal(response.status, 409);

  // The other township's officer never sees the worker in her list.
  const theirs = await api('xq_town2', 'GET', '/api/registry/v1/workers/contracts-ending?within_days=365');
  assert.ok(!theirs.items.some((item) => item.worker_id === created.id));
  await page.context().close();
});
