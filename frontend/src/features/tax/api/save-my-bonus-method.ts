import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';
import type { BonusMethod } from './types';

/** Choose how my year-end one-off bonus is taxed in a tax year (audited). */
export const saveMyBonusMethod = async ({ year, method }: { year: number; method: BonusMethod }) =>
  unwrap(await payrollClient.PUT('/v1/me/year-end-bonus-tax/{year}', { params: { path: { year } }, body: { method } }));

export const useSaveMyBonusMethod = () => useInvalidatingMutation(saveMyBonusMethod, ['payroll', 'bonus-method']);
