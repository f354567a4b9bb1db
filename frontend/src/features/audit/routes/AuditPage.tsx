import { Card, DatePicker, Input, Segmented, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { AuditTable } from '@/components/AuditTrail';
import { PageTitle } from '@/components/PageTitle';
import { WorkerPicker } from '@/components/WorkerPicker';
import { QueryState } from '@/components/QueryState';
import type { Service } from '@/lib/api-client';
import { useLang, useT } from '@/lib/i18n';
import { AUDIT_ACTIONS, ROLES, optionsOf } from '@/lib/vocab';
import { useAudit } from '../api/get-audit';

/** Search each service's audit trail: by action, region, worker, actor's role and date; changes field by field. */
export function AuditPage() {
  const t = useT();
  const { lang } = useLang();
  const [service, setService] = useState<Service>('registry');
  const [action, setAction] = useState<string>();
  const [region, setRegion] = useState<string>();
  const [worker, setWorker] = useState<string>();
  const [actorRole, setActorRole] = useState<string>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState({ page: 1, size: 20 });
  const audit = useAudit(service, {
    action,
    region: region || undefined,
    worker_id: worker || undefined,
    since: range?.[0]?.startOf('day').toISOString(),
    until: range?.[1]?.endOf('day').toISOString(),
    ...page,
  });
  const reset = () => setPage({ ...page, page: 1 });
  return (
    <>
      <PageTitle title={t('操作记录', 'Audit trail')} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }} data-testid="audit-filters">
          <Segmented
            value={service}
            onChange={(value) => {
              setService(value as Service);
              setAction(undefined);
              reset();
            }}
            options={[
              { value: 'registry', label: t('人员档案', 'Registry') },
              { value: 'payroll', label: t('薪酬', 'Payroll') },
              { value: 'assessment', label: t('考核', 'Assessment') },
            ]}
          />
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('操作', 'Action')} style={{ width: 180 }} value={action} onChange={(v) => { setAction(v); reset(); }} options={optionsOf(AUDIT_ACTIONS, lang)} />
          <Select allowClear placeholder={t('操作人角色', "Actor's role")} style={{ width: 150 }} value={actorRole} onChange={setActorRole} options={optionsOf(ROLES, lang)} />
          <Input.Search allowClear placeholder={t('区划代码前缀', 'Region code prefix')} style={{ width: 170 }} onSearch={(v) => { setRegion(v); reset(); }} />
          <WorkerPicker allowClear style={{ width: 200 }} value={worker} onChange={(v) => { setWorker((v as string | undefined) || undefined); reset(); }} />
          <DatePicker.RangePicker value={range} onChange={(v) => { setRange(v); reset(); }} />
        </Space>
        <QueryState query={audit} what={t('操作记录', 'audit trail')} isEmpty={(d) => d.items.length === 0} emptyText={t('没有符合条件的记录', 'No entries match')}>
          {(data) => (
            <AuditTable
              testId="audit-table"
              entries={actorRole ? data.items.filter((entry) => entry.actor_role === actorRole) : data.items}
              pagination={{ current: data.page, pageSize: data.size, total: data.total, onChange: (p, s) => setPage({ page: p, size: s }) }}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
