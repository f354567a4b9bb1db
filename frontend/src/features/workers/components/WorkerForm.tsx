import { Button, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { CERTIFICATES, EDUCATION, options } from '@/lib/codes';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import { codeListOptions, ETHNICITIES, HEAD_ROLES, optionsOf, OTHER_STATUSES, POLITICAL_STATUSES } from '@/lib/vocab';
import type { FieldProblem } from '@/lib/problem';
import { useCommunities } from '../api/get-communities';
import { usePosts } from '../api/get-posts';
import type { WorkerDetail } from '../api/types';

type FormValues = Record<string, unknown>;

/** Dates to YYYY-MM-DD, empty strings to null, empty nested rows dropped. */
function normalise(value: unknown): unknown {
  if (dayjs.isDayjs(value)) return (value as Dayjs).format('YYYY-MM-DD');
  if (value === '') return null;
  if (Array.isArray(value)) return value.map(normalise).filter((row) => row && Object.values(row as object).some((v) => v !== undefined && v !== null && v !== false));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}


/** The name paths of the leaves in an onValuesChange `changed` object. */
function changedPaths(changed: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (changed === null || typeof changed !== 'object' || dayjs.isDayjs(changed)) return prefix.length ? [prefix] : [];
  return Object.entries(changed as Record<string, unknown>).flatMap(([key, value]) =>
    changedPaths(value, [...prefix, Array.isArray(changed) ? Number(key) : key]),
  );
}

function editValues(worker: WorkerDetail): FormValues {
  return {
    name: worker.name,
    national_id: worker.national_id,
    ethnicity: worker.ethnicity,
    political_status: worker.political_status,
    phone: worker.phone,
    bank_name: worker.bank_name,
    bank_branch: worker.bank_branch,
    bank_account: worker.bank_account,
    contract_term_years: worker.contract?.term_years,
    contract_start: worker.contract?.start ? dayjs(worker.contract.start) : undefined,
    contract_end: worker.contract?.end ? dayjs(worker.contract.end) : undefined,
    probation_end: worker.contract?.probation_end ? dayjs(worker.contract.probation_end) : undefined,
    other_status: worker.other_status ?? undefined,
    other_status_since: worker.other_status_since ? dayjs(worker.other_status_since) : undefined,
    party_affairs: worker.party_affairs ?? false,
    lives_locally: worker.lives_locally ?? false,
  };
}

/** Another status held and the community roles Songshan counts (SS 二(一), 二(三)1): on registration and edit. */
function StatusFields() {
  const t = useT();
  const { lang } = useLang();
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name="other_status" label={t('其他身份', 'Other status')} extra={t('松山：退休人员、原收费站分流人员不纳入；机关企事业单位在职人员不得在两委任职', 'Songshan: retirees and toll-station transferees are excluded; serving staff may not hold a 两委 post')}>
          <Select allowClear options={optionsOf(OTHER_STATUSES, lang)} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="other_status_since" label={t('其他身份起始日期', 'Other status since')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="party_affairs" valuePropName="checked" label={t('社区职责', 'Community duties')}>
          <Checkbox>{t('专职党务工作者', 'Full-time party-affairs worker')}</Checkbox>
        </Form.Item>
        <Form.Item name="lives_locally" valuePropName="checked">
          <Checkbox>{t('属地化（居住在本社区）', 'Lives in the community')}</Checkbox>
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Register (create) or correct (edit) a worker; the API's field errors appear next to the fields. */
export function WorkerForm({
  worker,
  submitting,
  onSubmit,
}: {
  worker?: WorkerDetail;
  submitting: boolean;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
}) {
  const [form] = Form.useForm<FormValues>();
  const t = useT();
  const { lang } = useLang();
  const editing = Boolean(worker);
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const communities = useCommunities();
  // Only posts of the chosen community's jurisdiction (the catalogue answers for a region).
  const community = Form.useWatch('community_code', form) as string | undefined;
  const posts = usePosts(community);
  const required = (zh: string, en: string) => [{ required: !editing, message: t(`请填写${zh}`, `${en} is required`) }];
  const initial = worker ? editValues(worker) : { yijiantiao: false, committee_member: false, party_affairs: false, lives_locally: false };

  const finish = async (values: FormValues) => {
    setError(null);
    setUnmatched([]);
    const body = normalise(values) as Record<string, unknown>;
    if (worker) {
      // A correction sends only what changed (PATCH).
      const before = normalise(editValues(worker)) as Record<string, unknown>;
      for (const key of Object.keys(body)) if ((before[key] ?? null) === (body[key] ?? null)) delete body[key];
    }
    try {
      await onSubmit(body);
    } catch (caught) {
      setError(caught);
      setUnmatched(applyProblemToForm(form, caught, lang));
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={finish}
      style={{ maxWidth: 860 }}
      data-testid="worker-form"
      // Enter in a date field confirms the date; it does not submit the form.
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.target as HTMLElement).closest?.('.ant-picker')) event.preventDefault();
      }}
      // An error from the API goes away as soon as its field is changed.
      onValuesChange={(changed) => form.setFields(changedPaths(changed).map((name) => ({ name, errors: [] })))}
    >
      {Boolean(error) && <ProblemAlert error={error} extra={unmatched} />}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('姓名', 'Name')} rules={required('姓名', 'Name')}>
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="national_id" label={t('身份证号', 'National ID number')} rules={required('身份证号', 'ID number')} extra={t('性别、出生日期由身份证号得出', 'Sex and date of birth come from the ID number')}>
            <Input maxLength={18} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="phone" label={t('联系电话', 'Phone')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="ethnicity" label={t('民族', 'Ethnicity')}>
            <Select allowClear showSearch optionFilterProp="label" options={codeListOptions(ETHNICITIES, lang)} placeholder={t('GB 3304 民族', 'GB 3304 ethnic group')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="political_status" label={t('政治面貌', 'Political status')}>
            <Select allowClear showSearch optionFilterProp="label" options={codeListOptions(POLITICAL_STATUSES, lang)} placeholder={t('GB 4762 政治面貌', 'GB 4762 status')} />
          </Form.Item>
        </Col>
      </Row>
      {editing && (
        <>
          <Divider titlePlacement="start">{t('工资发放账户（代发工资）', 'Wage account (bank payroll)')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="bank_name" label={t('开户银行', 'Bank')}>
                <Input maxLength={64} placeholder={t('如：中国农业银行', 'e.g. Agricultural Bank of China')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="bank_branch" label={t('开户网点', 'Branch')}>
                <Input maxLength={100} placeholder={t('如：银川兴庆支行', 'e.g. Yinchuan Xingqing branch')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="bank_account" label={t('银行账号', 'Account number')} extra={t('只填数字；无权查看完整账号时显示为掩码，不修改则保持原值', 'Digits only; shown masked if you may not see it in full, kept unless changed')}>
                <Input maxLength={32} inputMode="numeric" />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      {!editing && (
        <>
          <Divider titlePlacement="start">{t('岗位', 'Post')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="community_code" label={t('社区', 'Community')} rules={required('社区', 'Community')}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  onChange={() => form.setFieldValue('post', undefined)}
                  loading={communities.isPending}
                  options={(communities.data ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="post" label={t('岗位', 'Post')} rules={required('岗位', 'Post')}>
                <Select
                  loading={Boolean(community) && posts.isPending}
                  disabled={!community}
                  placeholder={community ? undefined : t('先选择社区', 'Pick the community first')}
                  options={(community ? (posts.data ?? []).filter((p) => community.startsWith(p.jurisdiction_prefix)) : []).map((p) => ({ value: p.code, label: lang === 'en' ? p.label_en : p.label_zh }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="hired_on" label={t('入职日期', 'Hired on')} rules={required('入职日期', 'Hired on')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contract_term_years" label={t('合同期限（年）', 'Contract term (years)')}>
                <InputNumber min={1} max={10} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="probation_end" label={t('试用期截止', 'Probation ends')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="head_role" label={t('正职分工', 'Head role')} extra={t('仅正职岗位填写', 'Head posts only')}>
                <Select allowClear options={optionsOf(HEAD_ROLES, lang)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="yijiantiao" valuePropName="checked" label={t('一肩挑', 'Both offices')}>
                <Checkbox>{t('书记、主任“一肩挑”', 'Secretary and committee director (一肩挑)')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="committee_member" valuePropName="checked" label={t('两委成员', 'Committee member')}>
                <Checkbox>{t('两委脱产委员（工作人员岗位）', '两委 member on a staff post')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <StatusFields />
          <Divider titlePlacement="start">{t('学历与职业资格', 'Education and certificate')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name={['education', 0, 'level']} label={t('学历', 'Education')}>
                <Select allowClear options={options(EDUCATION, lang)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              {/* Whether it is an in-service degree the registry derives from this date and the hire (POLICY §4). */}
              <Form.Item name={['education', 0, 'graduated_on']} label={t('毕业日期', 'Graduated on')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['certificates', 0, 'level']} label={t('职业资格', 'Certificate')}>
                <Select allowClear options={options(CERTIFICATES, lang)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['certificates', 0, 'approved_on']} label={t('取得日期', 'Approved on')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      {editing && (
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="contract_term_years" label={t('合同期限（年）', 'Contract term (years)')}>
              <InputNumber min={1} max={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="contract_start" label={t('合同开始', 'Contract start')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="contract_end" label={t('合同结束', 'Contract end')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="probation_end" label={t('试用期截止', 'Probation ends')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
      {editing && <StatusFields />}
      <Button type="primary" htmlType="submit" loading={submitting}>
        {editing ? t('保存', 'Save') : t('登记', 'Register')}
      </Button>
    </Form>
  );
}

