import { Tooltip } from 'antd';
import { createContext, useContext } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '@/lib/auth';
import { label, POSTS } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import { currentSubject, useAccountName, usePostCatalogue, useRegion, useRegionIndex, type WorkerSummary } from '@/lib/lookups';
import { labelOf, ROLES } from '@/lib/vocab';

/** A region by name, its code on hover. */
export function RegionName({ code, name: given }: { code: string | null | undefined; name?: string | null }) {
  const index = useRegionIndex();
  const known = code ? index.data?.get(code) : undefined;
  // Asked one by one only once the index is known not to hold it (a worker has no index: their places above).
  const single = useRegion(code, Boolean(known) || Boolean(given) || index.isLoading);
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

/** What the services' seeders record as the author of what they load (pay schemes, reference figures, cycles…). */
const SEED_SUBJECT = 'seed';

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
  const looked = useAccountName(subject, me || Boolean(name) || Boolean(subject?.startsWith('service:')) || subject === SEED_SUBJECT);
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
  if (subject === SEED_SUBJECT) return <span>{t('系统初始化', 'Initial data')}</span>;
  const roleLabel = role ? labelOf(ROLES, role, lang) : null;
  // Audit entries carry the actor's name as it was when they acted (the token's name claim).
  const who = name ? (roleLabel ? `${name}（${roleLabel}）` : name) : (roleLabel ?? t('其他用户', 'Another user'));
  return (
    <Tooltip title={subject}>
      <span>{who}</span>
    </Tooltip>
  );
}

/** Workers named by id for the rows on screen, looked up once for them all (`useWorkerNames`). */
export const WorkerNamesContext = createContext<Map<string, WorkerSummary> | undefined>(undefined);

/** A worker by name, linked to their record (the id on hover); one the caller cannot see stays unnamed. */
export function WorkerName({ id, name: given }: { id: string | null | undefined; name?: string | null }) {
  const names = useContext(WorkerNamesContext);
  const t = useT();
  if (!id) return <>—</>;
  const name = given ?? names?.get(id)?.name;
  // Still looking the page's workers up: nothing yet; looked up and not found: outside the caller's jurisdiction.
  const missing = names === undefined ? '…' : t('（辖区外人员）', '(outside your jurisdiction)');
  return (
    <Tooltip title={id}>
      {name ? <Link to={`/workers/${id}`}>{name}</Link> : <span>{missing}</span>}
    </Tooltip>
  );
}
