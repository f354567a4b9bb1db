// Issue 14: the post catalogue and hiring in the browser. The provincial admin adds a post to the region's
// catalogue and changes its contract term (checked through the API; the county officer may not change a
// province-wide post); the county officer pre-checks a person's eligibility, records an eligible applicant's
// outcomes of the written test and interview, the medical and the background check as the campaign reaches each
// step (IM art.8), and hires the applicant, now on the public notice's list, with the contract's facts (checked
// through the API).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, api, chooseIn, launch, loggedIn, nationalId, pickDate, shot, submitDialog, token } from './helpers.mjs';

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

// The steps after registration as the campaign page names them (its "next step" button).
const STEP_ZH = { exam: '笔试与面试', medical: '体检', background_check: '考察', public_notice: '公示拟聘用人员名单' };

/** Record an applicant's outcome of a step as passed (the exam with its score) in the browser. */
async function recordPassed(page, step, applicantId, score) {
  const cell = page.getByTestId(`outcome-${step}-${applicantId}`);
  await cell.getByText('未录入').waitFor();
  await page.getByTestId(`record-${step}-${applicantId}`).click();
  const dialog = page.getByRole('dialog');
  await chooseIn(page, dialog, '结果', '通过');
  if (score) await dialog.getByLabel('成绩', { exact: true }).fill(score);
  await submitDialog(dialog);
  await cell.getByText(score ? `通过 ${score}` : '通过').waitFor();
}

test('the county officer pre-checks eligibility, records the outcomes and hires an applicant on the list', async () => {
  // A county's plan (IM art.8), reviewed by the city before its announcement.
  const campaign = await api('xq_county', 'POST', '/api/registry/v1/recruitment/campaigns', { region_code: COUNTY, title: '二〇二六年社区工作者招聘（测试）', positions: 1 });
  if (campaign.review_required) await api('yc_city', 'POST', `/api/registry/v1/recruitment/campaigns/${campaign.id}/review`, {});
  const step = (name) => api('xq_county', 'POST', `/api/registry/v1/recruitment/campaigns/${campaign.id}/steps`, { step: name });
  for (const name of campaign.steps.slice(1, campaign.steps.indexOf('registration') + 1)) await step(name);
  const id = nationalId('640104', '1995-04-12', 31);
  const applicant = await api('xq_county', 'POST', `/api/registry/v1/recruitment/campaigns/${campaign.id}/applicants`, { name: '聘用测试甲', national_id: id, education: 'benke' });
  assert.equal(applicant.eligible, true);

  const page = await loggedIn(browser, 'xq_county');
  await page.goto(`${BASE}/recruitment/${campaign.id}`);
  await page.getByTestId(`notice-${applicant.id}`).getByText('不在名单').waitFor();
  // Each later step entered in the browser; the written test and interview, the medical and the background check
  // recorded once the campaign has reached them. Only then is the applicant on the public notice's list.
  for (const name of campaign.steps.slice(campaign.steps.indexOf('registration') + 1)) {
    await page.getByRole('button', { name: `进入下一步：${STEP_ZH[name]}` }).click();
    if (name === 'public_notice') await page.getByTestId(`hire-${applicant.id}`).waitFor();
    else await recordPassed(page, name, applicant.id, name === 'exam' ? '86.5' : null);
  }
  await page.getByTestId(`notice-${applicant.id}`).getByText('在名单', { exact: true }).waitFor();
  assert.ok(await page.getByTestId(`hire-${applicant.id}`).isEnabled());
  const listed = (await api('xq_county', 'GET', `/api/registry/v1/recruitment/campaigns/${campaign.id}/applicants`)).find((a) => a.id === applicant.id);
  assert.equal(listed.on_public_notice_list, true);
  assert.deepEqual(
    Object.fromEntries(Object.entries(listed.outcomes).map(([name, outcome]) => [name, [outcome.passed, outcome.score]])),
    { exam: [true, '86.5'], medical: [true, null], background_check: [true, null] },
  );
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
