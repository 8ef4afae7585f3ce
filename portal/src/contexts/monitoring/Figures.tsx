import { Group, Paper, Select, SimpleGrid, Text, Title } from '@mantine/core';
import { ReactNode, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { MonFiguresFragment, MonNetworkFragment } from '../../gql/graphql';
import { formatDate, formatNumber, formatShare, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { Figures as FigureValues, IndicatorKey, indicatorDef, Period, periodOf, trendPeriods, valueOf } from './indicators';

const m = t.monitoring;

/** How many academic years the trends and the year choice cover (the current one and three before). */
export const TREND_YEARS = 4;

export const formatIndicator = (key: IndicatorKey, value: number | null): string => {
  if (value === null) return '—';
  return indicatorDef(key).kind === 'share' ? formatShare(value) : formatNumber(Math.round(value * 10) / 10);
};

export const indicatorValue = (f: FigureValues, key: IndicatorKey) => formatIndicator(key, valueOf(f, key));

/** The chosen academic year (`?year=2024/2025`; the current one by default), and its picker. */
export const usePeriod = (): { period: Period; picker: ReactNode } => {
  const [params, setParams] = useSearchParams();
  const today = regionToday();
  const period = periodOf(params.get('year'), today);
  const years = useMemo(() => trendPeriods(today, TREND_YEARS).reverse(), [today]);
  const picker = (
    <Select
      label={m.academicYear}
      allowDeselect={false}
      data={years.map((y) => ({ value: y.academicYear, label: y.academicYear }))}
      value={period.academicYear}
      onChange={(v) => {
        const next = new URLSearchParams(params);
        if (v && v !== years[0]!.academicYear) next.set('year', v);
        else next.delete('year');
        setParams(next, { replace: true });
      }}
      maw={200}
    />
  );
  return { period, picker };
};

const Stat = ({ title, value, detail }: { title: string; value: string; detail?: string }) => (
  <Paper withBorder p="sm" radius="md">
    <Text size="sm" c="dimmed">
      {title}
    </Text>
    <Text fw={700} size="xl">
      {value}
    </Text>
    {detail && (
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    )}
  </Paper>
);

/** A report's figures as cards: each share with the counts behind it. */
export const FiguresGrid = ({ report }: { report: MonFiguresFragment & { topDeficits?: { area: string; count: number }[] } }) => (
  <>
    <Text size="sm" c="dimmed">
      {m.academicYear} {report.academicYear}, {m.asOf(formatDate(report.asOf))}
    </Text>
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
      <Stat title={m.figures['educators']!} value={formatNumber(report.educators)} />
      <Stat
        title={m.figures['coverage3y']!}
        value={formatShare(report.coverage3y)}
        detail={`${m.figures['trainedInThreeYears']}: ${formatNumber(report.trainedInThreeYears)}`}
      />
      <Stat
        title={m.figures['overdueShare']!}
        value={indicatorValue(report, 'overdueShare')}
        detail={`${m.figures['overdue']}: ${formatNumber(report.overdue)}`}
      />
      <Stat
        title={m.figures['trainingHoursPerEducator']!}
        value={indicatorValue(report, 'trainingHoursPerEducator')}
        detail={`${m.figures['trainingHours']}: ${formatNumber(report.trainingHours)}`}
      />
      <Stat
        title={m.figures['youngWithMentorShare']!}
        value={formatShare(report.youngWithMentorShare)}
        detail={`${m.figures['youngWithMentor']}: ${formatNumber(report.youngWithMentor)} / ${m.figures['youngTeachers']}: ${formatNumber(report.youngTeachers)}`}
      />
      <Stat
        title={m.figures['withApprovedRouteShare']!}
        value={formatShare(report.withApprovedRouteShare)}
        detail={`${m.figures['withApprovedRoute']}: ${formatNumber(report.withApprovedRoute)}`}
      />
    </SimpleGrid>
    {report.topDeficits && <Deficits items={report.topDeficits} />}
  </>
);

/** The methodological network of the unit (issue 12): communities, events and their attendance and rating, sites and their reports. */
export const NetworkGrid = ({ network }: { network: MonNetworkFragment }) => {
  const n = m.network;
  const active = network.activeCommunities.reduce((sum, x) => sum + x.count, 0);
  const byKind = network.activeCommunities.map((x) => `${label('CommunityKind', x.kind)}: ${formatNumber(x.count)}`).join(', ');
  const rating = network.meanRating === null || network.meanRating === undefined ? '—' : formatNumber(Math.round(network.meanRating * 10) / 10);
  return (
    <section aria-label={n.title}>
      <Title order={3} size="h5" mb="xs">
        {n.title}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Stat
          title={n.shareInCommunities}
          value={formatShare(network.shareInCommunities)}
          detail={`${n.educatorsInCommunities}: ${formatNumber(network.educatorsInCommunities)}`}
        />
        <Stat title={n.activeCommunities} value={formatNumber(active)} detail={byKind || n.noCommunities} />
        <Stat title={n.eventsHeld} value={formatNumber(network.eventsHeld)} detail={`${n.participants}: ${formatNumber(network.participants)}`} />
        <Stat title={n.attendanceRate} value={formatShare(network.attendanceRate)} />
        <Stat title={n.meanRating} value={rating} detail={`${n.ratings}: ${formatNumber(network.ratings)}`} />
        <Stat
          title={n.sitesActive}
          value={formatNumber(network.sitesActive)}
          detail={`${n.sitesWithAcceptedReport}: ${formatNumber(network.sitesWithAcceptedReport)}; ${n.internshipsHosted}: ${formatNumber(network.internshipsHosted)}`}
        />
      </SimpleGrid>
    </section>
  );
};

export const deficitsText = (items: { area: string; count: number }[]) =>
  items.length ? items.map((d) => m.deficitCount(label('CompetenceArea', d.area), formatNumber(d.count))).join('; ') : m.noDeficits;

export const Deficits = ({ items }: { items: { area: string; count: number }[] }) => (
  <Group gap="xs">
    <Text size="sm" fw={600}>
      {m.topDeficits}:
    </Text>
    <Text size="sm">{deficitsText(items)}</Text>
  </Group>
);
