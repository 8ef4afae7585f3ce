import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import type { SitePageQuery, SiteRecommendation } from '../../gql/graphql';
import { regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { describe, report } from './communities-ui';
import { ModalForm, required } from './ModalForm';
import { FINAL_SITE_REPORT, RESUBMIT_SITE, REVIEW_SITE_REPORT, SITE_OPINION, SUBMIT_SITE_REPORT } from './operations';
import { CardDraft, cardInput, draftOf } from './project-card';
import { ProjectCardFields } from './ProjectCardFields';
import { Site, Settle, s, SITE_CRITERIA } from './site-page.shared';

export const OpinionButton = ({ x, settle }: { x: Site; settle: Settle }) => {
  const [, give] = useMutation(SITE_OPINION);
  const open = () =>
    modals.open({
      title: s.opinion,
      size: 'lg',
      children: (
        <ModalForm
          submit={s.opinion}
          fields={(v, set, e) => (
            <>
              <SimpleGrid cols={2}>
                {SITE_CRITERIA.map((cr) => (
                  <Select
                    key={cr}
                    label={`${cr}: ${s.score}`}
                    required
                    data={Array.from({ length: 11 }, (_, i) => String(i))}
                    value={v[cr] ?? null}
                    onChange={(val) => set(cr, val ?? '')}
                    comboboxProps={{ withinPortal: false }}
                  />
                ))}
              </SimpleGrid>
              <Select
                label={s.recommendation}
                required
                data={(['GRANT', 'DECLINE'] as SiteRecommendation[]).map((r) => ({ value: r, label: label('SiteRecommendation', r) }))}
                value={v['recommendation'] ?? null}
                onChange={(val) => set('recommendation', val ?? '')}
                error={e['recommendation']}
                comboboxProps={{ withinPortal: false }}
              />
              <Textarea
                label={s.comment}
                required
                value={v['comment'] ?? ''}
                onChange={(ev) => set('comment', ev.currentTarget.value)}
                error={e['comment'] ?? e['scores']}
                autosize
                minRows={3}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, [...SITE_CRITERIA, 'recommendation', 'comment']);
            if (missing) return missing;
            const r = await give({
              id: x.id,
              scores: SITE_CRITERIA.map((cr) => ({ criterion: cr, score: Number(v[cr]) })),
              recommendation: v['recommendation'] as SiteRecommendation,
              comment: v['comment']!.trim(),
            });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.opinionGiven);
              settle((data) => (data.site?.opinions?.length ?? 0) > (x.opinions?.length ?? 0));
            }
            return d;
          }}
        />
      ),
    });
  return (
    <Group>
      <Button onClick={open}>{s.opinion}</Button>
    </Group>
  );
};

/** A year's report: the host submits it, the authority reviews it. */
export const ReportActions = ({ x, r, host, settle }: { x: Site; r: Site['reports'][number]; host: boolean; settle: Settle }) => {
  const [, submit] = useMutation(SUBMIT_SITE_REPORT);
  const [, review] = useMutation(REVIEW_SITE_REPORT);
  const reportOf = (d: SitePageQuery) => d.site?.reports.find((y) => y.year === r.year);
  const openSubmit = () =>
    modals.open({
      title: `${s.submitReport}: ${r.year}`,
      children: (
        <ModalForm
          submit={s.submitReport}
          fields={(v, set, e) => (
            <Textarea
              label={s.reportSummary}
              required
              value={v['summary'] ?? ''}
              onChange={(ev) => set('summary', ev.currentTarget.value)}
              error={e['summary']}
              autosize
              minRows={4}
              data-autofocus
            />
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['summary']);
            if (missing) return missing;
            const res = await submit({ id: x.id, year: r.year, summary: v['summary']!.trim() });
            const d = describe(res.error);
            if (!d) {
              report(undefined, s.reportSubmitted);
              settle((data) => !!reportOf(data)?.submittedOn);
            }
            return d;
          }}
        />
      ),
    });
  const openReview = () =>
    modals.open({
      title: `${s.reviewReport}: ${r.year}`,
      children: (
        <ModalForm
          submit={s.reviewReport}
          fields={(v, set, e) => (
            <>
              <Select
                label={s.accepted}
                required
                data={[
                  { value: 'yes', label: t.app.yes },
                  { value: 'no', label: t.app.no },
                ]}
                value={v['accepted'] ?? null}
                onChange={(val) => set('accepted', val ?? '')}
                comboboxProps={{ withinPortal: false }}
              />
              <Textarea
                label={s.comment}
                required
                value={v['opinion'] ?? ''}
                onChange={(ev) => set('opinion', ev.currentTarget.value)}
                error={e['opinion']}
                autosize
                minRows={3}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['accepted', 'opinion']);
            if (missing) return missing;
            const res = await review({ id: x.id, year: r.year, accepted: v['accepted'] === 'yes', opinion: v['opinion']!.trim() });
            const d = describe(res.error);
            if (!d) {
              report(undefined, s.reportReviewed);
              settle((data) => reportOf(data)?.accepted !== null && reportOf(data)?.accepted !== undefined);
            }
            return d;
          }}
        />
      ),
    });
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {host && !r.submittedOn && x.phase === 'ACTIVE' && (
        <Button size="xs" variant="light" onClick={openSubmit} aria-label={`${s.submitReport}: ${r.year}`}>
          {s.submitReport}
        </Button>
      )}
      {x.canDecide && r.submittedOn && (r.accepted === null || r.accepted === undefined) && (
        <Button size="xs" variant="light" onClick={openReview} aria-label={`${s.reviewReport}: ${r.year}`}>
          {s.reviewReport}
        </Button>
      )}
    </Group>
  );
};

/** The host school's steps: a returned application resubmitted with its card completed; the final report after the term (or a termination). */
export const HostActions = ({ x, settle }: { x: Site; settle: Settle }) => {
  const [, finalReport] = useMutation(FINAL_SITE_REPORT);
  const openResubmit = () =>
    modals.open({
      title: s.resubmitTitle,
      size: 'xl',
      children: <ResubmitForm x={x} settle={settle} />,
    });
  const openFinal = () =>
    modals.open({
      title: s.finalReport,
      children: (
        <ModalForm
          submit={s.finalReport}
          fields={(v, set, e) => (
            <Textarea
              label={s.reportSummary}
              required
              value={v['summary'] ?? ''}
              onChange={(ev) => set('summary', ev.currentTarget.value)}
              error={e['summary']}
              autosize
              minRows={4}
              data-autofocus
            />
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['summary']);
            if (missing) return missing;
            const r = await finalReport({ id: x.id, summary: v['summary']!.trim() });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.finalReported);
              settle((data) => data.site?.phase === 'FINAL_REPORTED');
            }
            return d;
          }}
        />
      ),
    });
  if (x.phase === 'RETURNED' && x.card)
    return (
      <Group>
        <Button onClick={openResubmit}>{s.resubmit}</Button>
      </Group>
    );
  const holdEvent = x.phase === 'ACTIVE' && (
    <Button variant="light" component={Link} to={`/sites/${encodeURIComponent(x.id)}/events/new`}>
      {s.holdEvent}
    </Button>
  );
  if (x.phase === 'ACTIVE' && x.term && x.term.to > regionToday()) return <Group>{holdEvent}</Group>;
  if ((x.phase === 'ACTIVE' && x.term && x.term.to <= regionToday()) || x.phase === 'TERMINATED')
    return (
      <Group>
        {holdEvent}
        <Button variant="light" onClick={openFinal}>
          {s.finalReport}
        </Button>
      </Group>
    );
  return null;
};

export const ResubmitForm = ({ x, settle }: { x: Site; settle: Settle }) => {
  const [, resubmit] = useMutation(RESUBMIT_SITE);
  const [card, setCard] = useState<CardDraft>(() => draftOf(x.card!));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const r = await resubmit({ id: x.id, card: cardInput(card) });
        setBusy(false);
        const d = describe(r.error);
        if (!d) {
          report(undefined, s.resubmitted);
          settle((data) => data.site?.phase === 'APPLIED');
          modals.closeAll();
          return;
        }
        const fields = Object.fromEntries(Object.entries(d.fields).map(([k, m]) => [k.split('.').pop()!, m]));
        setErrors(fields);
        setMessage(Object.keys(fields).length ? null : d.message);
      }}
    >
      <Stack>
        {x.missing && x.missing.length > 0 && (
          <Alert color="red" title={s.missing}>
            {x.missing.map((m) => s.missingLabels[m] ?? m).join('; ')}
          </Alert>
        )}
        <ProjectCardFields value={card} onChange={setCard} errors={errors} />
        {message && (
          <Text c="red" role="alert">
            {message}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" loading={busy}>
            {s.resubmit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
