import type { components } from '@/api/types/payroll';

export type Run = components['schemas']['RunOut'];
export type OneOffItem = components['schemas']['ItemOut'];
export type OneOffItemIn = components['schemas']['ItemIn'];
export type OneOffItemUpdate = components['schemas']['ItemUpdate'];
export type OneOffKind = components['schemas']['KindOut'];
export type OneOffImport = components['schemas']['ItemImportOut'];
