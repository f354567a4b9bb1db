import { Descriptions, Drawer, Timeline, Typography } from 'antd';
import { PersonName, PostName, RegionName } from '@/components/Names';
import { QueryState } from '@/components/QueryState';
import { label, RESULTS } from '@/lib/codes';
import { formatValue } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { ASSESSMENT_KINDS, ASSESSMENT_STATUSES, AUDIT_ACTIONS, formatDateTime, labelOf, OBJECTION_STATUSES } from '@/lib/vocab';
import { useAssessment } from '../api/get-assessment';

/** One assessment: who proposed and decided what, when, the survey and the history. */
export function AssessmentDrawer({ assessmentId, onClose }: { assessmentId: string | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const detail = useAssessment(assessmentId);
  return (
    <Drawer open={Boolean(assessmentId)} onClose={onClose} size="large" title={t('考核详情', 'Assessment')}>
      <QueryState query={detail} what={t('考核详情', 'assessment')}>
        {(a) => (
          <>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} data-testid="assessment-detail">
              <Descriptions.Item label={t('姓名', 'Name')}>{a.worker_name}</Descriptions.Item>
              <Descriptions.Item label={t('社区', 'Community')}><RegionName code={a.community_code} /></Descriptions.Item>
              <Descriptions.Item label={t('岗位', 'Post')}><PostName code={a.post} /></Descriptions.Item>
              <Descriptions.Item label={t('类别', 'Kind')}>{labelOf(ASSESSMENT_KINDS, a.kind, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('状态', 'Status')}>{labelOf(ASSESSMENT_STATUSES, a.status, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('建议', 'Proposed')}>
                {a.proposed_result ? `${label(RESULTS, a.proposed_result, lang)} ${formatValue(a.proposed_score)}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('建议人', 'Proposed by')}><PersonName subject={a.proposed_by} /> {formatDateTime(a.proposed_at)}</Descriptions.Item>
              <Descriptions.Item label={t('决定', 'Decided')}>{a.result ? `${label(RESULTS, a.result, lang)} ${formatValue(a.score)}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('决定人', 'Decided by')}><PersonName subject={a.decided_by} /> {formatDateTime(a.decided_at)}</Descriptions.Item>
              <Descriptions.Item label={t('公示期', 'Notice')}>{a.notice_from ? `${a.notice_from} — ${a.notice_until}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('定档人', 'Finalised by')}><PersonName subject={a.finalized_by} /> {formatDateTime(a.finalized_at)}</Descriptions.Item>
              <Descriptions.Item label={t('容错', 'Tolerance')}>{a.tolerance ? a.tolerance_reason ?? t('是', 'yes') : t('否', 'no')}</Descriptions.Item>
              <Descriptions.Item label={t('个人总结', 'Self summary')} span={2}>{formatValue(a.self_summary)}</Descriptions.Item>
              <Descriptions.Item label={t('社区评议', 'Community review')} span={2}>{formatValue(a.community_review)}</Descriptions.Item>
              <Descriptions.Item label={t('满意度测评', 'Satisfaction survey')} span={2}>
                {a.satisfaction ? t(`${a.satisfaction.respondents} 人参评，得分 ${a.satisfaction.score}`, `${a.satisfaction.respondents} respondents, score ${a.satisfaction.score}`) : '—'}
              </Descriptions.Item>
            </Descriptions>
            {a.objections.length > 0 && (
              <>
                <Typography.Title level={5}>{t('异议', 'Objections')}</Typography.Title>
                <ul>
                  {a.objections.map((o) => (
                    <li key={o.id}>
                      {formatDateTime(o.raised_at)} · {o.reason} · {labelOf(OBJECTION_STATUSES, o.status, lang)}
                      {o.resolution ? ` · ${o.resolution}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <Typography.Title level={5}>{t('经过', 'History')}</Typography.Title>
            <Timeline
              items={a.history.map((event, index) => ({
                key: index,
                children: (
                  <>
                    {formatDateTime(event.at)} · {labelOf(AUDIT_ACTIONS, `assessment.${event.action}`, lang) !== `assessment.${event.action}` ? labelOf(AUDIT_ACTIONS, `assessment.${event.action}`, lang) : labelOf(AUDIT_ACTIONS, event.action, lang)} ·{' '}
                    <PersonName subject={event.actor} role={event.actor_role} />
                    {event.to_status ? ` → ${labelOf(ASSESSMENT_STATUSES, event.to_status, lang)}` : ''}
                    {event.reason ? ` · ${event.reason}` : ''}
                  </>
                ),
              }))}
            />
          </>
        )}
      </QueryState>
    </Drawer>
  );
}
