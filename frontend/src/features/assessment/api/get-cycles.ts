import { defineGet } from '@/lib/define-call';

export const cycles = defineGet<unknown>('assessment', '/v1/cycles', ['assessment', 'cycles']);
