import { defineGet } from '@/lib/define-call';

export const payrollRuns = defineGet<unknown>('payroll', '/v1/runs', ['home', 'payroll-runs']);
