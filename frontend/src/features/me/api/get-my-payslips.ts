// Also read by the tax page (the month a PDF defaults to): one key, in lib/shared-reads.ts.
export { getMyPayslips, myPayslipsQueryOptions as getMyPayslipsQueryOptions, myPayslipsAvailable, useMyPayslips } from '@/lib/shared-reads';
