import type { components } from '@/api/types/payroll';

export type Run = components['schemas']['RunOut'];
export type RunDetail = components['schemas']['RunDetail'];
export type RunStart = components['schemas']['RunStart'];
export type PayslipSummary = components['schemas']['PayslipSummary'];
export type PayslipDetail = components['schemas']['PayslipDetail'];
export type { RunsQuery } from '@/lib/shared-reads';
