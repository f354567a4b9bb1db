import { Descriptions, Timeline, Typography } from 'antd';
import type { components } from '@/api/types/payroll';
import { label, POSTS } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import { describe } from '@/lib/vocab';
import { RegionName } from './Names';

type Grade = components['schemas']['payroll__grades__schemas__GradeOut'];

/** The worker's grade and each step of how the pay scheme reached it. */
export function GradeExplanation({ grade }: { grade: Grade }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('岗位', 'Post')}>{label(POSTS, grade.post, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('等级', 'Level')}>
          <Typography.Text strong data-testid="grade-level">{grade.level}</Typography.Text>
          {grade.yijiantiao ? t('（一肩挑高一级）', ' (one higher: 一肩挑)') : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('计算年限', 'Counted years')}>{grade.years}</Descriptions.Item>
        <Descriptions.Item label={t('薪酬方案', 'Pay scheme')}>
          {grade.scheme_name} · <RegionName code={grade.scheme_region_prefix} /> · {grade.scheme_effective_from}
        </Descriptions.Item>
      </Descriptions>
      <Timeline
        style={{ marginTop: 16 }}
        items={grade.steps.map((step) => ({
          children: (
            <>
              <Typography.Text>{lang === 'en' ? step.en : step.zh}</Typography.Text>
              {/* The last step's value is the post code and level ("nx_staff/2") its own words already state. */}
              {step.value && !/^[a-z][a-z0-9_]*\/\d+$/.test(step.value) && (
                <Typography.Text type="secondary"> — {POSTS[step.value] ? label(POSTS, step.value, lang) : describe(step.value, lang)}</Typography.Text>
              )}
            </>
          ),
        }))}
      />
    </>
  );
}
