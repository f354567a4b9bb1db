import { Button, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { options, POSTS, STATUSES } from '@/lib/codes';
import { useLang, useT } from '@/lib/i18n';
import type { WorkerFilters as Filters } from '../api/types';

export function WorkerFilters({ value, onChange }: { value: Filters; onChange: (next: Partial<Filters>) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm();
  useEffect(() => form.setFieldsValue(value), [form, value]);
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(values) => onChange({ ...values, page: 1 })}
      style={{ marginBottom: 16, rowGap: 8 }}
    >
      <Form.Item name="q">
        <Input.Search
          allowClear
          placeholder={t('姓名 / 身份证号', 'Name / ID number')}
          onSearch={(q) => onChange({ q, page: 1 })}
          style={{ width: 220 }}
          aria-label={t('搜索', 'Search')}
        />
      </Form.Item>
      <Form.Item name="status">
        <Select
          allowClear
          placeholder={t('状态', 'Status')}
          options={options(STATUSES, lang)}
          style={{ width: 120 }}
          onChange={(status) => onChange({ status, page: 1 })}
        />
      </Form.Item>
      <Form.Item name="post">
        <Select
          allowClear
          placeholder={t('岗位', 'Post')}
          options={options(POSTS, lang)}
          style={{ width: 170 }}
          onChange={(post) => onChange({ post, page: 1 })}
        />
      </Form.Item>
      <Form.Item name="region">
        <Input allowClear placeholder={t('区划代码前缀', 'Region code prefix')} style={{ width: 170 }} />
      </Form.Item>
      <Space>
        <Button htmlType="submit">{t('筛选', 'Filter')}</Button>
      </Space>
    </Form>
  );
}
