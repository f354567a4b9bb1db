import { App, Button, Card, DatePicker, Form, Input, InputNumber, Rate, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionForm';
import { PersonName, PostName, RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { approvalStep, RuleParams, RuleSource, type ApprovalStep } from '@/components/RuleParams';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { useRegionOptions } from '@/components/RegionSelect';
import { useSession } from '@/lib/auth';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import { DECISION_STATUS, formatDateTime, labelOf, LEVELS, optionsOf, RULE_KINDS, TRAINING_KINDS } from '@/lib/vocab';
import { useAddCandidate } from '../api/add-candidate';
import { useAddQuotaException } from '../api/add-quota-exception';
import { useDecideQuotaException } from '../api/decide-quota-exception';
import { useAddRule } from '../api/add-rule';
import { useEndSecondment } from '../api/end-secondment';
import { useQuota } from '../api/get-quota';
import { useQuotaExceptions } from '../api/get-quota-exceptions';
import { useRegions } from '../api/get-regions';
import { useReserveCandidates } from '../api/get-reserve-candidates';
import { useReservePools } from '../api/get-reserve-pools';
import { useRules } from '../api/get-rules';
import { useSecondments } from '../api/get-secondments';
import { useTrainingCompliance } from '../api/get-training-compliance';
import { useVisits } from '../api/get-visits';
import { useRateStars } from '../api/rate-stars';
import { useRecordTraining } from '../api/record-training';
import { useRecordVisits } from '../api/record-visits';
import { useRemoveCandidate } from '../api/remove-candidate';
import { useStartSecondment } from '../api/start-secondment';
import { CommunityNumbers } from '../components/CommunityNumbers';
import { DecisionCell } from '../components/DecisionCell';
import { WorkerPicker } from '../components/WorkerPicker';

const WRITERS = ['township_officer', 'county_officer', 'city_officer', 'provincial_admin'];
// A community's star rating pays every worker there: it is set from above the township (the county or higher).
const RATERS = ['county_officer', 'city_officer', 'provincial_admin'];
const today = () => dayjs().format('YYYY-MM-DD');

const Params = RuleParams;

function Secondments({ region, canWrite }: { region: string; canWrite: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const list = useSecondments(region);
  const rules = useRules(region);
  const start = useStartSecondment();
  const end = useEndSecondment();
  const limits = (rules.data ?? []).find((rule) => rule.kind === 'secondment.limits');
  const steps = (limits?.params.approvals ?? []) as ApprovalStep[];
  return (
    <>
      {limits && (
        <Card size="small" title={t('借调限制', 'Secondment limits')} style={{ marginBottom: 12 }} data-testid="secondment-limits">
          <Params params={limits.params} provenance={limits.provenance} />
          <Typography.Text type="secondary">{t('依据', 'Source')}：<RuleSource source={limits.source} />（{t('生效', 'from')} {limits.effective_from}）</Typography.Text>
        </Card>
      )}
      {canWrite && (
        <ActionButton
          label={t('开始借调', 'Start a secondment')}
          title={t('开始借调', 'Start a secondment')}
          buttonProps={{ type: 'primary', size: 'middle', style: { marginBottom: 12 } }}
          testId="start-secondment"
          fields={[
            { name: 'borrower', label: t('借调单位', 'Borrower'), required: true },
            { name: 'borrower_level', label: t('借调单位层级', 'Borrower level'), kind: 'select', required: true, options: optionsOf(LEVELS, lang) },
            { name: 'start_date', label: t('开始日期', 'Start'), kind: 'date', required: true },
            { name: 'end_date', label: t('结束日期', 'End'), kind: 'date', required: true },
            ...approvalFields(steps, lang),
          ]}
          onSubmit={(v) => start.mutateAsync(withApprovals(v, steps) as never)}
        >
          <Form.Item label={t('人员', 'Worker')} required>
            <WorkerIdField />
          </Form.Item>
        </ActionButton>
      )}
      <QueryState query={list} what={t('借调', 'secondments')} isEmpty={(d) => d.length === 0} emptyText={t('没有借调', 'No secondments')}>
        {(rows) => (
          <Table
            size="small"
            rowKey="id"
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            data-testid="secondments-table"
            columns={[
              { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
              { title: t('借调单位', 'Borrower'), dataIndex: 'borrower' },
              { title: t('层级', 'Level'), dataIndex: 'borrower_level', render: (v: string) => labelOf(LEVELS, v, lang) },
              { title: t('开始', 'From'), dataIndex: 'start_date' },
              { title: t('结束', 'To'), dataIndex: 'end_date' },
              {
                title: t('审批', 'Approvals'),
                dataIndex: 'approving_department',
                render: (v: string, row) => {
                  const given = (row as { approvals?: { step: string; body: string; reference?: string | null }[] | null }).approvals;
                  if (!given?.length) return v;
                  return given.map((a) => `${a.body}${a.step === 'review' ? t('审核', ' (review)') : t('批准', ' (approval)')}${a.reference ? `（${a.reference}）` : ''}`).join('；');
                },
              },
              { title: t('登记时间', 'Recorded'), dataIndex: 'created_at', render: formatDateTime },
              {
                title: t('操作', 'Action'),
                render: (_, row) =>
                  canWrite && row.end_date >= today() ? (
                    <ActionButton
                      label={t('结束借调', 'End')}
                      title={t('提前结束借调', 'End the secondment')}
                      fields={[{ name: 'on', label: t('结束日期', 'End date'), kind: 'date', required: true, initial: dayjs() }]}
                      onSubmit={(v) => end.mutateAsync({ id: row.id, body: { on: String(v.on) } })}
                    />
                  ) : null,
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

/** One body and reference field per step the rule in force names (SS: 区民政局审核, then 区政府批准); where the rule
 * names none, one approving department. */
function approvalFields(steps: ApprovalStep[], lang: string) {
  const zh = lang !== 'en';
  if (steps.length === 0) {
    return [
      { name: 'approving_department', label: zh ? '审批部门' : 'Approving department' },
      { name: 'approval_reference', label: zh ? '批准文号' : 'Approval reference' },
    ];
  }
  return steps.flatMap((step, i) => [
    { name: `approval_${i}_body`, label: approvalStep(step, lang) + (zh ? '：单位' : ': body'), required: true, initial: step.body_zh },
    { name: `approval_${i}_reference`, label: approvalStep(step, lang) + (zh ? '：文号' : ': reference') },
  ]);
}

/** The form's per-step fields become the request's `approvals`, in the rule's order. */
function withApprovals(values: Record<string, unknown>, steps: ApprovalStep[]) {
  if (steps.length === 0) return values;
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (!key.startsWith('approval_')) body[key] = value;
  body.approvals = steps.map((step, i) => ({ step: step.step, body: values[`approval_${i}_body`], reference: values[`approval_${i}_reference`] ?? null }));
  return body;
}

/** The worker field of a modal whose other fields come from ActionFields (a Form.Item named worker_id). */
function WorkerIdField() {
  return (
    <Form.Item name="worker_id" noStyle rules={[{ required: true }]}>
      <WorkerPicker />
    </Form.Item>
  );
}

function Visits({ region, canWrite }: { region: string; canWrite: boolean }) {
  const t = useT();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const report = useVisits(region, month);
  const record = useRecordVisits();
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <DatePicker picker="month" value={dayjs(month)} allowClear={false} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        {canWrite && (
          <ActionButton
            label={t('录入走访', 'Record a visit')}
            title={t('录入入户走访', 'Record a household visit')}
            buttonProps={{ type: 'primary', size: 'middle' }}
            fields={[
              { name: 'visit_date', label: t('走访日期', 'Visit date'), kind: 'date', required: true, initial: dayjs() },
              { name: 'household', label: t('走访户', 'Household'), required: true },
              { name: 'note', label: t('备注', 'Note'), kind: 'textarea' },
            ]}
            onSubmit={(v) => record.mutateAsync({ visits: [v as never] })}
          >
            <Form.Item label={t('人员', 'Worker')} required>
              <WorkerIdField />
            </Form.Item>
          </ActionButton>
        )}
      </Space>
      <QueryState query={report} what={t('走访', 'visits')} isEmpty={(d) => d.items.length === 0} emptyText={t('本月没有走访要求', 'No visits required this month')}>
        {(data) => (
          <Table
            size="small"
            rowKey="worker_id"
            dataSource={data.items}
            data-testid="visits-table"
            columns={[
              { title: t('姓名', 'Name'), dataIndex: 'name' },
              { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
              { title: t('已走访', 'Visits'), dataIndex: 'visits' },
              { title: t('要求', 'Required'), dataIndex: 'required' },
              { title: t('尚差', 'Short'), dataIndex: 'shortfall' },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

function Reserve({ region, canWrite }: { region: string; canWrite: boolean }) {
  const t = useT();
  const pools = useReservePools(region);
  const [township, setTownship] = useState<string>();
  const chosen = township ?? (region.length >= 9 ? region.slice(0, 9) : pools.data?.[0]?.township_code);
  const candidates = useReserveCandidates(chosen ?? '', Boolean(chosen));
  const add = useAddCandidate();
  const remove = useRemoveCandidate();
  return (
    <>
      <QueryState query={pools} what={t('后备库', 'reserve pools')} isEmpty={(d) => d.length === 0}>
        {(rows) => (
          <Table
            size="small"
            rowKey="township_code"
            dataSource={rows}
            pagination={false}
            data-testid="reserve-pools"
            onRow={(row) => ({ onClick: () => setTownship(row.township_code), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('乡镇（街道）', 'Township'), dataIndex: 'name' },
              { title: t('书记岗位数', 'Secretary posts'), dataIndex: 'secretary_posts' },
              { title: t('比例', 'Ratio'), dataIndex: 'ratio', render: (v: number) => `1 : ${v}` },
              { title: t('应有', 'Required'), dataIndex: 'required' },
              { title: t('现有', 'In pool'), dataIndex: 'pool' },
              { title: t('缺口', 'Short'), dataIndex: 'shortfall' },
            ]}
          />
        )}
      </QueryState>
      {chosen && (
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={<>{t('后备人选', 'Candidates')} · <RegionName code={chosen} /></>}
          extra={
            canWrite && (
              <ActionButton
                label={t('加入后备库', 'Add a candidate')}
                title={t('加入书记后备库', 'Add to the secretary reserve')}
                testId="add-candidate"
                fields={[
                  { name: 'name', label: t('姓名', 'Name'), required: true },
                  { name: 'added_on', label: t('加入日期', 'Added on'), kind: 'date', required: true, initial: dayjs() },
                  { name: 'note', label: t('备注', 'Note'), kind: 'textarea' },
                ]}
                onSubmit={(v) => add.mutateAsync({ ...(v as never as object), township_code: chosen } as never)}
              />
            )
          }
        >
          <QueryState query={candidates} what={t('后备人选', 'candidates')} isEmpty={(d) => d.length === 0} emptyText={t('暂无后备人选', 'No candidates')}>
            {(rows) => (
              <Table
                size="small"
                rowKey="id"
                dataSource={rows}
                pagination={false}
                columns={[
                  { title: t('姓名', 'Name'), dataIndex: 'name' },
                  { title: t('加入日期', 'Added on'), dataIndex: 'added_on' },
                  { title: t('移出日期', 'Removed on'), dataIndex: 'removed_on', render: (v: string | null) => v ?? '—' },
                  { title: t('备注', 'Note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
                  {
                    title: t('操作', 'Action'),
                    render: (_, row) =>
                      canWrite && !row.removed_on ? (
                        <ActionButton
                          label={t('移出', 'Remove')}
                          title={t(`移出后备库 · ${row.name}`, `Remove · ${row.name}`)}
                          fields={[
                            { name: 'removed_on', label: t('移出日期', 'Removed on'), kind: 'date', required: true, initial: dayjs() },
                            { name: 'note', label: t('备注', 'Note'), kind: 'textarea' },
                          ]}
                          onSubmit={(v) => remove.mutateAsync({ id: row.id, body: v as never })}
                        />
                      ) : null,
                  },
                ]}
              />
            )}
          </QueryState>
        </Card>
      )}
    </>
  );
}

function Training({ region, canWrite }: { region: string; canWrite: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const report = useTrainingCompliance(region, year);
  const record = useRecordTraining();
  const [form] = Form.useForm();
  return (
    <>
      {canWrite && (
        <Card size="small" title={t('录入培训（可多选人员，一次录入）', 'Record training (one or many workers at once)')} style={{ marginBottom: 12 }}>
          {record.isError && <ProblemAlert error={record.error} />}
          <Form
            form={form}
            layout="vertical"
            data-testid="training-form"
            initialValues={{ training_date: dayjs(), kind: 'in_service', organiser_level: 'county' }}
            onFinish={(values) => {
              const date = (values.training_date as dayjs.Dayjs).format('YYYY-MM-DD');
              const records = (values.worker_ids as string[]).map((worker_id) => ({
                worker_id, training_date: date, hours: String(values.hours), kind: values.kind, organiser_level: values.organiser_level, title: values.title,
              }));
              record.mutate({ records }, {
                onSuccess: (rows) => { message.success(t(`已录入 ${rows.length} 条`, `${rows.length} recorded`)); form.resetFields(['worker_ids']); },
                // Every record takes the form's values: a record's error (records.2.training_date) shows on the field.
                onError: (error) => applyProblemToForm(form, error, lang, ['worker_ids', 'title', 'training_date', 'hours', 'kind', 'organiser_level']),
              });
            }}
          >
            <Form.Item name="worker_ids" label={t('人员', 'Workers')} rules={[{ required: true, message: t('请选择人员', 'Pick the workers') }]}>
              <WorkerPicker multiple />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item name="title" label={t('培训名称', 'Title')} rules={[{ required: true, message: t('请填写培训名称', 'Title is required') }]}>
                <Input style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name="training_date" label={t('培训日期', 'Date')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="hours" label={t('学时', 'Hours')} rules={[{ required: true, message: t('请填写学时', 'Hours are required') }]}>
                <InputNumber min={0.5} max={200} step={0.5} />
              </Form.Item>
              <Form.Item name="kind" label={t('类别', 'Kind')}>
                <Select style={{ width: 130 }} options={optionsOf(TRAINING_KINDS, lang)} />
              </Form.Item>
              <Form.Item name="organiser_level" label={t('组织层级', 'Organiser')}>
                <Select style={{ width: 130 }} options={optionsOf(LEVELS, lang).filter((o) => o.value !== 'other' && o.value !== 'central')} />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={record.isPending}>{t('录入', 'Record')}</Button>
          </Form>
        </Card>
      )}
      <Space style={{ marginBottom: 12 }}>
        <InputNumber value={year} onChange={(v) => v && setYear(v)} min={2000} max={2100} addonAfter={t('年', 'year')} />
      </Space>
      <QueryState query={report} what={t('培训学时', 'training hours')} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <Table
            size="small"
            rowKey="worker_id"
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            data-testid="training-compliance"
            columns={[
              { title: t('姓名', 'Name'), dataIndex: 'name' },
              { title: t('社区', 'Community'), dataIndex: 'community_code', render: (v: string) => <RegionName code={v} /> },
              { title: t('岗位', 'Post'), dataIndex: 'post', render: (v: string) => <PostName code={v} /> },
              { title: t('已完成学时', 'Hours done'), dataIndex: 'hours_done' },
              { title: t('年度要求', 'Required'), dataIndex: 'yearly_required' },
              { title: t('尚差', 'Short'), dataIndex: 'yearly_shortfall' },
              { title: t('岗前培训尚差', 'Initial short'), dataIndex: 'initial_shortfall' },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

const EXCEPTION_STATUS = DECISION_STATUS;

function Quota({ region, role }: { region: string; role: string }) {
  const t = useT();
  const lines = useQuota(region);
  const exceptions = useQuotaExceptions(region);
  const add = useAddQuotaException();
  const decide = useDecideQuotaException();
  const { lang } = useLang();
  const deciders = ['county_officer', 'city_officer', 'provincial_admin'];
  // An exception raises a quota that applies: a county's total (CENTRAL §3, IM art.6), or a community's where a
  // community rule or an approved number sets one (the quota table's lines) — chosen by name, not typed as a code.
  const named = new Map(useRegionOptions(['county', 'community'], region).options.map((o) => [o.value, o.label]));
  const places = (lines.data ?? []).map((line) => ({ value: line.region_code, label: named.get(line.region_code) ?? line.name, level: line.level }));
  const communities = places.some((place) => place.level === 'community');
  const own = places.find((place) => place.value === region);
  return (
    <>
      <QueryState query={lines} what={t('编额', 'quota')} isEmpty={(d) => d.length === 0}>
        {(rows) => (
          <Table
            size="small"
            rowKey="region_code"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="quota-lines"
            columns={[
              { title: t('区划', 'Region'), dataIndex: 'name', render: (v: string, row) => <span title={row.region_code}>{v}</span> },
              { title: t('测算编额', 'Computed'), dataIndex: 'computed' },
              { title: t('批准核定人数', 'Approved number'), dataIndex: 'approved_number', render: (v: number | null) => v ?? '—' },
              { title: t('例外增加', 'Exceptions'), dataIndex: 'exception_posts' },
              { title: t('核定编额', 'Allowed'), dataIndex: 'allowed' },
              { title: t('在岗', 'Filled'), dataIndex: 'filled' },
              { title: t('空缺', 'Vacancies'), dataIndex: 'vacancies' },
              { title: t('测算依据', 'Rule'), render: (_, row) => <Params params={row.rule_params as Record<string, unknown>} /> },
            ]}
          />
        )}
      </QueryState>
      <Card
        size="small"
        title={t('编额例外', 'Quota exceptions')}
        style={{ marginTop: 12 }}
        extra={
          deciders.includes(role) && (
            <ActionButton
              label={t('申请例外', 'Request an exception')}
              title={t('申请编额例外（经上级批准后生效）', 'Request a quota exception (counts once approved)')}
              testId="add-quota-exception"
              // The places come from the quota's lines: nothing to choose (nor a default) before they are in.
              buttonProps={{ disabled: !lines.isSuccess }}
              fields={[
                {
                  name: 'region_code',
                  label: communities ? t('县区或社区', 'County or community') : t('县区', 'County'),
                  kind: 'select',
                  options: places.map(({ value, label }) => ({ value, label })),
                  required: true,
                  initial: own?.value,
                },
                { name: 'extra_posts', label: t('增加岗位数', 'Extra posts'), kind: 'number', required: true, min: 1 },
                { name: 'reason', label: t('理由', 'Reason'), kind: 'textarea', required: true },
                { name: 'valid_from', label: t('生效日期', 'Valid from'), kind: 'date' },
                { name: 'valid_until', label: t('截止日期', 'Valid until'), kind: 'date' },
              ]}
              onSubmit={(v) => add.mutateAsync(v as never)}
            />
          )
        }
      >
        <QueryState query={exceptions} what={t('编额例外', 'exceptions')} isEmpty={(d) => d.length === 0} emptyText={t('没有例外', 'No exceptions')}>
          {(rows) => (
            <Table
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={false}
              columns={[
                { title: t('区划', 'Region'), dataIndex: 'region_code', render: (v: string) => <RegionName code={v} /> },
                { title: t('增加岗位', 'Extra posts'), dataIndex: 'extra_posts' },
                { title: t('理由', 'Reason'), dataIndex: 'reason' },
                { title: t('有效期', 'Valid'), render: (_, row) => `${row.valid_from} — ${row.valid_until ?? t('长期', 'open')}` },
                { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => <Tag color={EXCEPTION_STATUS[v]?.[2]}>{lang === 'en' ? EXCEPTION_STATUS[v]?.[1] : EXCEPTION_STATUS[v]?.[0] ?? v}</Tag> },
                { title: t('申请人', 'Requested by'), dataIndex: 'requested_by', render: (v: string, row) => <><PersonName subject={v} /> {formatDateTime(row.requested_at)}</> },
                {
                  title: t('审批', 'Decision'),
                  render: (_, row) => (
                    <DecisionCell
                      row={row}
                      canDecide={deciders.includes(role)}
                      testIdPrefix="quota-exception"
                      what={['编额例外', 'exception']}
                      onDecide={(decision, note) => decide.mutateAsync({ id: row.id, body: { decision, note } })}
                    />
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      <CommunityNumbers region={region} role={role} />
    </>
  );
}

/** The rating a year not rated yet pays by: the latest one before it (the registry's worker facts read the same). */
export function carriedStarRating<R extends { year: number; stars: number }>(ratings: R[], year: number): R | undefined {
  return ratings.filter((s) => s.year < year).sort((a, b) => b.year - a.year)[0];
}

function Stars({ region, canWrite }: { region: string; canWrite: boolean }) {
  const t = useT();
  const [year, setYear] = useState(dayjs().year());
  const communities = useRegions(region, 'community');
  const rate = useRateStars();
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <InputNumber value={year} onChange={(v) => v && setYear(v)} min={2000} max={2100} addonAfter={t('年', 'year')} aria-label={t('年度', 'Year')} />
      </Space>
      {rate.isError && <ProblemAlert error={rate.error} />}
      <QueryState query={communities} what={t('社区', 'communities')} isEmpty={(d) => d.length === 0}>
        {(rows) => (
          <Table
            size="small"
            rowKey="code"
            dataSource={rows}
            data-testid="star-ratings"
            columns={[
              { title: t('社区', 'Community'), dataIndex: 'name', render: (v: string, row) => <span title={row.code}>{v}</span> },
              {
                title: t(`${year} 年星级`, `Stars ${year}`),
                render: (_, row) => {
                  const ratings = row.star_ratings ?? [];
                  const current = ratings.find((s) => s.year === year)?.stars ?? 0;
                  const earlier = current ? undefined : carriedStarRating(ratings, year);
                  return (
                    <Space>
                      <Rate value={current} disabled={!canWrite || rate.isPending} onChange={(stars) => rate.mutate({ code: row.code, year, body: { stars } })} />
                      {earlier && (
                        <Typography.Text type="secondary" data-testid="star-carried">
                          {t(`未评定，沿用 ${earlier.year} 年 ${earlier.stars} 星`, `not rated: ${earlier.year}'s ${earlier.stars} stars apply`)}
                        </Typography.Text>
                      )}
                    </Space>
                  );
                },
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

function Rules({ region, role }: { region: string; role: string }) {
  const t = useT();
  const rules = useRules(region);
  const add = useAddRule();
  const canAdd = ['county_officer', 'city_officer', 'provincial_admin'].includes(role);
  return (
    <>
      {canAdd && (
        <ActionButton
          label={t('新增规则版本', 'New rule version')}
          title={t('新增管理规则版本', 'New management rule version')}
          buttonProps={{ size: 'middle', style: { marginBottom: 12 } }}
          fields={[
            { name: 'kind', label: t('规则', 'Rule'), kind: 'select', required: true, options: Array.from(new Set((rules.data ?? []).map((r) => r.kind))).map((k) => ({ value: k, label: RULE_KINDS[k] ? t(RULE_KINDS[k][0], RULE_KINDS[k][1]) : k })) },
            { name: 'region_prefix', label: t('适用区划', 'Region prefix'), required: true, initial: region },
            { name: 'effective_from', label: t('生效日期', 'Effective from'), kind: 'date', required: true },
            { name: 'source', label: t('依据（文件及条款）', 'Source (document and clause)'), required: true },
            { name: 'params', label: t('参数（JSON）', 'Parameters (JSON)'), kind: 'textarea', required: true },
          ]}
          onSubmit={(v) => add.mutateAsync({ ...(v as never as object), params: JSON.parse(String(v.params)) } as never)}
        />
      )}
      <QueryState query={rules} what={t('管理规则', 'rules')} isEmpty={(d) => d.length === 0}>
        {(rows) => (
          <Table
            size="small"
            rowKey={(row) => `${row.kind}-${row.region_prefix}-${row.effective_from}`}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="rules-table"
            columns={[
              { title: t('规则', 'Rule'), dataIndex: 'kind', render: (v: string) => (RULE_KINDS[v] ? <span title={v}>{t(RULE_KINDS[v][0], RULE_KINDS[v][1])}</span> : <Typography.Text code>{v}</Typography.Text>) },
              { title: t('适用区划', 'Applies to'), dataIndex: 'region_prefix', render: (v: string) => (v ? <RegionName code={v} /> : t('全国', 'Nationwide')) },
              { title: t('生效', 'From'), dataIndex: 'effective_from' },
              { title: t('数值', 'Numbers'), dataIndex: 'params', render: (v: Record<string, unknown>, row) => <Params params={v} provenance={row.provenance} /> },
              { title: t('依据', 'Source'), dataIndex: 'source', render: (v: string) => <RuleSource source={v} /> },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

/** Registry work beyond the worker record: secondments, visits, reserve pool, training, quota, stars, rules. */
export function ManagementPage() {
  const t = useT();
  const session = useSession();
  const region = session?.jurisdiction ?? '';
  const role = session?.role ?? '';
  const canWrite = WRITERS.includes(role);
  return (
    <>
      <PageTitle title={t('日常管理', 'Management')} />
      <Card>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'secondments', label: t('借调', 'Secondments'), children: <Secondments region={region} canWrite={canWrite} /> },
            { key: 'visits', label: t('入户走访', 'Household visits'), children: <Visits region={region} canWrite={canWrite} /> },
            { key: 'reserve', label: t('书记后备库', 'Secretary reserve'), children: <Reserve region={region} canWrite={canWrite} /> },
            { key: 'training', label: t('培训', 'Training'), children: <Training region={region} canWrite={canWrite} /> },
            { key: 'quota', label: t('编额', 'Quota'), children: <Quota region={region} role={role} /> },
            { key: 'stars', label: t('星级评定', 'Star ratings'), children: <Stars region={region} canWrite={RATERS.includes(role)} /> },
            { key: 'rules', label: t('管理规则', 'Rules'), children: <Rules region={region} role={role} /> },
          ]}
        />
      </Card>
    </>
  );
}
