import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/types/payroll';
import { renderPage } from '@/test/render';
import { GradeExplanation, stepValueWords } from './GradeExplanation';

type Grade = components['schemas']['payroll__grades__schemas__GradeOut'];

const grade: Grade = {
  worker_id: 'w1', month: '2026-12', scheme_id: 1, scheme_name: '宁夏社区工作者薪酬方案（2025）', scheme_region_prefix: '64',
  scheme_effective_from: '2025-01-01', post: 'nx_staff', level: 3, years: '7.00' as never, yijiantiao: false,
  steps: [
    { step: 'post', zh: '岗位：专职工作人员（1–8 级）', en: 'post: Full-time staff (levels 1–8)', value: 'nx_staff' },
    { step: 'cutoff', zh: '年限计算至 2026-12-01', en: 'years counted up to 2026-12-01', value: '2026-12-01' },
    { step: 'service_years', zh: '社区工作年限（满周年计1年）', en: 'years of community work', value: '7.00' },
    { step: 'level_from_years', zh: '首档 3 年，每 3 年一级：1 + 2', en: 'first step at 3 y: 1 + 2', value: '3' },
    { step: 'grade', zh: '专职工作人员 3 级', en: 'Full-time staff, level 3', value: 'nx_staff/3' },
  ],
};

describe('GradeExplanation', () => {
  it('says a date or a post once, and every number its step reached', () => {
    const said = (index: number) => stepValueWords(grade.steps[index], 'zh');
    expect(said(1)).toBeNull(); // 年限计算至 2026-12-01, not "… — 2026-12-01"
    expect(said(2)).toBe('7.00');
    expect(said(3)).toBe('3'); // the level reached, though 3 is also in the words
    expect(said(4)).toBeNull();
  });

  it('shows each step once on the page; a value of several parts is one inline piece', async () => {
    renderPage(<GradeExplanation grade={grade} />);
    expect(await screen.findByText('年限计算至 2026-12-01')).toBeInTheDocument();
    expect(screen.queryByText(/— 2026-12-01/)).toBeNull();
    expect(screen.getByText(/— 7\.00/)).toBeInTheDocument();
    // The Descriptions content cell is a flex box: the scheme's name, place and date are a single child of it.
    const cell = screen.getByTestId('grade-scheme').parentElement!;
    expect(cell).toHaveClass('ant-descriptions-item-content');
    expect(cell.childNodes).toHaveLength(1);
    expect(screen.getByTestId('grade-level').parentElement!.parentElement!.childNodes).toHaveLength(1);
  });
});
