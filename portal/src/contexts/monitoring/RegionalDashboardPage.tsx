import { Anchor, Group, MultiSelect, Paper, Select, Stack, Text, Title } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import type { MonFiguresFragment } from '../../gql/graphql';
import { formatNumber, formatShare } from '../../i18n/format';
import { t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { EChart } from '../../ui/EChart';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows, EmptyState } from '../../ui/QueryState';
import { deficitsText, FiguresGrid, NetworkGrid, formatIndicator, indicatorValue, TREND_YEARS, usePeriod } from './Figures';
import { Figures, INDICATORS, IndicatorKey, indicatorDef, Period, rankBy, trendPeriods, trendSeries, valueOf } from './indicators';
import { REGIONAL_COMPARISON, REGIONAL_TREND } from './operations';

const m = t.monitoring;
const REGION = 'region';
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow'];

const axisFormatter = (key: IndicatorKey) => (v: number) => (indicatorDef(key).kind === 'share' ? formatShare(v) : formatNumber(v));

/**
 * The regional operator's dashboard: every municipality side by side on the chosen indicator,
 * ranked, with the region's totals; trends over the last academic years; each municipality
 * opens its schools.
 */
export const RegionalDashboardPage = () => {
  const [params, setParams] = useSearchParams();
  const { period, picker } = usePeriod();
  const key = indicatorDef(params.get('indicator')).key;
  const def = indicatorDef(key);
  const indicatorName = m.figures[key]!;
  const [{ data, error }, reload] = useQuery({ query: REGIONAL_COMPARISON, variables: { academicYear: period.academicYear, asOf: period.asOf } });

  // The three years before the chosen one, asked once the chosen year is on screen (one costly operation at a time).
  const trendYears = useMemo(() => {
    const all = trendPeriods(period.asOf, TREND_YEARS);
    return all.slice(0, TREND_YEARS - 1);
  }, [period.asOf]);
  const [trend] = useQuery({
    query: REGIONAL_TREND,
    variables: {
      y1: trendYears[0]!.academicYear,
      a1: trendYears[0]!.asOf,
      y2: trendYears[1]!.academicYear,
      a2: trendYears[1]!.asOf,
      y3: trendYears[2]!.academicYear,
      a3: trendYears[2]!.asOf,
    },
    pause: !data,
  });

  const names = useMemo(() => new Map((data?.municipalities.nodes ?? []).map((n) => [n.id, n.name])), [data]);
  const rows = useMemo(
    () =>
      (data?.regionalComparison.municipalities ?? []).map((r) => ({
        id: r.municipalityId,
        name: names.get(r.municipalityId) ?? r.municipalityId,
        report: r.indicators,
      })),
    [data, names],
  );
  const ranked = useMemo(() => rankBy(rows, (r) => valueOf(r.report, key), def.better), [rows, key, def.better]);

  const [chosen, setChosen] = useState<string[] | null>(null);
  const defaultUnits = useMemo(() => [REGION, ...ranked.slice(0, 5).map((r) => r.item.id)], [ranked]);
  const units = chosen ?? defaultUnits;

  const periods: Period[] = useMemo(() => [...trendYears, period], [trendYears, period]);
  const series = useMemo(() => {
    if (!data) return [];
    const byYear = new Map<string, Map<string, Figures>>();
    const add = (academicYear: string, c: { municipalities: { municipalityId: string; indicators: MonFiguresFragment }[]; region: MonFiguresFragment }) =>
      byYear.set(academicYear, new Map<string, Figures>([...c.municipalities.map((x) => [x.municipalityId, x.indicators] as const), [REGION, c.region]]));
    add(period.academicYear, data.regionalComparison);
    if (trend.data) {
      add(trendYears[0]!.academicYear, trend.data.y1);
      add(trendYears[1]!.academicYear, trend.data.y2);
      add(trendYears[2]!.academicYear, trend.data.y3);
    }
    const unitList = units.map((id) => ({ id, name: id === REGION ? m.region : (names.get(id) ?? id) }));
    return trendSeries(periods, unitList, (p) => byYear.get(p.academicYear) ?? new Map(), key);
  }, [data, trend.data, units, names, periods, period.academicYear, trendYears, key]);

  const rankingOption: EChartsCoreOption = useMemo(() => {
    const shown = ranked.filter((r) => r.value !== null);
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatIndicator(key, v) },
      xAxis: { type: 'value', axisLabel: { formatter: axisFormatter(key) } },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => `${r.rank}. ${r.item.name}`), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: indicatorName,
          data: shown.map((r) => r.value),
          itemStyle: { color: '#1864ab' },
          label: { show: true, position: 'right', formatter: (p: { value: number }) => formatIndicator(key, p.value) },
        },
      ],
    };
  }, [ranked, key, indicatorName]);

  const trendOption: EChartsCoreOption = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
      legend: { type: 'scroll', top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => formatIndicator(key, v ?? null) },
      xAxis: { type: 'category', data: periods.map((p) => p.academicYear) },
      yAxis: { type: 'value', axisLabel: { formatter: axisFormatter(key) } },
      series: series.map((s, i) => ({
        type: 'line',
        name: s.name,
        data: s.values,
        connectNulls: false,
        symbol: SYMBOLS[i % SYMBOLS.length],
        symbolSize: 9,
        lineStyle: { width: s.id === REGION ? 4 : 2, type: s.id === REGION ? 'solid' : i % 2 ? 'dashed' : 'solid' },
      })),
    }),
    [series, periods, key],
  );

  const setIndicator = (v: string | null) => {
    const next = new URLSearchParams(params);
    if (v && v !== INDICATORS[0]!.key) next.set('indicator', v);
    else next.delete('indicator');
    setParams(next, { replace: true });
  };
  const drill = (id: string) => `/municipalities/${id}/indicators${params.get('year') ? `?year=${encodeURIComponent(params.get('year')!)}` : ''}`;

  const body = () => {
    if (error && !data) return <ErrorNotice error={error} onRetry={() => reload({ requestPolicy: 'network-only' })} />;
    if (!data) return <LoadingRows rows={8} />;
    if (!rows.length) return <EmptyState>{m.noData}</EmptyState>;
    const rankingTitle = m.rankingChart(indicatorName);
    const trendTitle = m.trendChart(indicatorName);
    return (
      <>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="xs">
            {m.region}
          </Title>
          <Stack gap="xs">
            <FiguresGrid report={data.regionalComparison.region} />
            <NetworkGrid network={data.regionalComparison.region.network} />
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="xs">
            {rankingTitle}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {m.better[def.better]}
          </Text>
          <EChart
            option={rankingOption}
            height={Math.max(200, ranked.length * 30 + 40)}
            label={m.chartSummary(
              rankingTitle,
              ranked
                .slice(0, 10)
                .map((r) => `${m.rankOf(r.rank)}. ${r.item.name}: ${formatIndicator(key, r.value)}`)
                .join('; '),
            )}
          />
          <DataTable
            caption={m.comparisonCaption(indicatorName)}
            fileName="regional-comparison"
            rows={ranked}
            rowKey={(r) => r.item.id}
            empty={m.noData}
            columns={[
              { title: m.rank, value: (r) => m.rankOf(r.rank) },
              {
                title: m.municipality,
                value: (r) => r.item.name,
                render: (r) => (
                  <Anchor component={Link} to={drill(r.item.id)}>
                    {r.item.name}
                  </Anchor>
                ),
              },
              { title: m.figures[key]!, value: (r) => formatIndicator(key, r.value) },
              ...INDICATORS.filter((i) => i.key !== key).map((i) => ({
                title: m.figures[i.key]!,
                value: (r: (typeof ranked)[number]) => indicatorValue(r.item.report, i.key),
              })),
              { title: m.figures['overdue']!, value: (r) => formatNumber(r.item.report.overdue) },
              { title: m.topDeficits, value: (r) => deficitsText(r.item.report.topDeficits) },
            ]}
          />
        </Paper>

        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="xs">
            {trendTitle}
          </Title>
          <MultiSelect
            label={m.trendUnits}
            data={[{ value: REGION, label: m.region }, ...ranked.map((r) => ({ value: r.item.id, label: r.item.name }))]}
            value={units}
            onChange={setChosen}
            searchable
            maxValues={8}
            mb="sm"
          />
          {trend.error && <ErrorNotice error={trend.error} />}
          {trend.fetching && !trend.data && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {m.trendLoading}
            </Text>
          )}
          <EChart
            option={trendOption}
            label={m.chartSummary(
              trendTitle,
              series.map((s) => `${s.name}: ${s.values.map((v, i) => `${periods[i]!.academicYear} — ${formatIndicator(key, v)}`).join(', ')}`).join('; '),
            )}
          />
          <DataTable
            caption={m.trendCaption(indicatorName)}
            fileName="regional-trend"
            rows={series}
            rowKey={(s) => s.id}
            empty={m.noData}
            columns={[
              { title: m.municipality, value: (s) => s.name },
              ...periods.map((p, i) => ({ title: p.academicYear, value: (s: (typeof series)[number]) => formatIndicator(key, s.values[i] ?? null) })),
            ]}
          />
        </Paper>
      </>
    );
  };

  return (
    <Page title={m.regionTitle} intro={m.regionIntro}>
      <Group align="flex-end" wrap="wrap">
        {picker}
        <Select
          label={m.indicator}
          allowDeselect={false}
          data={INDICATORS.map((i) => ({ value: i.key, label: m.figures[i.key]! }))}
          value={key}
          onChange={setIndicator}
          maw={340}
        />
      </Group>
      {body()}
    </Page>
  );
};
