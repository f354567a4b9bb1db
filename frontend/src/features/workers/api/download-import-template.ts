import { useMutation } from '@tanstack/react-query';
import { downloadFile, isAvailable } from '@/lib/api-client';

export const importTemplateAvailable = () => isAvailable('registry', 'GET', '/v1/imports/template');

export const downloadImportTemplate = () => downloadFile('registry', '/v1/imports/template', '人员导入模板.xlsx');

export function useDownloadImportTemplate() {
  return useMutation({ mutationFn: downloadImportTemplate });
}
