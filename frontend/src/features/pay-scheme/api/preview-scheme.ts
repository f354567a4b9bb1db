import { useMutation } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';
import type { PreviewIn } from './types';

/** What the draft would pay a sample of real workers in a month (nothing is saved). */
export const previewScheme = async ({ schemeId, body }: { schemeId: number; body: PreviewIn }) =>
  unwrap(await payrollClient.POST('/v1/pay-schemes/{scheme_id}/preview', { params: { path: { scheme_id: schemeId } }, body }));

export function usePreviewScheme() {
  return useMutation({ mutationFn: previewScheme });
}
