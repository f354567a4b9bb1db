import { useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';
import { useSession } from '@/lib/auth';

const STEPS = ['approve', 'pay'] as const;

/** The latest approvals and payments of runs in the jurisdiction (the payroll audit trail): who did them, by name
 * and role as they acted, for the 审批 and 发放 columns. */
export const getRunSteps = async (signal?: AbortSignal) => {
  const pages = await Promise.all(
    STEPS.map(async (action) => unwrap(await payrollClient.GET('/v1/audit', { params: { query: { entity: 'payroll_run', action, size: 200 } }, signal }))),
  );
  return pages.flatMap((page) => page.items);
};

export function useRunSteps() {
  const session = useSession();
  return useQuery({
    queryKey: ['payroll', 'run-steps'],
    queryFn: ({ signal }) => getRunSteps(signal),
    enabled: Boolean(session) && session?.role !== 'worker' && isAvailable('payroll', 'GET', '/v1/audit'),
  });
}
