import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { BASE, choose, launch, login, nationalId, newPage, pickDate, shot } from './helpers.mjs';

// Issue 11: a province runs the system without a programmer. A provincial admin creates a county admin, who
// adds a township and a community and creates a township officer and a finance officer for it, all through the
// UI; each new person changes the initial password at the first login; the new officer registers a worker and
// runs payroll for the new township (it reaches calculated); the finance officer cannot start a run but approves
// the officer's run, which the officer cannot approve; a deactivated officer's refresh token stops at once; the
// finance officer enrols a second factor (QR code, a code computed here) and logs in again with a code.

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

const run = String(Date.now()).slice(-5);
const township = `640104${String(900 + (Number(run) % 99)).padStart(3, '0')}`;
const community = `${township}001`;

/** The TOTP code (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) of a base32 secret, as an authenticator app shows it. */
function totp(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Pick an option of a searchable Select by typing (long lists render only the visible options). */
async function search(page, label, text) {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** Create an account on the 账号与权限 page; answers the initial password shown once. */
async function createAccount(page, { username, name, role, place }) {
  const form = page.getByTestId('create-account-form');
  await form.getByLabel('登录名', { exact: true }).fill(username);
  await form.getByLabel('姓名', { exact: true }).fill(name);
  await choose(page, '角色', role);
  await search(page, '管辖范围', place);
  await form.getByRole('button', { name: /开通账号/ }).click();
  const password = page.getByTestId('initial-password');
  await password.waitFor();
  const initial = (await password.innerText()).trim();
  assert.equal((await page.getByTestId('new-username').innerText()).trim(), username);
  await page.getByRole('button', { name: /已记下/ }).click();
  return initial;
}

/** First login with an initial password: the only way on is the password change. */
async function firstLogin(page, username, initial, next) {
  await login(page, username, initial);
  await page.waitForURL(/\/change-password$/);
  // A too-short new password is refused next to its field.
  await page.getByLabel('当前密码', { exact: true }).fill(initial);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('确认新密码', { exact: true }).fill('short');
  await page.getByRole('button', { name: /确认修改/ }).click();
  await page.locator('.ant-form-item-explain-error').first().waitFor();
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码', { exact: true }).fill(next);
  await page.getByRole('button', { name: /确认修改/ }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/change-password'));
}

test('province → county admin → new township and its officers; first logins; a worker and a payroll run; separation of duties; deactivation ends sessions; a second factor', async () => {
  // The provincial admin creates a county admin for 兴庆区.
  const admin = await newPage(browser);
  await login(admin, 'nx_admin');
  await admin.waitForURL(/\/dashboard$/);
  await admin.goto(`${BASE}/accounts`);
  await admin.getByTestId('accounts-table').waitFor();
  const countyInitial = await createAccount(admin, { username: `cty${run}`, name: '兴庆区新任管理员', role: '县区管理员', place: '640104' });
  await admin.getByTestId('account-search').locator('input').fill(`cty${run}`);
  await admin.getByTestId('account-search').locator('input').press('Enter');
  await admin.getByTestId('accounts-table').getByText('待首次改密').waitFor();
  await shot(admin, 'accounts');

  // The county admin logs in, must change the password, then adds a township and a community.
  const county = await newPage(browser);
  await firstLogin(county, `cty${run}`, countyInitial, `Xq-county-${run}!`);
  await county.goto(`${BASE}/regions`);
  const regionForm = county.getByTestId('create-region-form');
  await regionForm.waitFor();
  await search(county, '上级区划', '640104');
  await regionForm.getByLabel('本级代码', { exact: true }).fill(township.slice(6));
  await regionForm.getByLabel('名称', { exact: true }).fill(`新区街道${run}`);
  await regionForm.getByLabel('常住人口', { exact: true }).fill('30000');
  await regionForm.getByRole('button', { name: /新增区划/ }).click();
  await county.getByTestId('regions-table').getByText(township, { exact: true }).waitFor();
  await search(county, '上级区划', township);
  await regionForm.getByLabel('本级代码', { exact: true }).fill('001');
  await regionForm.getByLabel('名称', { exact: true }).fill(`新区第一社区${run}`);
  await regionForm.getByLabel('户数', { exact: true }).fill('1800');
  await choose(county, '城乡类型', '城市社区');
  await regionForm.getByRole('button', { name: /新增区划/ }).click();
  await county.getByTestId('regions-table').getByText(community, { exact: true }).waitFor();
  await shot(county, 'regions');

  // ... and creates the new township's HR officer and finance officer; the role picker never offers a
  // role above the county's own.
  await county.goto(`${BASE}/accounts`);
  await county.getByTestId('accounts-table').waitFor();
  await county.getByLabel('角色', { exact: true }).click();
  const options = county.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await options.first().waitFor(); // the roles are loaded: an empty list would offer nothing and prove nothing
  const offered = await options.allInnerTexts();
  assert.ok(!offered.some((text) => /省级|市级/.test(text)), `offered: ${offered}`);
  await county.keyboard.press('Escape');
  const townInitial = await createAccount(county, { username: `town${run}`, name: '新区街道人事专员', role: '街道人事专员', place: township });
  const financeInitial = await createAccount(county, { username: `fin${run}`, name: '新区街道财务', role: '财务人员', place: township });

  // The new township officer logs in (password change first) and registers a worker in the new community.
  const town = await newPage(browser);
  await firstLogin(town, `town${run}`, townInitial, `Town-new-${run}!`);
  await town.goto(`${BASE}/workers/new`);
  await town.getByLabel('姓名', { exact: true }).fill('新区工作者');
  await town.getByLabel('身份证号', { exact: true }).fill(nationalId('640104', '1992-03-08', Number(run) % 900));
  await town.getByLabel('联系电话', { exact: true }).fill('13900001111');
  await search(town, '社区', community);
  await choose(town, '岗位', '专职工作人员');
  await pickDate(town, '入职日期', '2026-11-01');
  await town.getByLabel('合同期限（年）', { exact: true }).fill('3');
  await town.getByRole('button', { name: /登\s*记/ }).click();
  await town.waitForURL(/\/workers\/[0-9a-f-]{36}$/);
  assert.match(await town.getByTestId('worker-name').innerText(), /新区工作者/);

  // The finance officer logs in (password change first): no way to start a payroll run, and the API refuses.
  const finance = await newPage(browser);
  await firstLogin(finance, `fin${run}`, financeInitial, `Fin-new-${run}!x`);
  await finance.waitForURL(/\/payroll$/);
  await finance.getByRole('heading').first().waitFor();
  assert.equal(await finance.getByTestId('start-run-form').count(), 0);
  const refused = await finance.evaluate(async (region) => {
    const session = JSON.parse(sessionStorage.getItem('cwm.session'));
    const response = await fetch('/api/payroll/v1/runs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ region_code: region, month: '2026-10' }),
    });
    return { status: response.status, body: await response.json() };
  }, township);
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 'role_not_allowed');

  // The new officer runs payroll for the new township and the current month (the NX scheme at prefix 64 and the
  // figures of the most specific prefix apply to a township created today); the run reaches calculated.
  await town.goto(`${BASE}/payroll`);
  const startForm = town.getByTestId('start-run-form');
  await startForm.waitFor();
  // The region is the officer's township, by its name (a picker of the jurisdiction, no code typed).
  await startForm.locator('.ant-select', { hasText: `新区街道${run}` }).waitFor();
  await startForm.getByRole('button', { name: /开始核算/ }).click();
  await town.waitForURL(/\/payroll\/runs\/[0-9a-f-]{36}$/);
  const runId = town.url().split('/').pop();
  await town.getByTestId('run-state').filter({ hasText: '已核算，待审批' }).waitFor({ timeout: 90_000 });
  const call = (page, method, path, body) =>
    page.evaluate(async ({ method, path, body }) => {
      const session = JSON.parse(sessionStorage.getItem('cwm.session'));
      const response = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    }, { method, path, body });
  const calculated = await call(town, 'GET', `/api/payroll/v1/runs/${runId}`);
  assert.equal(calculated.status, 200);
  assert.equal(calculated.body.state, 'calculated');
  assert.equal(calculated.body.region_code, township);
  assert.equal(calculated.body.worker_count, 1);

  // The officer who started it cannot approve it (the role matrix names the action) ...
  const selfApprove = await call(town, 'POST', `/api/payroll/v1/runs/${runId}/approve`);
  assert.equal(selfApprove.status, 403);
  assert.equal(selfApprove.body.code, 'role_not_allowed');
  assert.equal(selfApprove.body.action, 'payroll_run.approve');
  // ... the new finance officer approves it in the UI.
  await finance.goto(`${BASE}/payroll/runs/${runId}`);
  await finance.getByRole('button', { name: /审\s*批/ }).click();
  await finance.locator('.ant-popconfirm').getByRole('button', { name: /审\s*批/ }).click();
  await finance.getByTestId('run-state').filter({ hasText: '已审批' }).waitFor();
  const approved = await call(finance, 'GET', `/api/payroll/v1/runs/${runId}`);
  assert.equal(approved.body.state, 'approved');

  // The county admin deactivates the new officer in the UI: the officer's refresh token stops working at once.
  const refreshToken = await town.evaluate(() => JSON.parse(sessionStorage.getItem('cwm.session')).refreshToken);
  assert.ok(refreshToken, 'the officer holds a refresh token');
  const refreshWith = (token) =>
    fetch(`${BASE}/api/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: token }) });
  const stillWorks = await refreshWith(refreshToken);
  assert.equal(stillWorks.status, 200);
  const current = (await stillWorks.json()).refresh_token ?? refreshToken;
  await county.goto(`${BASE}/accounts`);
  await county.getByTestId('account-search').locator('input').fill(`town${run}`);
  await county.getByTestId('account-search').locator('input').press('Enter');
  const row = county.getByTestId('accounts-table').locator('tbody tr', { hasText: `town${run}` });
  await row.getByRole('button', { name: /停\s*用/ }).click();
  await county.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK|是/ }).click();
  await row.getByText('已停用').waitFor();
  const afterDeactivation = await refreshWith(current);
  assert.equal(afterDeactivation.status, 401);

  // The new finance officer enrols a second factor: the QR code of the otpauth URI, confirmed with a code; after
  // logging out, the login asks for the code and lets them in with it.
  await finance.getByRole('button', { name: /双重验证/ }).click();
  await finance.waitForURL(/\/second-factor$/);
  await finance.getByRole('button', { name: /生成密钥/ }).click();
  await finance.getByTestId('totp-qr').waitFor();
  const secret = (await finance.getByTestId('totp-secret').innerText()).trim();
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  assert.match(await finance.getByTestId('totp-uri').innerText(), new RegExp(`^otpauth://totp/.*secret=${secret}`));
  await shot(finance, 'second-factor');
  await finance.getByLabel('验证码', { exact: true }).fill('000000' === totp(secret) ? '111111' : '000000');
  await finance.getByRole('button', { name: /确认启用/ }).click();
  await finance.locator('.ant-alert-error, .ant-form-item-explain-error').first().waitFor(); // a wrong code is refused
  await finance.getByLabel('验证码', { exact: true }).fill(totp(secret));
  await finance.getByRole('button', { name: /确认启用/ }).click();
  await finance.getByTestId('second-factor-enrolled').waitFor();
  await finance.getByRole('button', { name: /返\s*回/ }).click();
  await finance.getByRole('button', { name: /退\s*出/ }).click();
  await finance.waitForURL(/\/login/);
  await login(finance, `fin${run}`, `Fin-new-${run}!x`);
  const otpField = finance.getByLabel('动态验证码', { exact: true });
  await otpField.waitFor();
  assert.equal(finance.url().endsWith('/payroll'), false);
  await otpField.fill(totp(secret));
  await finance.getByRole('button', { name: /登\s*录/ }).click();
  await finance.waitForURL(/\/payroll$/);
  // Without the code the API still answers otp_required.
  const noCode = await fetch(`${BASE}/api/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: `fin${run}`, password: `Fin-new-${run}!x` }),
  });
  assert.equal(noCode.status, 401);
  assert.equal((await noCode.json()).code, 'otp_required');

  // The county admin sees it all in the audit trail, by name.
  const audit = await county.evaluate(async () => {
    const session = JSON.parse(sessionStorage.getItem('cwm.session'));
    const response = await fetch('/api/registry/v1/audit?entity=account', { headers: { Authorization: `Bearer ${session.accessToken}` } });
    return response.json();
  });
  const created = audit.items.filter((entry) => entry.action === 'account.create' && entry.actor_name === '兴庆区新任管理员');
  assert.equal(created.length, 2);
});
