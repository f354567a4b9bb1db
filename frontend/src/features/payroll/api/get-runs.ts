import { defineGet } from '@/lib/define-call';

export const runs = defineGet<unknown>('payroll', '/v1/runs', ['payroll', 'runs']);
