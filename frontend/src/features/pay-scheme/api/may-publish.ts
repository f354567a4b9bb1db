import { useSession } from '@/lib/auth';
import { actorsOf, roleMay, useMay, usePayrollTrail } from '@/lib/duties';
import type { Scheme } from './types';

/** The actions that make someone a drafter of a version (payroll DRAFTING_ACTIONS). */
const DRAFTING = ['pay_scheme.create', 'pay_scheme.update'];

/**
 * Whether the caller may publish this draft, as the payroll service decides: a provincial admin who neither
 * created nor edited it (its audit trail), unless the region's separation rule lets the drafter publish.
 */
export function useMayPublish(scheme: Scheme): { allowed: boolean; drafter: boolean } {
  const session = useSession();
  const asked = scheme.status === 'draft' && roleMay(session?.role, 'pay_scheme.publish');
  const trail = usePayrollTrail('pay_scheme', scheme.id, ['pay-scheme', 'one', scheme.id], asked);
  const earlier = actorsOf(trail.data, DRAFTING, scheme.created_by);
  const allowed = useMay('pay_scheme.publish', { region: scheme.region_prefix, rule: 'scheme_drafter_not_publisher', earlier });
  // Until the trail is read, only the creator is known: another editor may still turn out to be the caller.
  return { allowed: asked && allowed && !trail.isLoading, drafter: asked && !allowed };
}
