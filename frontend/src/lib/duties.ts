import { useQuery } from '@tanstack/react-query';
import type { components as PayrollSchemas } from '@/api/types/payroll';
import type { components as RegistrySchemas } from '@/api/types/registry';
import { isAvailable, payrollClient, registryClient, unwrap } from './api-client';
import { useSession } from './auth';
import { currentSubject } from './lookups';
import matrix from './role-matrix.json';

/**
 * Who may do what, as the services decide it, so a page offers a button only to someone the server would let
 * press it. Two facts, as the services apply them (`cwm_kit.duties`):
 * - the role matrix: `role-matrix.json` is `cwm_kit.duties.ROLE_MATRIX` as data (libs/kit/tests/test_duties.py
 *   fails when they differ);
 * - separation of duties: whoever did an earlier step of a run or scheme (its audit trail, as the payroll
 *   service reads it) may not do the next one while the region's `duties.separation` rule (GET
 *   /v1/management-rules) keeps that rule on — on unless a province's rule turns it off, and on while it is
 *   not known, as the services' strict default.
 */
export type DutyAction = keyof typeof matrix;
export type SeparationRule = 'run_preparer_not_approver' | 'run_approver_not_payer' | 'scheme_drafter_not_publisher' | 'assessment_proposer_not_decider';
export type RuleOut = RegistrySchemas['schemas']['RuleOut'];
export type TrailEntry = PayrollSchemas['schemas']['AuditEntry'];

/** Who may export a run's bank file and the withholding declaration (payroll exports: finance officers). */
export const EXPORTERS = ['finance_officer'];

/**
 * Who sees payroll runs: runs are made for a province, city, county or township (RunStart.region_code) and read
 * inside the caller's jurisdiction, so a community's account — the party secretary's (the registry grants that role
 * at community level only) — never sees one; workers see their own payslips, not runs.
 */
export const RUN_READERS = ['provincial_admin', 'city_officer', 'county_officer', 'township_officer', 'finance_officer', 'auditor'];

export function roleMay(role: string | null | undefined, action: DutyAction): boolean {
  return Boolean(role) && (matrix[action] as string[]).includes(role!);
}

/** Whether a separation rule is on for the region whose rules these are (unknown: on). */
export function separationOn(rules: RuleOut[] | undefined, rule: SeparationRule): boolean {
  const params = rules?.find((r) => r.kind === 'duties.separation')?.params;
  return !(params && params[rule] === false);
}

/** The accounts that did `actions` in an audit trail, with `also` (e.g. a run's created_by). */
export function actorsOf(trail: TrailEntry[] | undefined, actions: string[], ...also: (string | null | undefined)[]): string[] {
  const found = (trail ?? []).filter((entry) => actions.includes(entry.action)).map((entry) => entry.actor);
  return [...new Set([...found, ...also.filter((a): a is string => Boolean(a))])];
}

/** Each actor of a trail by account subject: the name and role they acted with (their latest entry). */
export function peopleOf(trail: TrailEntry[] | undefined): Map<string, { name: string | null; role: string }> {
  const people = new Map<string, { name: string | null; role: string }>();
  for (const entry of [...(trail ?? [])].reverse()) people.set(entry.actor, { name: entry.actor_name ?? null, role: entry.actor_role });
  return people;
}

export interface MayInput {
  role: string | null | undefined;
  /** The caller's account subject. */
  me: string | null | undefined;
  action: DutyAction;
  /** The separation rule between the earlier step and this one, and whoever did the earlier step. */
  rule?: SeparationRule;
  earlier?: readonly string[];
  /** The region's management rules; undefined while not known (the rule counts as on). */
  rules?: RuleOut[];
}

/** The role matrix, then maker–checker: refused when the caller did the earlier step and the rule is on. */
export function may({ role, me, action, rule, earlier = [], rules }: MayInput): boolean {
  if (!roleMay(role, action)) return false;
  if (!rule || !me || !earlier.includes(me)) return true;
  return !separationOn(rules, rule);
}

/** The management rules of a region (the same read and key as the management page's). */
export function useManagementRules(region: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['registry', 'rules', region ?? ''],
    queryFn: async ({ signal }) => unwrap(await registryClient.GET('/v1/management-rules', { params: { query: { region: region! } }, signal })),
    enabled: enabled && Boolean(region) && isAvailable('registry', 'GET', '/v1/management-rules'),
    staleTime: 60_000,
  });
}

/**
 * The payroll service's audit trail of one run or pay scheme: who did each step, by name and role as they were
 * when they acted. Kept under the thing's own query key (`key`), so the writes that refresh it refresh this too.
 */
export function usePayrollTrail(entity: 'payroll_run' | 'pay_scheme', entityId: string | number | null | undefined, key: readonly unknown[], enabled = true) {
  const session = useSession();
  return useQuery({
    queryKey: [...key, 'trail'],
    queryFn: async ({ signal }) =>
      unwrap(await payrollClient.GET('/v1/audit', { params: { query: { entity, entity_id: String(entityId), size: 200 } }, signal })).items,
    enabled: enabled && entityId !== null && entityId !== undefined && Boolean(session) && session?.role !== 'worker' && isAvailable('payroll', 'GET', '/v1/audit'),
  });
}

/**
 * Whether the caller may do `action`: the role matrix; with a `rule`, also separation from `earlier` (the region's
 * rule is asked only when the caller is one of them). Undefined `earlier` (the trail not read yet) counts as
 * nobody but `also`.
 */
export function useMay(action: DutyAction, { region, rule, earlier = [] }: { region?: string | null; rule?: SeparationRule; earlier?: readonly string[] } = {}): boolean {
  const session = useSession();
  const me = currentSubject(session?.accessToken);
  const involved = Boolean(rule && me && earlier.includes(me) && roleMay(session?.role, action));
  const rules = useManagementRules(region, involved);
  return may({ role: session?.role, me, action, rule, earlier, rules: rules.data });
}
