import { Button } from 'antd';
import { useT } from '@/lib/i18n';
import { useSchemes } from '../api/get-schemes';
import type { SchemeSummary } from '../api/types';

/** A version as people tell versions apart: its name and the date it takes effect from (drafts share their base's name). */
export function versionLabel(version: Pick<SchemeSummary, 'name' | 'effective_from'>, t: (zh: string, en: string) => string): string {
  return t(`${version.name} · ${version.effective_from} 起`, `${version.name} · from ${version.effective_from}`);
}

/** A pay-scheme version named (not numbered), a click away; the versions the page lists (the same query) name it. */
export function VersionName({ id, onSelect }: { id: number | null | undefined; onSelect?: (id: number) => void }) {
  const t = useT();
  const versions = useSchemes('');
  if (id === null || id === undefined) return <>—</>;
  const version = versions.data?.find((v) => v.id === id);
  if (!version) return <>{versions.isPending ? '…' : t('（不在可查看范围内的版本）', '(a version you cannot see)')}</>;
  const label = versionLabel(version, t);
  if (!onSelect) return <span>{label}</span>;
  return (
    <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onSelect(id)} data-testid="scheme-based-on">
      {label}
    </Button>
  );
}
