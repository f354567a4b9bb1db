import { useMutation, useQueryClient } from '@tanstack/react-query';
import { downloadFile, isAvailable } from '@/lib/api-client';

export const bankFileAvailable = () => isAvailable('payroll', 'GET', '/v1/runs/{run_id}/bank-file');

/** The bank's payroll file (代发文件) of an approved run; answers the SHA-256 the payroll service kept for it. */
export const downloadBankFile = async ({ runId, format, name }: { runId: string; format: 'xlsx' | 'csv'; name: string }) => {
  const { headers } = await downloadFile('payroll', `/v1/runs/${encodeURIComponent(runId)}/bank-file`, `${name}.${format}`, { format });
  return { runId, checksum: headers.get('X-Checksum-SHA256') ?? '' };
};

export function useDownloadBankFile() {
  const client = useQueryClient();
  return useMutation({ mutationFn: downloadBankFile, onSuccess: () => client.invalidateQueries({ queryKey: ['payroll'] }) });
}
