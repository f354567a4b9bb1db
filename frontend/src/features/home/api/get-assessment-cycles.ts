import { isAvailable } from '@/lib/api-client';

export { useCycles } from '@/lib/shared-reads';

export const cyclesAvailable = () => isAvailable('assessment', 'GET', '/v1/cycles');
