import { useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { OneOffImport } from './types';

/** Upload an import sheet (工号, 月份, 项目, 金额, 是否计税, 依据): all rows or none, a row report on errors. */
export const importOneOffItems = (file: File) => {
  const body = new FormData();
  body.append('file', file);
  return apiRequest<OneOffImport>('payroll', 'POST', '/v1/one-off-items/import', { body });
};

export function useImportOneOffItems() {
  const client = useQueryClient();
  return async (file: File) => {
    const result = await importOneOffItems(file);
    await client.invalidateQueries({ queryKey: ['payroll', 'one-off-items'] });
    return result;
  };
}
