import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, launch, login, newPage, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test("another township's officer opening a worker's URL gets a clear not-found page", async () => {
  const mine = await api('xq_town', 'GET', '/api/registry/v1/workers?size=1');
  assert.ok(mine.items.length > 0, 'the demo data has workers in 640104001');
  const workerId = mine.items[0].id;

  const page = await newPage(browser);
  await login(page, 'xq_town2');
  await page.waitForURL(/\/home$/);
  await page.goto(`${BASE}/workers/${workerId}`);
  const notFound = page.getByTestId('not-found');
  await notFound.waitFor();
  assert.match(await notFound.innerText(), /未找到或无权查看/);
  assert.equal(await page.getByTestId('worker-profile').count(), 0);
  await shot(page, 'jurisdiction-refused');

  // The officer of the worker's own township sees the record.
  const own = await newPage(browser);
  await login(own, 'xq_town');
  await own.waitForURL(/\/home$/);
  await own.goto(`${BASE}/workers/${workerId}`);
  await own.getByTestId('worker-profile').waitFor();
  assert.match(await own.getByTestId('worker-name').innerText(), new RegExp(mine.items[0].name));
  await shot(own, 'worker');
});
