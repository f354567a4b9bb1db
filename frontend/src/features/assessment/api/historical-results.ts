import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/types/assessment';
import { apiRequest, assessmentClient, downloadFile, isAvailable, unwrap } from '@/lib/api-client';

export type HistoricalResult = components['schemas']['HistoricalOut'];
export type HistoricalIn = components['schemas']['HistoricalIn'];
export type HistoricalCorrectionIn = components['schemas']['HistoricalCorrectionIn'];
export type HistoricalImportReport = components['schemas']['ImportReport'];
export type HistoricalImportRow = components['schemas']['ImportRow'];

export const historicalAvailable = () => isAvailable('assessment', 'GET', '/v1/historical-results');

/** Results from before the system in the caller's jurisdiction. */
export const getHistoricalResults = async (signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/historical-results', { signal }));

export function useHistoricalResults() {
  return useQuery({ queryKey: ['assessment', 'historical'], queryFn: ({ signal }) => getHistoricalResults(signal) });
}

/** Enter one past year's result with its source document (final at once, audited). */
export const enterHistoricalResult = async (body: HistoricalIn) =>
  unwrap(await assessmentClient.POST('/v1/historical-results', { body }));

/** Upload the filled sheet: every row is checked, nothing is written until confirm. */
export const uploadHistoricalImport = (file: File) => {
  const body = new FormData();
  body.append('file', file);
  return apiRequest<HistoricalImportReport>('assessment', 'POST', '/v1/historical-results/imports', { body });
};

export const confirmHistoricalImport = async (importId: string) =>
  unwrap(await assessmentClient.POST('/v1/historical-results/imports/{import_id}/confirm', { params: { path: { import_id: importId } } }));

/** Correct an entered result (a new revision in the results feed, with the reason; audited). */
export const correctHistoricalResult = async ({ resultId, body }: { resultId: string; body: HistoricalCorrectionIn }) =>
  unwrap(await assessmentClient.PUT('/v1/historical-results/{result_id}', { params: { path: { result_id: resultId } }, body }));

export const downloadHistoricalTemplate = () => downloadFile('assessment', '/v1/historical-results/template', '历史考核结果导入模板.xlsx');

function useRefreshing<A, R>(mutationFn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: ['assessment', 'historical'] }) });
}

export const useEnterHistoricalResult = () => useRefreshing(enterHistoricalResult);
export const useUploadHistoricalImport = () => useMutation({ mutationFn: uploadHistoricalImport });
export const useConfirmHistoricalImport = () => useRefreshing(confirmHistoricalImport);
export const useCorrectHistoricalResult = () => useRefreshing(correctHistoricalResult);
export const useDownloadHistoricalTemplate = () => useMutation({ mutationFn: downloadHistoricalTemplate });
