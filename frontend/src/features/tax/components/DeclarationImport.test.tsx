import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { renderPage } from '@/test/render';
import type { TaxRules } from '../api/types';
import { DeclarationImport } from './DeclarationImport';

vi.mock('@/api/types/available', () => ({
  availableOperations: { registry: [], payroll: ['GET /v1/tax-declarations/import-template', 'POST /v1/tax-declarations/import'], assessment: [] },
}));

// Two kinds of the 2023 document (services/payroll/src/payroll/tax/documents/cn-iit-2023.json).
const rules = {
  name: '个人所得税（综合所得·工资薪金）预扣预缴规则 2023',
  effective_from_year: 2023,
  basic_deduction_monthly: '5000.00',
  brackets: [],
  deductions: {
    children_education: {
      label_zh: '子女教育', label_en: "children's education", group: 'special_additional', per_unit: true, unit_zh: '名子女',
      variants: { standard: { label_zh: '学前教育及学历教育', label_en: 'education', monthly_cap: '2000.00' } },
    },
    housing_rent: {
      label_zh: '住房租金', label_en: 'housing rent', group: 'special_additional',
      variants: {
        tier1: { label_zh: '直辖市、省会（首府）城市、计划单列市等', label_en: 'tier 1', monthly_cap: '1500.00' },
        tier3: { label_zh: '市辖区户籍人口不超过100万的城市', label_en: 'tier 3', monthly_cap: '800.00' },
      },
    },
  },
} as unknown as TaxRules;

describe('DeclarationImport', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'township_officer', jurisdiction: '640104001', workerId: null, displayName: null, username: 'xq_town' });
    vi.stubGlobal('fetch', fetchMock);
    URL.createObjectURL = vi.fn(() => 'blob:template');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('explains the import in Chinese with the year’s labels, no codes, and downloads the year’s template', async () => {
    fetchMock.mockResolvedValue(new Response(new Blob(['xlsx']), { status: 200 }));
    renderPage(<DeclarationImport year={2025} onYear={() => undefined} rules={rules} />);
    expect(screen.getByTestId('declaration-import-help')).toHaveTextContent('从下拉列表中选择中文名称');
    const kinds = screen.getByTestId('declaration-import-kinds');
    expect(kinds).toHaveTextContent('住房租金直辖市、省会（首府）城市、计划单列市等（每月 ¥1,500.00）；市辖区户籍人口不超过100万的城市（每月 ¥800.00）');
    expect(kinds.textContent).not.toMatch(/children_education|tier1|standard/);
    fireEvent.click(screen.getByTestId('declaration-template'));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const url = (fetchMock.mock.calls[0][0] as Request).url;
    expect(url).toContain('/v1/tax-declarations/import-template?year=2025');
  });
});
