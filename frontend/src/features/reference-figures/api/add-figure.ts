import type { components } from '@/api/types/payroll';
import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type FigureIn = components['schemas']['FigureIn'];

/** POST /v1/reference-figures: a new version of a figure (provincial admins and city officers, inside their prefix). */
export const addFigure = async (body: FigureIn) => unwrap(await payrollClient.POST('/v1/reference-figures', { body }));

export const useAddFigure = () => useInvalidatingMutation(addFigure, ['reference-figures']);
