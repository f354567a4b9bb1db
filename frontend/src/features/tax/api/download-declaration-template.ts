import { useMutation } from '@tanstack/react-query';
import { downloadFile, isAvailable } from '@/lib/api-client';

export const declarationTemplateAvailable = () => isAvailable('payroll', 'GET', '/v1/tax-declarations/import-template');

/** The declaration import template of a tax year: Chinese headers, dropdowns of that year's deductions and cases. */
export const downloadDeclarationTemplate = (year: number) =>
  downloadFile('payroll', '/v1/tax-declarations/import-template', `个税扣除申报导入模板-${year}.xlsx`, { year });

export function useDownloadDeclarationTemplate() {
  return useMutation({ mutationFn: downloadDeclarationTemplate });
}
