import { useMutation } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { apiRequest, isAvailable } from '@/lib/api-client';

export type ImportReport = components['schemas']['ImportReport'];
export type ImportRow = components['schemas']['ImportRowOut'];

export const uploadImportAvailable = () => isAvailable('registry', 'POST', '/v1/imports');

/** Upload the Excel file (multipart): the registry checks every row and answers with a row report. */
export const uploadImport = (file: File) => {
  const body = new FormData();
  body.append('file', file);
  return apiRequest<ImportReport>('registry', 'POST', '/v1/imports', { body });
};

export function useUploadImport() {
  return useMutation({ mutationFn: uploadImport });
}
