import { Card, Space, Table, Tag } from 'antd';
import { ActionButton, type ActionField } from '@/components/ActionForm';
import { RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { QueryState } from '@/components/QueryState';
import { isAvailable } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { useLang, useT } from '@/lib/i18n';
import { useRegionIndex } from '@/lib/lookups';
import type { Session } from '@/lib/session';
import { useAddPost, type PostIn } from '../api/add-post';
import { postsAvailable, usePosts, type Post } from '../api/get-posts';
import { useUpdatePost, type PostUpdate } from '../api/update-post';

// Officers who write (the registry refuses auditors and workers) may keep the catalogues of their own region
// and below (posts.service._ensure_manages).
const WRITERS = ['provincial_admin', 'city_officer', 'county_officer'];

function mayManage(session: Session | null, prefix: string): boolean {
  return Boolean(session && WRITERS.includes(session.role) && prefix.startsWith(session.jurisdiction));
}

/** A catalogue that applies in the jurisdiction: set above it (the province's) or inside it. Another province's
 * catalogue (Songshan's, to a Ningxia officer) is not theirs to read or keep, so it is not listed. */
function appliesHere(session: Session | null, prefix: string): boolean {
  return !session || session.jurisdiction.startsWith(prefix) || prefix.startsWith(session.jurisdiction);
}

/**
 * The post catalogues (POLICY.md §4): each region's posts with their labels, whether they are committee (两委)
 * posts or heads, and the contract term a text fixes; officers add posts to the catalogue of their region or
 * below and change a post's labels, flags or term.
 */
export function PostsPage() {
  const t = useT();
  const { lang } = useLang();
  const session = useSession();
  const posts = usePosts();
  const regions = useRegionIndex();
  const add = useAddPost();
  const update = useUpdatePost();
  const yesNo = (value: boolean) => (value ? t('是', 'Yes') : t('否', 'No'));
  const postFields = (post?: Post): ActionField[] => [
    { name: 'label_zh', label: t('中文名称', 'Chinese name'), required: true, initial: post?.label_zh },
    { name: 'label_en', label: t('英文名称', 'English name'), required: true, initial: post?.label_en },
    { name: 'committee', label: t('两委成员岗位', 'Committee (两委) post'), kind: 'switch', initial: post?.committee ?? false },
    { name: 'head', label: t('正职岗位', 'Head post'), kind: 'switch', initial: post?.head ?? false },
    {
      name: 'contract_term_years',
      label: t('聘期（年）', 'Contract term (years)'),
      kind: 'number',
      min: 1,
      max: 10,
      initial: post?.contract_term_years ?? undefined,
      extra: t('不填：聘期由规则或登记时确定', 'Empty: the rules or the registration set the term'),
    },
  ];
  const canAdd = Boolean(session && WRITERS.includes(session.role)) && isAvailable('registry', 'POST', '/v1/posts');
  const canEdit = isAvailable('registry', 'PATCH', '/v1/posts/{code}');
  const regionOptions = [...(regions.data?.values() ?? [])].filter((r) => r.code.length <= 6).map((r) => ({ value: r.code, label: r.name }));

  return (
    <>
      <PageTitle
        title={t('岗位目录', 'Post catalogue')}
        extra={
          canAdd && (
            <ActionButton
              label={t('新增岗位', 'Add a post')}
              title={t('新增岗位', 'Add a post')}
              testId="add-post"
              buttonProps={{ type: 'primary', size: 'middle' }}
              fields={[
                { name: 'code', label: t('岗位代码', 'Code'), required: true, extra: t('小写字母、数字和下划线，如 nx_grid', 'Lower-case letters, digits and _, e.g. nx_grid') },
                { name: 'jurisdiction_prefix', label: t('适用地区', 'Region'), kind: 'select', required: true, options: regionOptions, initial: session?.jurisdiction },
                ...postFields(),
              ]}
              onSubmit={(values) => add.mutateAsync({ ...values, committee: Boolean(values.committee), head: Boolean(values.head) } as PostIn)}
            />
          )
        }
      />
      <Card size="small">
        <QueryState query={posts} available={postsAvailable()} what={t('岗位目录', 'post catalogue')} isEmpty={(rows) => !rows.some((post) => appliesHere(session, post.jurisdiction_prefix))}>
          {(rows) => (
            <Table<Post>
              size="small"
              rowKey="code"
              pagination={false}
              data-testid="posts-table"
              dataSource={rows.filter((post) => appliesHere(session, post.jurisdiction_prefix)).sort((a, b) => a.jurisdiction_prefix.localeCompare(b.jurisdiction_prefix))}
              columns={[
                { title: t('岗位', 'Post'), render: (_, post) => (lang === 'en' ? post.label_en : post.label_zh) },
                { title: t('适用地区', 'Region'), dataIndex: 'jurisdiction_prefix', render: (code: string) => <RegionName code={code} /> },
                { title: t('两委成员', 'Committee'), dataIndex: 'committee', render: (v: boolean) => (v ? <Tag color="red">{yesNo(v)}</Tag> : yesNo(v)) },
                { title: t('正职', 'Head'), dataIndex: 'head', render: yesNo },
                { title: t('聘期', 'Contract term'), dataIndex: 'contract_term_years', render: (v: number | null) => (v ? t(`${v} 年`, `${v} years`) : t('未规定', 'Not fixed')) },
                {
                  title: t('操作', 'Actions'),
                  render: (_, post) =>
                    canEdit && mayManage(session, post.jurisdiction_prefix) ? (
                      <Space>
                        <ActionButton
                          label={t('修改', 'Edit')}
                          title={t(`修改岗位：${post.label_zh}`, `Edit post: ${post.label_en}`)}
                          testId={`edit-post-${post.code}`}
                          fields={postFields(post)}
                          onSubmit={(values) => update.mutateAsync({ code: post.code, body: values as PostUpdate })}
                        />
                      </Space>
                    ) : null,
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
