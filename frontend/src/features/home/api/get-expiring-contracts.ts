import { defineGet } from '@/lib/define-call';

export const expiringContracts = defineGet<unknown>('registry', '/v1/contracts/expiring', ['home', 'contracts']);
