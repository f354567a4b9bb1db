import { useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { DeclarationImport } from './types';

/** Upload declarations (工号, 扣除项目, 情形, 人数, 每月金额, 起始月份, 截止月份, 依据): all rows or none. */
export const importDeclarations = (file: File) => {
  const body = new FormData();
  body.append('file', file);
  return apiRequest<DeclarationImport>('payroll', 'POST', '/v1/tax-declarations/import', { body });
};

export function useImportDeclarations() {
  const client = useQueryClient();
  return async (file: File) => {
    const result = await importDeclarations(file);
    await client.invalidateQueries({ queryKey: ['payroll', 'declarations'] });
    return result;
  };
}
