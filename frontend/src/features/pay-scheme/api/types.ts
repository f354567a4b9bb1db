import type { components } from '@/api/types/payroll';

export type SchemeSummary = components['schemas']['SchemeSummary'];
export type Scheme = components['schemas']['SchemeOut'];
export type PreviewIn = components['schemas']['PreviewIn'];
export type PreviewOut = components['schemas']['PreviewOut'];
export type ValidationOut = components['schemas']['ValidationOut'];
export type SimulationIn = components['schemas']['SimulationIn'];
export type SimulationOut = components['schemas']['SimulationOut'];
export type SimulationSide = components['schemas']['SimulationSide'];
