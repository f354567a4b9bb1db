import { describe, expect, it } from 'vitest';
import { actorsOf, may, peopleOf, roleMay, RUN_READERS, separationOn, type RuleOut, type TrailEntry } from './duties';

const entry = (actor: string, action: string, name: string, role: string): TrailEntry =>
  ({ id: 1, at: '2026-12-03T06:43:00Z', actor, actor_role: role, actor_name: name, action, entity: 'payroll_run', entity_id: 'r1', region_code: '640104001', reason: null, request_id: null }) as TrailEntry;
const relaxed = (rule: string): RuleOut[] => [{ kind: 'duties.separation', region_prefix: '64', effective_from: '2026-01-01', source: 'x', params: { [rule]: false } }];

describe('who may do what (the role matrix and separation of duties)', () => {
  it('finance officers approve and pay; they never start, recalculate or cancel a run', () => {
    for (const action of ['payroll_run.start', 'payroll_run.recalculate', 'payroll_run.cancel'] as const) {
      expect(roleMay('finance_officer', action)).toBe(false);
      expect(roleMay('township_officer', action)).toBe(true);
      expect(roleMay('auditor', action)).toBe(false);
    }
    expect(roleMay('finance_officer', 'payroll_run.approve')).toBe(true);
    expect(roleMay('finance_officer', 'payroll_run.pay')).toBe(true);
    expect(roleMay('township_officer', 'payroll_run.approve')).toBe(false);
    expect(roleMay(undefined, 'payroll_run.pay')).toBe(false);
  });

  it('the approver may not mark the run paid while the rule is on (and while it is not known)', () => {
    const pay = { role: 'finance_officer', action: 'payroll_run.pay', rule: 'run_approver_not_payer', earlier: ['cashier'] } as const;
    expect(may({ ...pay, me: 'cashier' })).toBe(false);
    expect(may({ ...pay, me: 'cashier', rules: [] })).toBe(false);
    expect(may({ ...pay, me: 'cashier', rules: relaxed('run_approver_not_payer') })).toBe(true);
    expect(may({ ...pay, me: 'cashier', rules: relaxed('run_preparer_not_approver') })).toBe(false);
    expect(may({ ...pay, me: 'finance' })).toBe(true);
    expect(may({ ...pay, role: 'auditor', me: 'auditor' })).toBe(false);
  });

  it('the drafter of a scheme may not publish it; another provincial admin may', () => {
    const trail = [entry('nx_admin', 'pay_scheme.update', '宁夏管理员', 'provincial_admin'), entry('nx_admin', 'pay_scheme.create', '宁夏管理员', 'provincial_admin')];
    const earlier = actorsOf(trail, ['pay_scheme.create', 'pay_scheme.update'], 'creator');
    expect(earlier.sort()).toEqual(['creator', 'nx_admin']);
    const publish = { role: 'provincial_admin', action: 'pay_scheme.publish', rule: 'scheme_drafter_not_publisher', earlier } as const;
    expect(may({ ...publish, me: 'nx_admin' })).toBe(false);
    expect(may({ ...publish, me: 'creator' })).toBe(false);
    expect(may({ ...publish, me: 'nx_checker' })).toBe(true);
  });

  it('a separation rule is on unless the region’s rule document turns it off', () => {
    expect(separationOn(undefined, 'run_approver_not_payer')).toBe(true);
    expect(separationOn([{ ...relaxed('x')[0], kind: 'other', params: { run_approver_not_payer: false } }], 'run_approver_not_payer')).toBe(true);
    expect(separationOn(relaxed('run_approver_not_payer'), 'run_approver_not_payer')).toBe(false);
  });

  it('names each actor as they last acted', () => {
    const people = peopleOf([entry('a', 'approve', '新名字', 'finance_officer'), entry('a', 'start', '旧名字', 'finance_officer')]);
    expect(people.get('a')).toEqual({ name: '新名字', role: 'finance_officer' });
  });

  it('the party secretary (a community account) is no reader of payroll runs', () => {
    expect(RUN_READERS).not.toContain('party_secretary');
    expect(RUN_READERS).not.toContain('worker');
    expect(RUN_READERS).toEqual(expect.arrayContaining(['township_officer', 'finance_officer', 'auditor']));
  });
});
