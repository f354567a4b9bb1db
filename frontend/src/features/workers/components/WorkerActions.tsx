// The dated changes of a worker record, as actions on the worker's page (issue 14): post, 一肩挑, transfer,
// status and rehire. Each asks for confirmation, then the registry applies its rules; a refusal shows next to
// the field it names.
import { App } from 'antd';
import dayjs from 'dayjs';
import { ActionButton, type ActionField } from '@/components/ActionForm';
import { label, STATUSES } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import { usePostCatalogue, useRegionIndex } from '@/lib/lookups';
import { HEAD_ROLES, optionsOf } from '@/lib/vocab';
import { useChangePost } from '../api/change-post';
import { useChangeStatus } from '../api/change-status';
import { useChangeYijiantiao } from '../api/change-yijiantiao';
import { usePosts } from '../api/get-posts';
import { useRehireWorker } from '../api/rehire-worker';
import { useTransferWorker } from '../api/transfer-worker';
import type { WorkerDetail } from '../api/types';

// A former worker may sign a new contract on the same record; the dead may not (registry REHIRABLE_STATUSES).
const REHIRABLE = ['resigned', 'dismissed', 'retired'];

type Option = { value: string; label: string };

/** Every community of the caller's jurisdiction by name (township first), for picking a place. */
export function useCommunityOptions(except?: string): Option[] {
  const index = useRegionIndex();
  const rows = [...(index.data?.values() ?? [])];
  return rows
    .filter((r) => r.level === 'community' && !r.retired_on && r.code !== except)
    .map((r) => ({ value: r.code, label: [index.data?.get(r.parent_code ?? '')?.name, r.name].filter(Boolean).join(' ') }))
    .sort((a, b) => a.value.localeCompare(b.value));
}

/** The posts of a community's catalogue by name. */
function usePostOptions(community: string, except?: string): Option[] {
  const { lang } = useLang();
  const posts = usePosts(community);
  return (posts.data ?? []).filter((p) => p.code !== except).map((p) => ({ value: p.code, label: lang === 'en' ? p.label_en : p.label_zh }));
}

export function WorkerActions({ worker }: { worker: WorkerDetail }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const catalogue = usePostCatalogue();
  const changePost = useChangePost();
  const changeStatus = useChangeStatus();
  const changeYijiantiao = useChangeYijiantiao();
  const transfer = useTransferWorker();
  const rehire = useRehireWorker();
  const posts = usePostOptions(worker.community_code, worker.post);
  const rehirePosts = usePostOptions(worker.community_code);
  const communities = useCommunityOptions(worker.community_code);
  const allCommunities = useCommunityOptions();
  const id = worker.id;
  const employed = worker.next_statuses.length > 0;
  const onHeadPost = Boolean(catalogue.data?.get(worker.post)?.head);
  const postName = (code: unknown) => posts.find((p) => p.value === code)?.label ?? rehirePosts.find((p) => p.value === code)?.label ?? String(code);
  const placeName = (code: unknown) => allCommunities.find((c) => c.value === code)?.label ?? String(code);
  const today = dayjs();
  const reason: ActionField = {
    name: 'reason',
    label: t('原因', 'Reason'),
    kind: 'textarea',
    extra: t('生效日期早于一个月前须填写原因（记入审计）', 'Needed when the date is more than a month back (audited)'),
  };
  const on = (text: string): ActionField => ({ name: 'on', label: text, kind: 'date', required: true, initial: today });
  const done = (text: string) => () => message.success(text);

  if (!employed) {
    if (!REHIRABLE.includes(worker.status)) return null;
    return (
      <ActionButton
        label={t('重新聘用', 'Rehire')}
        title={t('重新聘用', 'Rehire')}
        buttonProps={{ size: 'middle' }}
        testId="worker-rehire"
        fields={[
          { name: 'community_code', label: t('社区', 'Community'), kind: 'select', required: true, options: allCommunities, initial: worker.community_code },
          { name: 'post', label: t('岗位', 'Post'), kind: 'select', required: true, options: rehirePosts },
          { name: 'hired_on', label: t('入职日期', 'Hired on'), kind: 'date', required: true, initial: today },
          { name: 'contract_term_years', label: t('合同期限（年）', 'Contract term (years)'), kind: 'number', min: 1, max: 10, extra: t('岗位目录或聘期规则已规定的可不填', 'Leave empty where the catalogue or the term rule sets it') },
          { name: 'probation_end', label: t('试用期结束日', 'Probation ends'), kind: 'date' },
          { ...reason, extra: undefined },
        ]}
        confirm={(v) => t(`重新聘用 ${worker.name}：${placeName(v.community_code)}，${postName(v.post)}，${v.hired_on} 入职。此前的离开期间不计入工作年限。`, `Rehire ${worker.name} at ${placeName(v.community_code)} as ${postName(v.post)} from ${v.hired_on}. The break does not count as service.`)}
        onSubmit={(v) => rehire.mutateAsync({ workerId: id, body: v as never }).then(done(t('已重新聘用', 'Rehired')))}
      />
    );
  }

  return (
    <>
      <ActionButton
        label={t('岗位变动', 'Change post')}
        title={t('岗位变动', 'Change post')}
        buttonProps={{ size: 'middle' }}
        testId="worker-change-post"
        fields={[
          { name: 'post', label: t('新岗位', 'New post'), kind: 'select', required: true, options: posts },
          ...(posts.some((p) => catalogue.data?.get(p.value)?.head)
            ? [{ name: 'head_role', label: t('正职分工', 'Head role'), kind: 'select' as const, options: optionsOf(HEAD_ROLES, lang).filter((o) => o.value !== 'both'), extra: t('仅正职岗位填写；“一肩挑”另行登记', 'Head posts only; 一肩挑 is its own change') }]
            : []),
          on(t('生效日期', 'Effective')),
          reason,
        ]}
        confirm={(v) => t(`${worker.name} 自 ${v.on} 起改任 ${postName(v.post)}。`, `${worker.name} moves to ${postName(v.post)} from ${v.on}.`)}
        onSubmit={(v) => changePost.mutateAsync({ workerId: id, body: v as never }).then(done(t('岗位已变动', 'Post changed')))}
      />
      {(onHeadPost || worker.yijiantiao) && (
        <ActionButton
          label={worker.yijiantiao ? t('结束“一肩挑”', 'End 一肩挑') : t('登记“一肩挑”', 'Record 一肩挑')}
          title={worker.yijiantiao ? t('结束书记、主任“一肩挑”', 'End holding both offices') : t('书记、主任“一肩挑”', 'Hold both offices (一肩挑)')}
          buttonProps={{ size: 'middle' }}
          testId="worker-yijiantiao"
          fields={[on(t('生效日期', 'Effective')), reason]}
          confirm={(v) =>
            worker.yijiantiao
              ? t(`${worker.name} 自 ${v.on} 起不再“一肩挑”。`, `${worker.name} no longer holds both offices from ${v.on}.`)
              : t(`${worker.name} 自 ${v.on} 起书记、主任“一肩挑”。`, `${worker.name} holds both offices from ${v.on}.`)
          }
          onSubmit={(v) => changeYijiantiao.mutateAsync({ workerId: id, body: { ...v, holds: !worker.yijiantiao } as never }).then(done(t('已登记', 'Recorded')))}
        />
      )}
      <ActionButton
        label={t('调动', 'Transfer')}
        title={t('调往其他社区', 'Transfer to another community')}
        buttonProps={{ size: 'middle' }}
        testId="worker-transfer"
        fields={[
          { name: 'community_code', label: t('调入社区', 'To community'), kind: 'select', required: true, options: communities },
          on(t('调入日期', 'From')),
          reason,
        ]}
        confirm={(v) => t(`${worker.name} 自 ${v.on} 起调往 ${placeName(v.community_code)}，原社区的工作经历在前一天结束。`, `${worker.name} moves to ${placeName(v.community_code)} from ${v.on}; the service in the present community ends the day before.`)}
        onSubmit={(v) => transfer.mutateAsync({ workerId: id, body: v as never }).then(done(t('已调动', 'Transferred')))}
      />
      <ActionButton
        label={t('状态变动', 'Change status')}
        title={t('状态变动', 'Change status')}
        buttonProps={{ size: 'middle' }}
        testId="worker-change-status"
        fields={[
          { name: 'status', label: t('新状态', 'New status'), kind: 'select', required: true, options: worker.next_statuses.map((s) => ({ value: s, label: label(STATUSES, s, lang) })) },
          on(t('生效日期', 'Effective')),
          reason,
        ]}
        confirm={(v) => t(`${worker.name} 自 ${v.on} 起状态变为“${label(STATUSES, String(v.status), lang)}”。`, `${worker.name} becomes ${label(STATUSES, String(v.status), lang)} from ${v.on}.`)}
        onSubmit={(v) => changeStatus.mutateAsync({ workerId: id, body: v as never }).then(done(t('状态已变动', 'Status changed')))}
      />
    </>
  );
}
