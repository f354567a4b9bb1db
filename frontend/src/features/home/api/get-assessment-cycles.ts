import { defineGet } from '@/lib/define-call';

export const assessmentCycles = defineGet<unknown>('assessment', '/v1/cycles', ['home', 'cycles']);
