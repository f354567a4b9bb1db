import { isAvailable } from '@/lib/api-client';

/** Allowed (from residents and the region's rule) vs filled places, per county and community. */
export { useQuota } from '@/lib/shared-reads';

export const quotaAvailable = () => isAvailable('registry', 'GET', '/v1/quota');
