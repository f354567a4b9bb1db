import { Descriptions, Timeline, Typography } from 'antd';
import type { components } from '@/api/types/payroll';
import { label, POSTS } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import { describe } from '@/lib/vocab';
import { RegionName } from './Names';

type Grade = components['schemas']['payroll__grades__schemas__GradeOut'];
type Step = Grade['steps'][number];

/**
 * What a step's value adds after its words (" — 专职工作人员"), or null when it adds nothing: the last step's value
 * is the post code and level ("nx_staff/2") its words state; a date or a post its words already name
 * ("年限计算至 2026-12-01") is not said twice. A number is always shown: one in the words (首档 3 年) is another.
 */
export function stepValueWords(step: Step, lang: 'zh' | 'en'): string | null {
  if (!step.value || /^[a-z][a-z0-9_]*\/\d+$/.test(step.value)) return null;
  const words = POSTS[step.value] ? label(POSTS, step.value, lang) : describe(step.value, lang);
  const text = lang === 'en' ? step.en : step.zh;
  if (!/^[+-]?\d+(\.\d+)?$/.test(words) && text.includes(words)) return null;
  return words;
}

/** The worker's grade and each step of how the pay scheme reached it. */
export function GradeExplanation({ grade }: { grade: Grade }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <>
      {/* A value of several parts is one span: a Descriptions content cell is a flex box, which would set each
          part (text, name, text) side by side as a narrow column of its own on a phone. */}
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('岗位', 'Post')}>{label(POSTS, grade.post, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('等级', 'Level')}>
          <span>
            <Typography.Text strong data-testid="grade-level">{grade.level}</Typography.Text>
            {grade.yijiantiao ? t('（一肩挑高一级）', ' (one higher: 一肩挑)') : ''}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('计算年限', 'Counted years')}>{grade.years}</Descriptions.Item>
        <Descriptions.Item label={t('薪酬方案', 'Pay scheme')}>
          <span data-testid="grade-scheme">
            {grade.scheme_name} · <RegionName code={grade.scheme_region_prefix} /> · {grade.scheme_effective_from}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Timeline
        style={{ marginTop: 16 }}
        items={grade.steps.map((step) => {
          const value = stepValueWords(step, lang);
          return {
            children: (
              <>
                <Typography.Text>{lang === 'en' ? step.en : step.zh}</Typography.Text>
                {value !== null && <Typography.Text type="secondary"> — {value}</Typography.Text>}
              </>
            ),
          };
        })}
      />
    </>
  );
}
