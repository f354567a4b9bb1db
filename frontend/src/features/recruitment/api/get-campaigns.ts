import { defineGet } from '@/lib/define-call';

export const campaigns = defineGet<unknown>('registry', '/v1/recruitment/campaigns', ['recruitment', 'campaigns']);
