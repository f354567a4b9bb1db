import type { components } from '@/api/types/assessment';
import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type DailyRecordIn = components['schemas']['DailyRecordIn'];

/** Daily-management records (monthly or quarterly score, absences). */
export const saveDailyRecords = async ({ cycleId, records }: { cycleId: string; records: DailyRecordIn[] }) =>
  unwrap(await assessmentClient.PUT('/v1/cycles/{cycle_id}/daily-records', { params: { path: { cycle_id: cycleId } }, body: { records } }));

export const useSaveDailyRecords = () => useInvalidatingMutation(saveDailyRecords, ['assessment']);
