import { Button, Group, Select } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useMutation } from 'urql';
import type { MemberRole } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { label } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { c, describe, report } from './communities-ui';
import { ModalForm } from './ModalForm';
import { CHANGE_MEMBER_ROLE, REMOVE_MEMBER } from './operations';
import { Community, Settle, ROLES } from './community-page.shared';

export const MembersTable = ({ x, settle }: { x: Community; settle: Settle }) => {
  const [, remove] = useMutation(REMOVE_MEMBER);
  const [, changeRole] = useMutation(CHANGE_MEMBER_ROLE);
  const who = (m: Community['members'][number]) => m.educator.fullName ?? m.educator.id;
  const openRole = (m: Community['members'][number]) =>
    modals.open({
      title: `${c.community.changeRole}: ${who(m)}`,
      children: (
        <ModalForm
          submit={c.community.changeRole}
          fields={(v, set, e) => (
            <Select
              label={c.community.role}
              required
              allowDeselect={false}
              data={ROLES.map((r) => ({ value: r, label: label('MemberRole', r) }))}
              value={v['role'] ?? m.role}
              onChange={(val) => set('role', val ?? m.role)}
              error={e['role'] ?? e['educatorId']}
              comboboxProps={{ withinPortal: false }}
            />
          )}
          onSubmit={async (v) => {
            const role = (v['role'] ?? m.role) as MemberRole;
            const r = await changeRole({ id: x.id, educatorId: m.educator.id, role });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.roleChanged);
              settle((data) => data.community?.members.find((y) => y.educator.id === m.educator.id && !y.leftOn)?.role === role);
            }
            return d;
          }}
        />
      ),
    });
  return (
    <DataTable
      caption={c.community.members}
      fileName="community-members"
      rows={x.members}
      rowKey={(m) => `${m.educator.id}-${m.since}`}
      empty={c.community.noMembers}
      columns={[
        { title: c.common.educator, value: who },
        { title: c.common.school, value: (m) => m.educator.organization?.name ?? null },
        { title: c.community.role, value: (m) => label('MemberRole', m.role) },
        { title: c.community.since, value: (m) => formatDate(m.since) },
        {
          title: c.community.left,
          value: (m) => (m.leftOn ? `${formatDate(m.leftOn)}${m.leftReason ? ` · ${label('LeaveReason', m.leftReason)}` : ''}` : null),
        },
        ...(x.canRun && x.status !== 'CLOSED'
          ? [
              {
                title: '',
                exported: false,
                value: () => null,
                render: (m: Community['members'][number]) =>
                  m.leftOn ? null : (
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="xs" variant="subtle" aria-label={`${c.community.changeRole}: ${who(m)}`} onClick={() => openRole(m)}>
                        {c.community.changeRole}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`${c.community.remove}: ${who(m)}`}
                        onClick={async () => {
                          const r = await remove({ id: x.id, educatorId: m.educator.id });
                          if (report(r.error, c.community.removed))
                            settle((d) => !!d.community?.members.find((y) => y.educator.id === m.educator.id && y.since === m.since)?.leftOn);
                        }}
                      >
                        {c.community.remove}
                      </Button>
                    </Group>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
};

/** Whoever runs the community: the order, members and the head, start, reports, closure, its history. */
