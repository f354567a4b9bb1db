import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { PostName, RegionName } from '@/components/Names';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatMoney } from '@/lib/format';
import { useLang, useT } from '@/lib/i18n';
import { ApiError, type FieldProblem } from '@/lib/problem';
import { formatDateTime, labelOf, SCHEME_STATES } from '@/lib/vocab';
import { useCreateDraft } from '../api/create-draft';
import { useMayPublish } from '../api/may-publish';
import { usePreviewScheme } from '../api/preview-scheme';
import { usePublishScheme } from '../api/publish-scheme';
import type { PreviewOut, Scheme } from '../api/types';
import { useUpdateDraft } from '../api/update-draft';
import { useValidateScheme } from '../api/validate-scheme';
import { SchemaOutline } from './SchemaOutline';
import { SchemeDiff, SchemeForm, type Doc } from './SchemeForm';
import { SimulationCard } from './SimulationCard';
import { VersionName } from './VersionName';

function ProblemList({ problems }: { problems: FieldProblem[] }) {
  const { lang } = useLang();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="scheme-problems">
      {problems.map((p, i) => (
        <li key={`${p.field}-${i}`}>
          <Typography.Text code>{p.field}</Typography.Text> {lang === 'en' ? p.message_en : p.message_zh}
        </li>
      ))}
    </ul>
  );
}

/**
 * View a pay-scheme version; a draft is edited as a form (posts × levels, components, rates) or, for experts, as
 * JSON, compared with the version in force, validated (messages under the fields), previewed and published.
 */
export function SchemeEditor({ scheme, onSelect, canEdit, baseline = null }: { scheme: Scheme; onSelect: (id: number) => void; canEdit: boolean; baseline?: Doc | null }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const draft = scheme.status === 'draft';
  const [text, setText] = useState(() => JSON.stringify(scheme.document, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  // What 校验 (or a refused save) found, and in which document: once the text changes the findings no longer apply and
  // are hidden; a reload of the same document (after a save) keeps them.
  const [findings, setFindings] = useState<{ of: string; problems: FieldProblem[] } | null>(null);
  const [drafting, setDrafting] = useState(false);
  const [previewed, setPreviewed] = useState<{ of: string; result: PreviewOut } | null>(null);
  const create = useCreateDraft();
  const update = useUpdateDraft();
  const validate = useValidateScheme();
  const previewCall = usePreviewScheme();
  // Who each preview payslip is for (the page names people and places, not ids).
  const publish = usePublishScheme();
  // 发布 only for a provincial admin who did not draft or edit this version (separation of duties).
  const mayPublish = useMayPublish(scheme);
  const [previewForm] = Form.useForm<{ month: Dayjs; sample_region: string }>();
  const [tab, setTab] = useState('form');
  // The form edits the same text the JSON tab shows; while the JSON does not parse, the form waits for it.
  const doc = useMemo<Doc | null>(() => {
    try {
      return JSON.parse(text) as Doc;
    } catch {
      return null;
    }
  }, [text]);
  const findingsOf = (document: Record<string, unknown>) => `${scheme.id}:${JSON.stringify(document)}`;
  const shown = doc === null ? null : findingsOf(doc);
  const problems = findings && findings.of === shown ? findings.problems : null;
  const preview = previewed && previewed.of === shown ? previewed.result : null;
  // Who each preview payslip is for (the page names people and places, not ids).
  const samples = useMemo(() => new Map((preview?.samples ?? []).map((s) => [s.worker_id, s])), [preview]);

  // A reload of the draft (after any save, or another officer's) replaces the text only if it has not been edited
  // since it was loaded: an edit typed while a save was in flight is kept.
  const loaded = useRef<{ id: number; text: string } | null>(null);
  useEffect(() => {
    const next = JSON.stringify(scheme.document, null, 2);
    const previous = loaded.current;
    loaded.current = { id: scheme.id, text: next };
    setText((current) => (previous !== null && previous.id === scheme.id && current !== previous.text ? current : next));
  }, [scheme]);

  const parsed = (): Record<string, unknown> | null => {
    try {
      const value = JSON.parse(text);
      setParseError(null);
      return value;
    } catch (error) {
      setParseError(error instanceof Error ? error.message : String(error));
      return null;
    }
  };
  const showProblems = (document: Record<string, unknown> | null) => (error: unknown) =>
    setFindings(document && error instanceof ApiError ? { of: findingsOf(document), problems: error.problem.errors ?? [] } : null);

  const save = () => {
    setFindings(null);
    const document = parsed();
    if (!document) return;
    update.mutate({ schemeId: scheme.id, body: { document } }, { onSuccess: () => message.success(t('草稿已保存', 'Draft saved')), onError: showProblems(document) });
  };
  // 校验, 预览, 测算 and 发布 act on the stored draft, so the text on screen is saved first when it differs from it; without
  // this, 校验 right after an unsaved edit (or during its save) answered for the document before the edit.
  const storedFirst = async (): Promise<Record<string, unknown> | null> => {
    const document = parsed();
    if (!document) return null;
    if (JSON.stringify(document) !== JSON.stringify(scheme.document)) {
      try {
        await update.mutateAsync({ schemeId: scheme.id, body: { document } });
      } catch (error) {
        showProblems(document)(error);
        return null;
      }
    }
    return document;
  };
  // A request that acts on the stored draft waits while a save is under way (it would save the text again).
  const busy = update.isPending || validate.isPending || publish.isPending;
  const validateShown = async () => {
    const document = await storedFirst();
    if (!document) return;
    validate.mutate(scheme.id, { onSuccess: (result) => setFindings({ of: findingsOf(document), problems: result.valid ? [] : result.problems }) });
  };
  const publishShown = async () => {
    const document = await storedFirst();
    if (!document) return;
    publish.mutate(scheme.id, { onSuccess: () => message.success(t('已发布', 'Published')), onError: showProblems(document) });
  };

  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('名称', 'Name')}>{scheme.name}</Descriptions.Item>
        <Descriptions.Item label={t('适用地区', 'Applies to')}>
          <RegionName code={scheme.region_prefix} />
        </Descriptions.Item>
        <Descriptions.Item label={t('生效日期', 'Effective from')}>{scheme.effective_from}</Descriptions.Item>
        <Descriptions.Item label={t('状态', 'Status')}>
          <Tag color={draft ? 'orange' : 'green'}>{labelOf(SCHEME_STATES, scheme.status, lang)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('基于版本', 'Based on')}>
          <VersionName id={scheme.based_on_id} onSelect={onSelect} />
        </Descriptions.Item>
        <Descriptions.Item label={t('发布时间', 'Published')}>{formatDateTime(scheme.published_at)}</Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginBottom: 12 }}>
        {canEdit && !draft && (
          <Button type="primary" onClick={() => setDrafting(true)}>
            {t('起草下一版', 'Draft the next version')}
          </Button>
        )}
        {canEdit && draft && (
          <>
            <Button onClick={save} loading={update.isPending} disabled={validate.isPending || publish.isPending}>
              {t('保存草稿', 'Save draft')}
            </Button>
            <Button
              loading={validate.isPending}
              disabled={update.isPending || publish.isPending}
              onClick={() => void validateShown()}
            >
              {t('校验', 'Validate')}
            </Button>
            {mayPublish.allowed && (
              <Popconfirm
                title={t('发布后该版本将在生效日期起用于工资核算，确认发布？', 'Once published the version is used for payroll from its date. Publish?')}
                onConfirm={() => void publishShown()}
              >
                <Button danger loading={publish.isPending} disabled={update.isPending || validate.isPending}>
                  {t('发布', 'Publish')}
                </Button>
              </Popconfirm>
            )}
            {mayPublish.drafter && (
              <Typography.Text type="secondary" data-testid="publish-by-another">
                {t('您起草或修改了本草稿，须由另一位省级管理员发布', 'You drafted or edited this version: another provincial admin publishes it')}
              </Typography.Text>
            )}
          </>
        )}
      </Space>
      <ProblemAlert error={update.error ?? publish.error ?? validate.error ?? create.error} />
      {parseError && doc === null && <Alert type="error" showIcon title={t('JSON 格式错误', 'Invalid JSON')} description={parseError} style={{ marginBottom: 12 }} />}
      {problems && problems.length === 0 && <Alert type="success" showIcon title={t('校验通过', 'The document is valid')} style={{ marginBottom: 12 }} />}
      {problems && problems.length > 0 && (
        <Alert type="error" showIcon title={t(`发现 ${problems.length} 处问题`, `${problems.length} problem(s)`)} description={<ProblemList problems={problems} />} style={{ marginBottom: 12 }} />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'form',
            label: t('表单', 'Form'),
            children: doc ? (
              <SchemeForm doc={doc} baseline={baseline} editable={draft && canEdit} problems={problems ?? []} onChange={(next) => setText(JSON.stringify(next, null, 2))} />
            ) : (
              <Alert type="warning" showIcon title={t('原始数据格式有误，请在“原始数据（专家）”中修正', 'The JSON does not parse: fix it in the JSON tab')} />
            ),
          },
          {
            key: 'diff',
            label: t('与生效版本比较', 'Changes against the version in force'),
            children: doc ? <SchemeDiff baseline={baseline} doc={doc} /> : null,
          },
          {
            key: 'json',
            label: t('原始数据（专家）', 'JSON (expert)'),
            children: (
              <>
                <Input.TextArea
                  value={text}
                  onChange={(event) => setText(event.target.value)}
                  readOnly={!draft || !canEdit}
                  autoSize={{ minRows: 16, maxRows: 32 }}
                  style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12, marginBottom: 12 }}
                  data-testid="scheme-json"
                  spellCheck={false}
                />
                <SchemaOutline doc={doc} />
              </>
            ),
          },
        ]}
      />
      {draft && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('预览：按本草稿计算样本人员某月工资（不保存）', 'Preview: what this draft would pay sample workers (nothing saved)')}
          </Typography.Title>
          <Form
            form={previewForm}
            layout="inline"
            initialValues={{ month: dayjs().subtract(1, 'month'), sample_region: scheme.region_prefix }}
            onFinish={async (values) => {
              const document = await storedFirst();
              if (!document) return;
              previewCall.mutate(
                { schemeId: scheme.id, body: { month: values.month.format('YYYY-MM'), run_kind: 'regular', sample_region: values.sample_region, sample_size: 10, results: [] } },
                { onSuccess: (result) => setPreviewed({ of: findingsOf(document), result }), onError: showProblems(document) },
              );
            }}
          >
            <Form.Item name="month" label={t('月份', 'Month')}>
              <DatePicker picker="month" allowClear={false} />
            </Form.Item>
            <Form.Item name="sample_region" label={t('样本区划', 'Sample region')}>
              <Input style={{ width: 140 }} />
            </Form.Item>
            <Button htmlType="submit" loading={previewCall.isPending} disabled={busy}>
              {t('预览', 'Preview')}
            </Button>
          </Form>
          <ProblemAlert error={previewCall.error} />
          {preview && (
            <Table
              size="small"
              rowKey="worker_id"
              style={{ marginTop: 12 }}
              dataSource={preview.payslips}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="scheme-preview"
              columns={[
                {
                  title: t('人员', 'Worker'),
                  dataIndex: 'worker_id',
                  render: (v: string) => <span title={v}>{samples.get(v)?.name || t('（未具名）', '(unnamed)')}</span>,
                },
                { title: t('社区', 'Community'), dataIndex: 'worker_id', key: 'community', render: (v: string) => <RegionName code={samples.get(v)?.community_code} /> },
                { title: t('岗位等级', 'Grade'), render: (_, row) => (row.grade ? <PostName code={row.grade.post} level={row.grade.level} /> : '—') },
                { title: t('应发', 'Gross'), dataIndex: 'gross', align: 'right', render: formatMoney },
                { title: t('个税', 'Tax'), dataIndex: 'income_tax', align: 'right', render: formatMoney },
                { title: t('实发', 'Net'), dataIndex: 'net', align: 'right', render: formatMoney },
                { title: t('说明', 'Note'), render: (_, row) => (row.payable === false ? row.reason : '') },
              ]}
            />
          )}
          <SimulationCard
            scheme={scheme}
            shown={shown}
            busy={busy}
            stored={async () => {
              const document = await storedFirst();
              return document && findingsOf(document);
            }}
          />
        </>
      )}
      <Modal
        open={drafting}
        title={t('起草下一版', 'Draft the next version')}
        okText={t('创建草稿', 'Create draft')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setDrafting(false)}
        onOk={() => {
          const document = parsed();
          if (!document) return;
          const effective = (document as { effective_from?: string }).effective_from;
          create.mutate(
            { region_prefix: scheme.region_prefix, effective_from: effective ?? dayjs().add(1, 'year').startOf('year').format('YYYY-MM-DD'), document, based_on_id: scheme.id },
            {
              onSuccess: (created) => {
                setDrafting(false);
                onSelect(created.id);
              },
              onError: showProblems(document),
            },
          );
        }}
      >
        <Typography.Paragraph>
          {t(
            `以“${scheme.name}”为基础创建草稿，默认生效日期为下一年 1 月 1 日；创建后可修改 JSON、校验、预览，再发布。`,
            `Creates a draft based on "${scheme.name}", effective 1 January next year by default; then edit the JSON, validate, preview and publish.`,
          )}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
