import { Tooltip } from 'antd';
import { useSession } from '@/lib/auth';
import { label, POSTS } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import { currentSubject, useAccountName, usePostCatalogue, useRegion, useRegionIndex } from '@/lib/lookups';
import { labelOf, ROLES } from '@/lib/vocab';

/** A region by name, its code on hover. */
export function RegionName({ code, name: given }: { code: string | null | undefined; name?: string | null }) {
  const index = useRegionIndex();
  const known = code ? index.data?.get(code) : undefined;
  const single = useRegion(code, Boolean(known) || Boolean(given) || index.isPending);
  if (!code) return <>—</>;
  const name = given ?? known?.name ?? single.data?.name;
  return (
    <Tooltip title={code}>
      <span data-region-code={code}>{name ?? code}</span>
    </Tooltip>
  );
}

/** A post by its catalogue label (the registry's /v1/posts), with its level when given: 两委正职 10级. */
export function PostName({ code, level }: { code: string | null | undefined; level?: number | string | null }) {
  const { lang } = useLang();
  const t = useT();
  const catalogue = usePostCatalogue();
  if (!code) return <>—</>;
  const post = catalogue.data?.get(code);
  const name = post ? (lang === 'en' ? post.label_en : post.label_zh) : label(POSTS, code, lang);
  const suffix = level === null || level === undefined || level === '' ? '' : t(` ${level}级`, ` level ${level}`);
  return (
    <Tooltip title={code}>
      <span>{name}{suffix}</span>
    </Tooltip>
  );
}

/**
 * A person named by an account subject: "me" by my own name; others by the name the record gives (audit entries
 * carry the actor's name at the time), else by the registry account's name when the caller may read accounts
 * (administrators, township officers, auditors, inside their jurisdiction), else by their role.
 */
export function PersonName({ subject, role, name }: { subject: string | null | undefined; role?: string | null; name?: string | null }) {
  const session = useSession();
  const { lang } = useLang();
  const t = useT();
  const me = Boolean(subject) && subject === currentSubject(session?.accessToken);
  // No name given (run approvers, proposers…): the account's name when the caller may read it.
  const looked = useAccountName(subject, me || Boolean(name) || Boolean(subject?.startsWith('service:')));
  name = name ?? looked.data ?? null;
  if (!subject) return <>—</>;
  if (me) {
    return (
      <Tooltip title={subject}>
        <span>{session?.displayName ?? session?.username}{t('（本人）', ' (me)')}</span>
      </Tooltip>
    );
  }
  if (subject.startsWith('service:')) return <span>{t('系统', 'System')}</span>;
  const roleLabel = role ? labelOf(ROLES, role, lang) : null;
  // Audit entries carry the actor's name as it was when they acted (the token's name claim).
  const who = name ? (roleLabel ? `${name}（${roleLabel}）` : name) : (roleLabel ?? t('其他用户', 'Another user'));
  return (
    <Tooltip title={subject}>
      <span>{who}</span>
    </Tooltip>
  );
}
