import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const myGradeAvailable = () => isAvailable('payroll', 'GET', '/v1/me/grade');

export const getMyGrade = async (signal?: AbortSignal) => unwrap(await payrollClient.GET('/v1/me/grade', { signal }));

export const getMyGradeQueryOptions = () => queryOptions({ queryKey: ['me', 'grade'], queryFn: ({ signal }) => getMyGrade(signal) });

export function useMyGrade() {
  return useQuery(getMyGradeQueryOptions());
}
