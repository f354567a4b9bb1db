import { defineGet } from '@/lib/define-call';

export const workerPayslips = defineGet<unknown>('payroll', '/v1/payslips', ['workers', 'payslips']);
