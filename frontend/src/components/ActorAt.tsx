import { PersonName } from '@/components/Names';
import { formatDateTime } from '@/lib/vocab';

/**
 * Who did a step and when: "name（role） 2026-12-03 06:43". The name and role come from `people` (the thing's audit
 * trail: as the actor was when acting), which every officer may read, unlike the registry's accounts. One inline
 * span, so the space before the time survives a flex container (a Descriptions item).
 */
export function ActorAt({ subject, at, people }: { subject: string | null | undefined; at: string | null | undefined; people?: Map<string, { name: string | null; role: string }> }) {
  if (!subject) return <>—</>;
  const known = people?.get(subject);
  return (
    <span data-testid="actor-at">
      <PersonName subject={subject} name={known?.name} role={known?.role} />
      {at ? ` ${formatDateTime(at)}` : ''}
    </span>
  );
}
