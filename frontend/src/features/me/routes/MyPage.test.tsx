import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '@/test/render';
import { TrainingRequirement } from './MyPage';

const hours = (yearly: string, yearlyShort: string, initial = '0', initialShort = '0') => ({
  yearly_required: yearly, yearly_shortfall: yearlyShort, initial_required: initial, initial_done: '0', initial_shortfall: initialShort,
});

describe('TrainingRequirement', () => {
  it('a requirement of 0 hours is no requirement, not "年度要求 0 学时"', async () => {
    renderPage(<TrainingRequirement requirement={hours('0', '0')} />);
    const line = await screen.findByTestId('my-training-requirement');
    expect(line).toHaveTextContent('本人岗位本年度没有学时要求');
    expect(line).not.toHaveTextContent('0 学时');
  });

  it('says the year’s hours and what is short, and the initial training’s only when it has one', async () => {
    renderPage(<TrainingRequirement requirement={hours('24', '6')} />);
    expect(await screen.findByTestId('my-training-requirement')).toHaveTextContent(/^年度要求 24 学时，尚差 6 学时$/);
  });

  it('an initial training alone is said alone', async () => {
    renderPage(<TrainingRequirement requirement={hours('0', '0', '40', '8')} />);
    expect(await screen.findByTestId('my-training-requirement')).toHaveTextContent(/^岗前培训要求 40 学时，尚差 8 学时$/);
  });
});
