import { Button, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { EDUCATION, options, POSTS, STATUSES } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';

export interface FilterValues {
  name?: string;
  status?: string;
  post?: string;
  education?: string;
  region?: string;
}

export function WorkerFilters({ value, onChange }: { value: FilterValues; onChange: (next: FilterValues) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<FilterValues>();
  useEffect(() => form.setFieldsValue(value), [form, value]);
  const apply = () => onChange(form.getFieldsValue());
  return (
    <Form form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }} data-testid="worker-filters">
      <Form.Item name="name">
        <Input.Search allowClear placeholder={t('姓名或身份证号', 'Name or ID number')} onSearch={apply} style={{ width: 220 }} aria-label={t('按姓名或身份证号搜索', 'Search by name or ID number')} />
      </Form.Item>
      <Form.Item name="status">
        <Select allowClear placeholder={t('状态', 'Status')} options={options(STATUSES, lang)} style={{ width: 110 }} onChange={apply} />
      </Form.Item>
      <Form.Item name="post">
        <Select allowClear placeholder={t('岗位', 'Post')} options={options(POSTS, lang)} style={{ width: 170 }} onChange={apply} />
      </Form.Item>
      <Form.Item name="education">
        <Select allowClear placeholder={t('学历', 'Education')} options={options(EDUCATION, lang)} style={{ width: 120 }} onChange={apply} />
      </Form.Item>
      <Form.Item name="region">
        <Input allowClear placeholder={t('区划代码前缀', 'Region code prefix')} style={{ width: 160 }} />
      </Form.Item>
      <Button htmlType="submit">{t('筛选', 'Filter')}</Button>
    </Form>
  );
}
