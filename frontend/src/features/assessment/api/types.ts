import type { components } from '@/api/types/assessment';

export type Cycle = components['schemas']['CycleOut'];
export type Assessment = components['schemas']['AssessmentOut'];
export type AssessmentStatus = components['schemas']['Status'];
export type Result = components['schemas']['Result'];
export type UnitStatistics = components['schemas']['UnitStatistics'];
