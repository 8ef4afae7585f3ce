import { Button, Group, Select, Textarea, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { CommunityCloseReason, CommunityPageQuery, MemberRole } from '../../gql/graphql';
import { label } from '../../i18n/ru';
import { HistoryButton } from '../../ui/HistoryButton';
import { c, describe, report } from './communities-ui';
import { ModalForm, required } from './ModalForm';
import {
  ADD_COMMUNITY_ORGANIZATION,
  ADD_MEMBER,
  APPROVE_COMMUNITY,
  CLOSE_COMMUNITY,
  COMMUNITY_HISTORY,
  EDUCATORS,
  EXTEND_COMMUNITY,
  ORGANIZATIONS,
  START_COMMUNITY,
  SUBMIT_COMMUNITY_REPORT,
} from './operations';
import { Community, Settle, ROLES, CLOSE_REASONS } from './community-page.shared';

export const RunActions = ({ x, manager, settle }: { x: Community; manager: boolean; settle: Settle }) => {
  const [, approve] = useMutation(APPROVE_COMMUNITY);
  const [, start] = useMutation(START_COMMUNITY);
  const [, close] = useMutation(CLOSE_COMMUNITY);
  const [, addMember] = useMutation(ADD_MEMBER);
  const [, submitReport] = useMutation(SUBMIT_COMMUNITY_REPORT);
  const [, extend] = useMutation(EXTEND_COMMUNITY);
  const [, addOrganization] = useMutation(ADD_COMMUNITY_ORGANIZATION);
  const network = manager && x.kind !== 'SCHOOL_ASSOCIATION' && x.status !== 'CLOSED';
  const [orgs] = useQuery({ query: ORGANIZATIONS, variables: { filter: { status: 'ACTIVE' }, first: 200 }, pause: !network });
  const openOrganization = () =>
    modals.open({
      title: c.community.addSchool,
      children: (
        <ModalForm
          submit={c.community.addSchool}
          fields={(v, set, e) => (
            <Select
              label={c.common.school}
              required
              searchable
              data={(orgs.data?.organizations.nodes ?? [])
                .filter((o) => !x.organizations.some((y) => y.id === o.id))
                .map((o) => ({ value: o.id, label: o.name }))}
              value={v['organizationId'] ?? null}
              onChange={(val) => set('organizationId', val ?? '')}
              error={e['organizationId']}
              comboboxProps={{ withinPortal: false }}
            />
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['organizationId']);
            if (missing) return missing;
            const organizationId = v['organizationId']!;
            const r = await addOrganization({ id: x.id, organizationId });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.schoolAdded);
              settle((data) => !!data.community?.organizations.some((o) => o.id === organizationId));
            }
            return d;
          }}
        />
      ),
    });
  const [educators] = useQuery({ query: EDUCATORS, variables: { filter: { status: 'ACTIVE' }, first: 200 }, pause: !x.canRun });
  const educatorOptions = (educators.data?.educators.nodes ?? []).map((e) => ({
    value: e.id,
    label: `${e.fullName ?? e.id} — ${e.position}${e.organization ? `, ${e.organization.name}` : ''}`,
  }));
  const status = (s: Community['status']) => (d: CommunityPageQuery) => d.community?.status === s;

  const openApprove = () =>
    modals.open({
      title: c.community.approve,
      children: (
        <ModalForm
          submit={c.community.approve}
          fields={(v, set, e) => (
            <>
              <TextInput
                label={c.common.orderNumber}
                required
                value={v['number'] ?? ''}
                onChange={(ev) => set('number', ev.currentTarget.value)}
                error={e['number']}
                data-autofocus
              />
              <TextInput
                type="date"
                label={c.common.orderDate}
                required
                value={v['date'] ?? ''}
                onChange={(ev) => set('date', ev.currentTarget.value)}
                error={e['date']}
              />
              <TextInput
                label={c.common.orderIssuer}
                required
                value={v['issuer'] ?? ''}
                onChange={(ev) => set('issuer', ev.currentTarget.value)}
                error={e['issuer']}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['number', 'date', 'issuer']);
            if (missing) return missing;
            const r = await approve({ id: x.id, order: { number: v['number']!.trim(), date: v['date']!, issuer: v['issuer']!.trim() } });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.approved);
              settle(status('APPROVED'));
            }
            return d;
          }}
        />
      ),
    });
  const openAddMember = () =>
    modals.open({
      title: c.community.addMember,
      children: (
        <ModalForm
          submit={c.community.addMember}
          fields={(v, set, e) => (
            <>
              <Select
                label={c.community.pickEducator}
                required
                searchable
                data={educatorOptions}
                value={v['educatorId'] ?? null}
                onChange={(val) => set('educatorId', val ?? '')}
                error={e['educatorId']}
                comboboxProps={{ withinPortal: false }}
              />
              <Select
                label={c.community.role}
                required
                allowDeselect={false}
                data={ROLES.map((r) => ({ value: r, label: label('MemberRole', r) }))}
                value={v['role'] ?? 'MEMBER'}
                onChange={(val) => set('role', val ?? 'MEMBER')}
                error={e['role']}
                comboboxProps={{ withinPortal: false }}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['educatorId']);
            if (missing) return missing;
            const educatorId = v['educatorId']!;
            const role = (v['role'] ?? 'MEMBER') as MemberRole;
            const r = await addMember({ id: x.id, educatorId, role });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.memberAdded);
              settle((data) => !!data.community?.members.some((m) => m.educator.id === educatorId && !m.leftOn && m.role === role));
            }
            return d;
          }}
        />
      ),
    });
  const openClose = () =>
    modals.open({
      title: c.community.close,
      children: (
        <ModalForm
          submit={c.community.close}
          fields={(v, set, e) => (
            <>
              <Select
                label={c.community.closeReason}
                required
                allowDeselect={false}
                data={CLOSE_REASONS.map((r) => ({ value: r, label: label('CommunityCloseReason', r) }))}
                value={v['reason'] ?? null}
                onChange={(val) => set('reason', val ?? '')}
                error={e['reason']}
                comboboxProps={{ withinPortal: false }}
              />
              <Textarea
                label={c.community.closeNote}
                value={v['note'] ?? ''}
                onChange={(ev) => set('note', ev.currentTarget.value)}
                error={e['note']}
                autosize
                minRows={2}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['reason']);
            if (missing) return missing;
            const r = await close({ id: x.id, reason: v['reason'] as CommunityCloseReason, note: v['note']?.trim() || null });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.closed);
              settle(status('CLOSED'));
            }
            return d;
          }}
        />
      ),
    });
  const openExtend = () =>
    modals.open({
      title: c.community.extend,
      children: (
        <ModalForm
          submit={c.community.extend}
          fields={(v, set, e) => (
            <>
              <TextInput
                label={c.common.orderNumber}
                required
                value={v['number'] ?? ''}
                onChange={(ev) => set('number', ev.currentTarget.value)}
                error={e['number']}
                data-autofocus
              />
              <TextInput
                type="date"
                label={c.common.orderDate}
                required
                value={v['date'] ?? ''}
                onChange={(ev) => set('date', ev.currentTarget.value)}
                error={e['date']}
              />
              <TextInput
                label={c.common.orderIssuer}
                required
                value={v['issuer'] ?? ''}
                onChange={(ev) => set('issuer', ev.currentTarget.value)}
                error={e['issuer']}
              />
              <TextInput
                type="date"
                label={c.community.extendTo}
                required
                value={v['to'] ?? ''}
                onChange={(ev) => set('to', ev.currentTarget.value)}
                error={e['to']}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['number', 'date', 'issuer', 'to']);
            if (missing) return missing;
            const to = v['to']!;
            const r = await extend({ id: x.id, order: { number: v['number']!.trim(), date: v['date']!, issuer: v['issuer']!.trim() }, to });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.extended);
              settle((data) => data.community?.term?.to === to);
            }
            return d;
          }}
        />
      ),
    });
  const openReport = () =>
    modals.open({
      title: c.community.report,
      children: (
        <ModalForm
          submit={c.community.report}
          fields={(v, set, e) => (
            <>
              <TextInput
                label={c.community.reportPeriod}
                required
                value={v['period'] ?? ''}
                onChange={(ev) => set('period', ev.currentTarget.value)}
                error={e['period']}
                data-autofocus
              />
              <Textarea
                label={c.community.summary}
                required
                value={v['summary'] ?? ''}
                onChange={(ev) => set('summary', ev.currentTarget.value)}
                error={e['summary']}
                autosize
                minRows={3}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['period', 'summary']);
            if (missing) return missing;
            const before = x.reports.length;
            const r = await submitReport({ id: x.id, period: v['period']!.trim(), summary: v['summary']!.trim() });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.reportSubmitted);
              settle((data) => (data.community?.reports.length ?? 0) > before);
            }
            return d;
          }}
        />
      ),
    });

  return (
    <Group gap="xs" wrap="wrap">
      {manager && x.status === 'PROPOSED' && <Button onClick={openApprove}>{c.community.approve}</Button>}
      {x.status !== 'CLOSED' && (
        <Button variant="light" onClick={openAddMember}>
          {c.community.addMember}
        </Button>
      )}
      {manager && x.status === 'APPROVED' && (
        <Button
          onClick={async () => {
            const r = await start({ id: x.id });
            if (report(r.error, c.community.started)) settle(status('ACTIVE'));
          }}
        >
          {c.community.start}
        </Button>
      )}
      {x.status === 'ACTIVE' && (
        <Button variant="light" onClick={openReport}>
          {c.community.report}
        </Button>
      )}
      {network && (
        <Button variant="light" onClick={openOrganization}>
          {c.community.addSchool}
        </Button>
      )}
      {x.status === 'ACTIVE' && (
        <Button variant="light" component={Link} to={`/communities/${encodeURIComponent(x.id)}/events/new`}>
          {c.community.holdEvent}
        </Button>
      )}
      {manager && x.status === 'ACTIVE' && x.term && (
        <Button variant="light" onClick={openExtend}>
          {c.community.extend}
        </Button>
      )}
      {manager && x.status !== 'CLOSED' && (
        <Button variant="light" color="red" onClick={openClose}>
          {c.community.close}
        </Button>
      )}
      <HistoryButton title={x.name} query={COMMUNITY_HISTORY} variables={{ id: x.id }} pick={(d) => d.community?.history} />
    </Group>
  );
};

/** Discussion threads (members and whoever runs the community); a member starts one. */
