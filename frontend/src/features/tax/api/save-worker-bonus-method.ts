import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';
import type { BonusMethod } from './types';

/** An officer records how a worker's year-end one-off bonus is taxed in a tax year (audited). */
export const saveWorkerBonusMethod = async ({ workerId, year, method }: { workerId: string; year: number; method: BonusMethod }) =>
  unwrap(
    await payrollClient.PUT('/v1/workers/{worker_id}/year-end-bonus-tax/{year}', {
      params: { path: { worker_id: workerId, year } },
      body: { method },
    }),
  );

export const useSaveWorkerBonusMethod = () => useInvalidatingMutation(saveWorkerBonusMethod, ['payroll', 'bonus-method']);
