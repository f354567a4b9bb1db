import { Alert, Descriptions, Space } from 'antd';
import { QueryState } from '@/components/QueryState';
import { useLang, useT } from '@/lib/i18n';
import { sourceText } from '@/lib/rule-words';
import { describe } from '@/lib/vocab';
import { useComposition, type Composition } from '../api/composition';

function count(value: number, bound: number | null | undefined, word: (n: number) => string) {
  return bound === null || bound === undefined ? String(value) : `${value}（${word(bound)}）`;
}

/** A community's 两委 composition: leadership posts against the limit, the party-affairs worker and the members
 *  living locally, with the rule's warnings (SS 二(三)1; elsewhere the counts alone). */
export function CompositionView({ composition }: { composition: Composition }) {
  const t = useT();
  const { lang } = useLang();
  const posts = composition.leadership_posts.map((p) => describe(p, lang)).join('、');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="community-composition">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('“两委”领导职数', 'Leadership posts')}>
          {count(composition.leadership_count, composition.max_leadership_posts, (n) => t(`不超过 ${n} 人`, `at most ${n}`))}
          {posts && ` · ${posts}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('专职党务工作者', 'Party-affairs workers')}>
          {count(composition.party_affairs_count, composition.party_affairs_min, (n) => t(`至少 ${n} 名`, `at least ${n}`))}
        </Descriptions.Item>
        <Descriptions.Item label={t('两委成员', 'Committee members')}>{composition.committee_members}</Descriptions.Item>
        <Descriptions.Item label={t('属地化专职成员', 'Members living locally')}>
          {count(composition.local_members_count, composition.local_members_min, (n) => t(`至少 ${n} 名`, `at least ${n}`))}
        </Descriptions.Item>
        <Descriptions.Item label={t('依据', 'Rule')}>
          {composition.rule ? sourceText(String(composition.rule.source), lang) : t('本地区文件未规定“两委”构成', 'No text of this region sets a composition')}
        </Descriptions.Item>
      </Descriptions>
      {composition.warnings.map((w) => (
        <Alert key={w.code} type="warning" showIcon message={lang === 'en' ? w.message_en : w.message_zh} />
      ))}
    </Space>
  );
}

export function CommunityComposition({ code }: { code: string }) {
  const t = useT();
  const composition = useComposition(code);
  return (
    <QueryState query={composition} what={t('“两委”构成', 'committee composition')}>
      {(data) => <CompositionView composition={data} />}
    </QueryState>
  );
}
