// Issue 14: the post catalogue and hiring in the browser. The provincial admin adds a post to the region's
// catalogue and changes its contract term (checked through the API; the county officer may not change a
// province-wide post); the county officer pre-checks a person's eligibility and hires an eligible applicant
// of a finished campaign with the contract's facts (checked through the API).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, chooseIn, launch, loggedIn, nationalId, pickDate, shot, token } from './helpers.mjs';

const COUNTY = '640104';
const TOWNSHIP = '640104001';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

// Inner Mongolia outside Songshan has no catalogue of its own and no workers in the demo: a post added there
// changes no other test's choices.
test('the provincial admin adds a post to the region\'s catalogue and sets its term; the county may not edit it', async () => {
  const page = await loggedIn(browser, 'im_admin');
  await page.getByRole('menuitem', { name: '岗位目录' }).click();
  await page.getByTestId('posts-table').waitFor();
  await page.getByTestId('add-post').click();
  const modal = page.getByRole('dialog');
  await modal.getByLabel('岗位代码', { exact: true }).fill('im_grid');
  await chooseIn(page, modal, '适用地区', '内蒙古');
  await modal.getByLabel('中文名称', { exact: true }).fill('网格专员');
  await modal.getByLabel('英文名称', { exact: true }).fill('Grid officer');
  await modal.getByRole('button', { name: /提\s*交/ }).click();
  await modal.waitFor({ state: 'hidden' });
  let post = (await api('im_admin', 'GET', '/api/registry/v1/posts')).find((p) => p.code === 'im_grid');
  assert.equal(post.jurisdiction_prefix, '15');
  assert.equal(post.label_zh, '网格专员');
  assert.equal(post.committee, false);
  assert.equal(post.contract_term_years, null);

  await page.getByTestId('edit-post-im_grid').click();
  const edit = page.getByRole('dialog');
  await edit.getByLabel('聘期（年）', { exact: true }).fill('3');
  await edit.getByRole('button', { name: /提\s*交/ }).click();
  await edit.waitFor({ state: 'hidden' });
  post = (await api('im_admin', 'GET', '/api/registry/v1/posts')).find((p) => p.code === 'im_grid');
  assert.equal(post.contract_term_years, 3);
  await page.getByTestId('posts-table').locator('tr', { hasText: '网格专员' }).getByText('3 年').waitFor();
  await shot(page, 'posts');
  await page.context().close();

  // The county officer sees the catalogue, but a province-wide post has no edit action and the API refuses it.
  const county = await loggedIn(browser, 'xq_county');
  await county.goto(`${BASE}/posts`);
  await county.getByTestId('posts-table').waitFor();
  assert.equal(await county.getByTestId('edit-post-nx_staff').count(), 0);
  const refused = await fetch(`${BASE}/api/registry/v1/posts/nx_staff`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${await token('xq_county')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ contract_term_years: 9 }),
  });
  assert.equal(refused.status, 404); // a catalogue beyond the county's own region looks like a made-up code
  await county.context().close();
});

test('the county officer pre-checks eligibility and hires an eligible applicant with the contract', async () => {
  // A county's plan (IM art.8), reviewed by the city before its announcement.
  const campaign = await api('xq_county', 'POST', '/api/registry/v1/recruitment/campaigns', { region_code: COUNTY, title: '二〇二六年社区工作者招聘（测试）', positions: 1 });
  if (campaign.review_required) await api('yc_city', 'POST', `/api/registry/v1/recruitment/campaigns/${campaign.id}/review`, {});
  const step = (name) => api('xq_county', 'POST', `/api/registry/v1/recruitment/campaigns/${campaign.id}/steps`, { step: name });
  for (const name of campaign.steps.slice(1, campaign.steps.indexOf('registration') + 1)) await step(name);
  const id = nationalId('640104', '1995-04-12', 31);
  const applicant = await api('xq_county', 'POST', `/api/registry/v1/recruitment/campaigns/${campaign.id}/applicants`, { name: '聘用测试甲', national_id: id, education: 'benke' });
  assert.equal(applicant.eligible, true);
  for (const name of campaign.steps.slice(campaign.steps.indexOf('registration') + 1)) await step(name);

  const page = await loggedIn(browser, 'xq_county');
  await page.goto(`${BASE}/recruitment/${campaign.id}`);
  // A pre-check of someone with a disqualifying circumstance: refused with the reason, nothing registered.
  await page.getByTestId('eligibility-check').click();
  const check = page.getByRole('dialog');
  await check.getByLabel('身份证号', { exact: true }).fill(nationalId('640104', '1990-01-01', 45));
  await chooseIn(page, check, '学历', '本科');
  await chooseIn(page, check, '不得招聘情形', '受过刑事处罚');
  await check.getByRole('button', { name: /审\s*查/ }).click();
  await check.getByTestId('eligibility-result').getByText('不符合报名条件').waitFor();
  await check.getByTestId('eligibility-result').getByText('受过刑事处罚').waitFor();
  await check.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
  await check.waitFor({ state: 'hidden' });

  await page.getByTestId(`hire-${applicant.id}`).click();
  const hire = page.getByRole('dialog');
  await chooseIn(page, hire, '社区', '');  // the first community of the county
  await chooseIn(page, hire, '岗位', '专职工作人员');
  await pickDate(hire, '聘用日期', '2026-11-02');
  await hire.getByLabel('聘期（年）', { exact: true }).fill('3');
  await hire.getByRole('button', { name: /聘\s*用/ }).click();
  // A refusal stays in the modal: say what it was.
  await hire.waitFor({ state: 'hidden' }).catch(async (error) => assert.fail(`${error.message}\n${await hire.innerText()}`));

  const hired = (await api('xq_county', 'GET', `/api/registry/v1/recruitment/campaigns/${campaign.id}/applicants`)).find((a) => a.id === applicant.id);
  assert.ok(hired.hired_worker_id);
  assert.equal(hired.hired_on, '2026-11-02');
  const worker = await api('xq_county', 'GET', `/api/registry/v1/workers/${hired.hired_worker_id}`);
  assert.equal(worker.name, '聘用测试甲');
  assert.equal(worker.post, 'nx_staff');
  assert.ok(worker.community_code.startsWith(TOWNSHIP));
  await page.getByText('2026-11-02').waitFor();
  await page.context().close();
});
