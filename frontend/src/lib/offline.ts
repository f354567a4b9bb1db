// The worker's app offline: the service worker (vite-plugin-pwa, vite.config.ts) keeps the last answers of
// GET /api/payroll/v1/me/payslips[/{month}] in this cache; the page reads them back when there is no network.
import type { components } from '@/api/types/payroll';

export const PAYSLIP_CACHE = 'cwm-my-payslips';
const BASE = '/api/payroll/v1/me/payslips';

type PayslipSummary = components['schemas']['PayslipSummary'];
type PayslipMonth = components['schemas']['MonthPayslips'];

async function cached<T>(path: string): Promise<T | null> {
  if (typeof caches === 'undefined') return null;
  try {
    const cache = await caches.open(PAYSLIP_CACHE);
    const response = await cache.match(path, { ignoreVary: true, ignoreSearch: true });
    return response ? ((await response.json()) as T) : null;
  } catch {
    return null;
  }
}

/** The last payslip list this device showed, and the latest month's lines when they were shown too. */
export async function lastCachedPayslip(): Promise<{ list: PayslipSummary[]; month: string; detail: PayslipMonth | null } | null> {
  const list = await cached<PayslipSummary[]>(BASE);
  if (!list || list.length === 0) return null;
  const month = list.map((row) => row.month).sort().at(-1)!;
  return { list, month, detail: await cached<PayslipMonth>(`${BASE}/${month}`) };
}

/** Forget the cached payslips (logout: the next person on this device sees nothing). */
export async function clearOfflineData(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(PAYSLIP_CACHE).catch(() => false);
}
