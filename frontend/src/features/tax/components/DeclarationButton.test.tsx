import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderPage } from '@/test/render';
import { watchRejections } from '@/test/rejections';
import type { TaxRules } from '../api/types';
import { DeclarationButton } from './DeclarationButton';

const rules = { name: '个人所得税专项附加扣除（2023）', deductions: {} } as unknown as TaxRules;

describe('DeclarationButton', () => {
  it('submitted with nothing chosen: the rules show next to the fields, no call, no unhandled rejection', async () => {
    const watch = watchRejections();
    const onSave = vi.fn().mockResolvedValue(null);
    renderPage(<DeclarationButton rules={rules} year={2026} label="新增申报" onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: /新增申报/ }));
    fireEvent.click(await screen.findByRole('button', { name: /提\s*交/ }));
    expect(await screen.findByText('请选择扣除项目')).toBeInTheDocument();
    expect(await watch.stop()).toEqual([]);
    expect(onSave).not.toHaveBeenCalled();
  });
});
