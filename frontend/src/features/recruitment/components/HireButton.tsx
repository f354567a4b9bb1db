import { ActionButton } from '@/components/ActionForm';
import { useLang, useT } from '@/lib/i18n';
import { useRegionIndex } from '@/lib/lookups';
import { optionsOf, OTHER_STATUSES } from '@/lib/vocab';
import { useRegionPosts } from '../api/get-region-posts';
import { useHireApplicant, type HireIn } from '../api/hire-applicant';

/**
 * Hire an applicant on the public notice's list (eligible, passed the written test and interview, the medical and
 * the background check) into a community of the campaign's region, with the contract's facts (post, start, term,
 * probation); the registry refuses before the last step, off the list, beyond the positions or the quota.
 * `disabled`: the applicant is not on the list.
 */
export function HireButton({
  campaignId,
  regionCode,
  applicant,
  disabled = false,
}: {
  campaignId: string;
  regionCode: string;
  applicant: { id: string; name: string };
  disabled?: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  const regions = useRegionIndex();
  const posts = useRegionPosts(regionCode);
  const hire = useHireApplicant();
  const communities = [...(regions.data?.values() ?? [])]
    .filter((r) => r.code.length === 12 && r.code.startsWith(regionCode))
    .map((r) => ({ value: r.code, label: r.name }));
  // The posts of the catalogue that applies in the campaign's region (the most specific one).
  const postOptions = (posts.data ?? []).map((p) => ({ value: p.code, label: lang === 'en' ? p.label_en : p.label_zh }));
  return (
    <ActionButton
      label={t('聘用', 'Hire')}
      title={t(`聘用：${applicant.name}`, `Hire ${applicant.name}`)}
      testId={`hire-${applicant.id}`}
      buttonProps={{ type: 'primary', disabled, title: disabled ? t('不在公示拟聘用人员名单上', 'Not on the public notice list') : undefined }}
      okText={t('聘用', 'Hire')}
      fields={[
        { name: 'community_code', label: t('社区', 'Community'), kind: 'select', required: true, options: communities },
        { name: 'post', label: t('岗位', 'Post'), kind: 'select', required: true, options: postOptions },
        { name: 'hired_on', label: t('聘用日期', 'Hired on'), kind: 'date', required: true },
        { name: 'contract_term_years', label: t('聘期（年）', 'Contract term (years)'), kind: 'number', min: 1, max: 10, extra: t('不填：按岗位和规则确定', 'Empty: set by the post and the rules') },
        { name: 'probation_end', label: t('试用期至', 'Probation ends'), kind: 'date', extra: t('不填：按规则确定', 'Empty: set by the rules') },
        { name: 'other_status', label: t('其他身份', 'Other status'), kind: 'select', options: optionsOf(OTHER_STATUSES, lang), extra: t('退休人员等，按地区规定审查（松山：不纳入）', 'Retiree and the like, checked against the region’s rule') },
        { name: 'other_status_since', label: t('其他身份起始日期', 'Other status since'), kind: 'date' },
      ]}
      onSubmit={(values) => hire.mutateAsync({ campaignId, applicantId: applicant.id, body: values as HireIn })}
    />
  );
}
