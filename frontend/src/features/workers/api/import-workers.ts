import { useMutation } from '@tanstack/react-query';
import { apiRequest, isAvailable } from '@/lib/api-client';

export interface ImportRowReport {
  row: number;
  status?: string;
  name?: string | null;
  errors?: { field: string; code: string; message_zh: string; message_en: string }[];
  [field: string]: unknown;
}

export interface ImportReport {
  id: string;
  status?: string;
  total_rows?: number;
  valid_rows?: number;
  invalid_rows?: number;
  rows: ImportRowReport[];
  [field: string]: unknown;
}

export const importWorkersAvailable = () => isAvailable('registry', 'POST', '/v1/workers/imports');

/** Upload the Excel file: the registry checks every row and answers with a row-by-row report. */
export const uploadWorkerImport = (file: File) => {
  const body = new FormData();
  body.append('file', file);
  return apiRequest<ImportReport>('registry', 'POST', '/v1/workers/imports', { body });
};

export function useUploadWorkerImport() {
  return useMutation({ mutationFn: uploadWorkerImport });
}
