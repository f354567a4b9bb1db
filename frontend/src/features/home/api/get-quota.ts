import { isAvailable } from '@/lib/api-client';

export { useQuota } from '@/lib/shared-reads';

export const quotaAvailable = () => isAvailable('registry', 'GET', '/v1/quota');
