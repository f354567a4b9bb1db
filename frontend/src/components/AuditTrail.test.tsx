import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { describe as describeCode } from '@/lib/vocab';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { type AuditEntry, AuditTable } from './AuditTrail';

// Entries as the services write them (taken from a demo stack: xq_auditor's /audit of each service).
const PROVINCE = '2138695b-28cd-4fe4-9deb-5843d8380e46';
const COUNTY = '3a4645c8-fbad-43af-bdcb-9b33b49a26e2';
const CITY = '19090e71-f161-444f-8f6c-8dab0dcece06';
const LEFT = 'e15e0ac0-13ec-5d5f-beb0-4c9a062699a3';
const LISTED = 'df53262c-f44f-5d93-a73e-fb7f7d84b6a5';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let id = 0;
const entry = (fields: Partial<AuditEntry> & Pick<AuditEntry, 'action' | 'entity' | 'actor' | 'actor_role'>): AuditEntry => ({
  id: (id += 1), at: '2026-12-03T06:56:33Z', actor_name: null, entity_id: 'e', worker_id: null, region_code: null, region_name: null,
  reason: null, before: null, after: null, request_id: null, ...fields,
});

const exception = (status: string, decided: string | null) => ({
  id: '50c8fe75-aac9-4e2b-8f93-b45de40d283c', reason: '新建小区入住，服务人口增加', status, decided_at: decided ? '2026-12-03T06:56:33.841507+00:00' : null,
  decided_by: decided, valid_from: '2026-12-03', extra_posts: 2, region_code: '640104001002', valid_until: null,
  requested_at: '2026-12-03T06:56:33.730529+00:00', requested_by: COUNTY, decision_note: decided ? '不符合条件' : null,
});

const REGISTRY = [
  entry({ action: 'quota.exception.reject', entity: 'quota_exception', actor: PROVINCE, actor_role: 'provincial_admin', actor_name: '宁夏民政厅管理员',
    region_code: '640104001002', region_name: '民乐社区', reason: '不符合条件', before: exception('pending', null), after: exception('rejected', PROVINCE) }),
  entry({ action: 'quota.exception.request', entity: 'quota_exception', actor: COUNTY, actor_role: 'county_officer', actor_name: '兴庆区社会工作部',
    region_code: '640104001002', region_name: '民乐社区', reason: '新建小区入住', after: exception('pending', null) }),
  entry({ action: 'quota.community_number.approve', entity: 'community_number', actor: CITY, actor_role: 'city_officer', actor_name: '银川市社会工作部',
    before: { status: 'pending', decided_by: null }, after: { status: 'approved', decided_by: CITY } }),
];

const RUN = { kind: 'monthly', month: '2026-09', net_total: '21719.58', gross_total: '33327.52', worker_count: 8, region_code: '640104001' };
const PAYROLL = [
  entry({ action: 'bank_file', entity: 'payroll_run', actor: 'a4716811-89d5-4f60-8c3b-b7890dac3b82', actor_role: 'finance_officer', actor_name: '兴庆区新华街道财务',
    before: { bank_file_sha256: null },
    after: { rows: 8, total: '21719.58', format: 'csv', owed_back: '0.00', bank_file_sha256: '6e5d7286f36534ec940f548d743da6986e7791c2bdb3de30ee0b6a4e23fa322b' } }),
  entry({ action: 'calculate', entity: 'payroll_run', actor: 'payroll-worker', actor_role: 'service',
    after: { state: 'calculated', attempts: 1, net_total: '21719.58', gross_total: '33327.52', worker_count: 8, arrears_total: '0.00' } }),
  entry({ action: 'approve', entity: 'payroll_run', actor: '24a99245-d7ae-48b7-97a7-24fd8e85d6cb', actor_role: 'finance_officer', actor_name: '兴庆区新华街道出纳',
    before: { ...RUN, state: 'calculated', approved_by: null }, after: { ...RUN, state: 'approved', approved_by: '24a99245-d7ae-48b7-97a7-24fd8e85d6cb' } }),
];

const ASSESSMENT = [
  entry({ action: 'cycle.assessees.add', entity: 'cycle', actor: COUNTY, actor_role: 'county_officer', actor_name: '兴庆区社会工作部', region_code: '640104',
    after: { added: [], source: 'registry', skipped: [{ reason: 'left_before_year_end', worker_id: LEFT }, { reason: 'unreadable_facts', worker_id: null }] } }),
  entry({ action: 'cycle.assessees.add', entity: 'cycle', actor: COUNTY, actor_role: 'county_officer', actor_name: '兴庆区社会工作部', region_code: '640104',
    after: { added: [LISTED], source: 'registry', skipped: [] } }),
  entry({ action: 'assessment.finalize', entity: 'assessment', actor: 'demo', actor_role: 'township_officer', worker_id: LISTED,
    reason: '演示数据（往期考核结果补录） / demo data (back-dated)',
    before: { status: 'pending' }, after: { score: '84.20', result: 'competent', status: 'final' } }),
];

const WORKERS = [
  { id: LEFT, name: '陆磊', status: 'resigned' },
  { id: LISTED, name: '曹英', status: 'active' },
];

describe('AuditTable: every action, field and value in words', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const asked: string[] = [];
  beforeEach(() => {
    setSession({ accessToken: `h.${btoa(JSON.stringify({ sub: 'auditor-1' }))}.s`, refreshToken: null, role: 'auditor', jurisdiction: '640104', workerId: null, displayName: '审计', username: 'xq_auditor' });
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async (input) => {
      const url = new URL((input as Request).url, 'http://x');
      asked.push(url.pathname);
      if (url.pathname === '/api/registry/v1/workers') {
        const ids = url.searchParams.getAll('id');
        const items = WORKERS.filter((worker) => ids.includes(worker.id));
        return jsonResponse({ items, total: items.length, page: 1, size: 200 });
      }
      if (url.pathname === '/api/registry/v1/regions') return jsonResponse([]);
      // The registry shows an auditor no account outside the jurisdiction (a provincial officer's).
      return problemResponse(404, { code: 'not_found', message_zh: '记录不存在或不在您的管辖范围内', message_en: 'not found' });
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    asked.length = 0;
    vi.unstubAllGlobals();
    setSession(null);
  });

  const table = () => screen.getByTestId('audit-table').textContent ?? '';

  it('a quota exception: its actions, its own status words, the decider by the name the entry records, no account looked up', async () => {
    renderPage(<AuditTable entries={REGISTRY} testId="audit-table" />);
    await waitFor(() => expect(table()).toContain('驳回编额例外'));
    const text = table();
    expect(text).toContain('申请编额例外');
    expect(text).toContain('批准社区核定人数');
    expect(text).toContain('待审批 → 已驳回');
    expect(text).toContain('待审批 → 已批准');
    expect(text).not.toContain('待建议');
    expect(text).not.toContain('异议不成立');
    expect(text).toContain('审批人：— → 宁夏民政厅管理员（省级管理员）');
    expect(text).not.toContain('其他用户');
    expect(text).not.toMatch(/quota\.|[a-z]+_[a-z]+/);
    expect(asked.filter((path) => path.startsWith('/api/registry/v1/accounts'))).toEqual([]);
  });

  it('payroll: the calculation and the bank file in words, the checksum cut short', async () => {
    renderPage(<AuditTable entries={PAYROLL} testId="audit-table" />);
    await waitFor(() => expect(table()).toContain('生成银行代发文件'));
    const text = table();
    expect(text).toContain('完成核算');
    expect(text).toContain('核算次数：1');
    expect(text).toContain('代发合计：¥21,719.58');
    expect(text).toContain('应退回金额：¥0.00');
    expect(text).toContain('文件格式：文本文件（逗号分隔）');
    expect(text).toContain('代发人数：8');
    expect(text).toContain('代发文件校验码：— → 6e5d7286f365…');
    expect(text).toContain('已核算，待审批 → 已审批，待发放');
    expect(text).not.toMatch(/\b(bank_file|calculate|total|format|owed_back|attempts|csv)\b/);
    expect(asked.filter((path) => path.startsWith('/api/registry/v1/accounts'))).toEqual([]);
  });

  it('assessment: where the list came from, who was left out and why, by name; an empty list not shown', async () => {
    renderPage(<AuditTable entries={ASSESSMENT} testId="audit-table" />);
    await waitFor(() => expect(table()).toContain('陆磊（年底前已离岗）'));
    const text = table();
    expect(text).toContain('名单来源：人员库');
    expect(text).toContain('未列入：陆磊（年底前已离岗）；人员信息无法读取');
    expect(text).toContain('列入考核：1 人：曹英');
    expect(text.match(/列入考核/g)).toHaveLength(1);
    expect(text).toContain('待建议 → 已定');
    // The seed's reason in the reader's language.
    expect(text).toContain('演示数据（往期考核结果补录）');
    expect(text).not.toContain('demo data');
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/registry|left_before_year_end|unreadable_facts/);
    expect(text).not.toContain('新增');
  });
});

describe('describe: a code in its own field’s list', () => {
  it('reads a status in the entity’s own list, not the first list that has the code', () => {
    expect(describeCode('pending', 'zh', { entity: 'quota_exception', field: 'status' })).toBe('待审批');
    expect(describeCode('rejected', 'zh', { entity: 'quota_exception', field: 'status' })).toBe('已驳回');
    expect(describeCode('approved', 'zh', { entity: 'community_number', field: 'status' })).toBe('已批准');
    expect(describeCode('pending', 'zh', { entity: 'assessment', field: 'status' })).toBe('待建议');
    expect(describeCode('rejected', 'zh', { entity: 'objection', field: 'status' })).toBe('异议不成立');
    expect(describeCode('approved', 'zh', { entity: 'payroll_run', field: 'state' })).toBe('已审批，待发放');
    expect(describeCode('csv', 'zh', { entity: 'payroll_run', field: 'format' })).toBe('文本文件（逗号分隔）');
  });
});
