import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '@/lib/api-client';
import type { WorkerFilters } from './types';

/** The filtered worker list as a spreadsheet (same filters as the list, every page). */
export const exportWorkers = (filters: Omit<WorkerFilters, 'page' | 'size'>) =>
  downloadFile('registry', '/v1/workers/export', '人员名单.xlsx', filters as Record<string, string | readonly string[] | undefined>);

export function useExportWorkers() {
  return useMutation({ mutationFn: exportWorkers });
}
