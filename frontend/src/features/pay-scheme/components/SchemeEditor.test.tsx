import { act, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '@/test/render';
import type { Scheme } from '../api/types';
import { SchemeEditor } from './SchemeEditor';

const stored: Scheme = {
  id: 7,
  region_prefix: '64',
  name: '宁夏 2027',
  effective_from: '2027-01-01',
  status: 'draft',
  based_on_id: 6,
  published_at: null,
  document: { housing_fund: { default_rate: '0.12' } },
} as unknown as Scheme;

// The page hands the editor a new scheme object whenever the draft is fetched again (after every save).
let reload: (scheme: Scheme) => void = () => undefined;
function Reloading() {
  const [scheme, setScheme] = useState(stored);
  reload = setScheme;
  return <SchemeEditor scheme={scheme} onSelect={() => undefined} canEdit />;
}

const jsonTab = () => {
  fireEvent.click(screen.getByRole('tab', { name: '原始数据（专家）' }));
  return screen.getByTestId('scheme-json') as HTMLTextAreaElement;
};

describe('SchemeEditor', () => {
  it('keeps an edit typed while a save was in flight when the draft is fetched again', () => {
    renderPage(<Reloading />);
    const editor = jsonTab();
    const typed = JSON.stringify({ housing_fund: { default_rate: '0.10' } }, null, 2);
    fireEvent.change(editor, { target: { value: typed } });
    act(() => reload({ ...stored }));
    expect(editor.value).toBe(typed);
  });

  it('shows the fetched draft when nothing was edited since it was loaded', () => {
    renderPage(<Reloading />);
    const editor = jsonTab();
    act(() => reload({ ...stored, document: { housing_fund: { default_rate: '0.08' } } }));
    expect(JSON.parse(editor.value)).toEqual({ housing_fund: { default_rate: '0.08' } });
  });
});
