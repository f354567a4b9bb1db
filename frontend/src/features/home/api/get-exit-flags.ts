import { defineGet } from '@/lib/define-call';

export const exitFlags = defineGet<unknown>('registry', '/v1/exit-flags', ['home', 'exit-flags']);
