import { Button, Group, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useMutation } from 'urql';
import type { SitePageQuery, SiteTerminationReason } from '../../gql/graphql';
import { label, t } from '../../i18n/ru';
import { splitList } from './communities-helpers';
import { c, describe, report } from './communities-ui';
import { ModalForm, required } from './ModalForm';
import { CHECK_SITE, CLOSE_SITE, DECLINE_SITE, EXTEND_SITE, GRANT_SITE, TERMINATE_SITE } from './operations';
import { Site, Settle, s, TERMINATION_REASONS } from './site-page.shared';

export const Procedure = ({ x, settle }: { x: Site; settle: Settle }) => {
  const [, check] = useMutation(CHECK_SITE);
  const [, grant] = useMutation(GRANT_SITE);
  const [, decline] = useMutation(DECLINE_SITE);
  const [, extend] = useMutation(EXTEND_SITE);
  const [, terminate] = useMutation(TERMINATE_SITE);
  const [, closeSite] = useMutation(CLOSE_SITE);
  const phase = (p: Site['phase']) => (d: SitePageQuery) => d.site?.phase === p;
  const openCheck = () =>
    modals.open({
      title: s.check,
      children: (
        <ModalForm
          submit={s.check}
          fields={(v, set, e) => (
            <Textarea
              label={s.missingItems}
              description={s.complete}
              value={v['missing'] ?? ''}
              onChange={(ev) => set('missing', ev.currentTarget.value)}
              error={e['missing']}
              autosize
              minRows={3}
              data-autofocus
            />
          )}
          onSubmit={async (v) => {
            const missing = splitList((v['missing'] ?? '').replace(/\n/g, ','));
            const r = await check({ id: x.id, missing: missing.length ? missing : null });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.checked);
              settle((data) => data.site?.phase !== x.phase);
            }
            return d;
          }}
        />
      ),
    });
  const openGrant = () =>
    modals.open({
      title: s.grant,
      children: (
        <ModalForm
          submit={s.grant}
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
              <SimpleGrid cols={2}>
                <TextInput
                  type="date"
                  label={`${s.term}: ${c.common.from}`}
                  required
                  value={v['from'] ?? ''}
                  onChange={(ev) => set('from', ev.currentTarget.value)}
                  error={e['from']}
                />
                <TextInput
                  type="date"
                  label={`${s.term}: ${c.common.to}`}
                  required
                  value={v['to'] ?? ''}
                  onChange={(ev) => set('to', ev.currentTarget.value)}
                  error={e['to'] ?? e['term']}
                />
              </SimpleGrid>
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['number', 'date', 'issuer', 'from', 'to']);
            if (missing) return missing;
            const r = await grant({
              id: x.id,
              order: { number: v['number']!.trim(), date: v['date']!, issuer: v['issuer']!.trim() },
              term: { from: v['from']!, to: v['to']! },
            });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.granted);
              settle(phase('ACTIVE'));
            }
            return d;
          }}
        />
      ),
    });
  const openDecline = () =>
    modals.open({
      title: s.decline,
      children: (
        <ModalForm
          submit={s.decline}
          fields={(v, set, e) => (
            <Textarea
              label={t.app.reason}
              required
              value={v['reason'] ?? ''}
              onChange={(ev) => set('reason', ev.currentTarget.value)}
              error={e['reason']}
              autosize
              minRows={2}
              data-autofocus
            />
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['reason']);
            if (missing) return missing;
            const r = await decline({ id: x.id, reason: v['reason']!.trim() });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.declined);
              settle(phase('DECLINED'));
            }
            return d;
          }}
        />
      ),
    });
  const openExtend = () =>
    modals.open({
      title: s.extend,
      children: (
        <ModalForm
          submit={s.extend}
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
              <TextInput type="date" label={s.extendTo} required value={v['to'] ?? ''} onChange={(ev) => set('to', ev.currentTarget.value)} error={e['to']} />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['number', 'date', 'issuer', 'to']);
            if (missing) return missing;
            const to = v['to']!;
            const r = await extend({ id: x.id, order: { number: v['number']!.trim(), date: v['date']!, issuer: v['issuer']!.trim() }, to });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.extended);
              settle((data) => data.site?.term?.to === to);
            }
            return d;
          }}
        />
      ),
    });
  const openTerminate = () =>
    modals.open({
      title: s.terminate,
      children: (
        <ModalForm
          submit={s.terminate}
          fields={(v, set, e) => (
            <>
              <Select
                label={s.terminateReason}
                required
                allowDeselect={false}
                data={TERMINATION_REASONS.map((r) => ({ value: r, label: label('SiteTerminationReason', r) }))}
                value={v['reason'] ?? null}
                onChange={(val) => set('reason', val ?? '')}
                error={e['reason']}
                comboboxProps={{ withinPortal: false }}
              />
              <TextInput
                label={c.common.orderNumber}
                required
                value={v['number'] ?? ''}
                onChange={(ev) => set('number', ev.currentTarget.value)}
                error={e['number']}
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
            const missing = required(v, ['reason', 'number', 'date', 'issuer']);
            if (missing) return missing;
            const r = await terminate({
              id: x.id,
              order: { number: v['number']!.trim(), date: v['date']!, issuer: v['issuer']!.trim() },
              reason: v['reason'] as SiteTerminationReason,
            });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.terminated);
              settle(phase('TERMINATED'));
            }
            return d;
          }}
        />
      ),
    });
  if (x.phase === 'ACTIVE')
    return (
      <Group gap="xs">
        <Button variant="light" onClick={openExtend}>
          {s.extend}
        </Button>
        <Button variant="light" color="red" onClick={openTerminate}>
          {s.terminate}
        </Button>
      </Group>
    );
  if (x.phase === 'FINAL_REPORTED')
    return (
      <Group gap="xs">
        <Button
          onClick={async () => {
            const r = await closeSite({ id: x.id });
            if (report(r.error, s.closedDone)) settle(phase('CLOSED'));
          }}
        >
          {s.close}
        </Button>
      </Group>
    );
  if (!['APPLIED', 'UNDER_REVIEW'].includes(x.phase)) return null;
  return (
    <Group gap="xs">
      {x.phase === 'APPLIED' && <Button onClick={openCheck}>{s.check}</Button>}
      {x.phase === 'UNDER_REVIEW' && <Button onClick={openGrant}>{s.grant}</Button>}
      <Button variant="light" color="red" onClick={openDecline}>
        {s.decline}
      </Button>
    </Group>
  );
};

/** An expert's opinion: each criterion 0–10, a recommendation and the reasoning. */
