import { App, Card } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { NotAvailable } from '@/components/NotAvailable';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { useT } from '@/lib/i18n';
import { createWorkerAvailable, useCreateWorker } from '../api/create-worker';
import { useWorker } from '../api/get-worker';
import type { WorkerCreate, WorkerUpdate } from '../api/types';
import { updateWorkerAvailable, useUpdateWorker } from '../api/update-worker';
import { WorkerForm } from '../components/WorkerForm';

export function WorkerEditPage() {
  const { workerId } = useParams();
  return workerId ? <EditWorker workerId={workerId} /> : <RegisterWorker />;
}

function RegisterWorker() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateWorker();
  return (
    <>
      <PageTitle title={t('登记人员', 'Register a worker')} />
      <Card>
        {createWorkerAvailable() ? (
          <WorkerForm
            submitting={create.isPending}
            onSubmit={async (body) => {
              const created = await create.mutateAsync(body as WorkerCreate);
              message.success(t('已登记', 'Registered'));
              navigate(`/workers/${created.id}`);
            }}
          />
        ) : (
          <NotAvailable what={t('人员登记', 'worker registration')} />
        )}
      </Card>
    </>
  );
}

function EditWorker({ workerId }: { workerId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const worker = useWorker(workerId);
  const update = useUpdateWorker();
  return (
    <>
      <PageTitle title={t('更正人员信息', 'Correct a worker record')} />
      <Card>
        <QueryState query={worker} available={updateWorkerAvailable()} what={t('人员信息更正', 'worker correction')}>
          {(data) => (
            <WorkerForm
              worker={data}
              submitting={update.isPending}
              onSubmit={async (body) => {
                await update.mutateAsync({ workerId, body: body as WorkerUpdate, version: data.version });
                message.success(t('已保存', 'Saved'));
                navigate(`/workers/${workerId}`);
              }}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
