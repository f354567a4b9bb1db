import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '@/test/render';
import { PersonName } from './Names';

describe('PersonName', () => {
  it('names what the seeders loaded as initial data, not as another user', () => {
    renderPage(<PersonName subject="seed" />);
    expect(screen.getByText('系统初始化')).toBeInTheDocument();
    expect(screen.queryByText('其他用户')).toBeNull();
  });

  it('names a person by the name the record gives, with the role', () => {
    renderPage(<PersonName subject="a1b2" name="王敏" role="township_officer" />);
    expect(screen.getByText('王敏（街道人事专员）')).toBeInTheDocument();
  });
});
