import { parseNumber } from './grade-groups';

// ---- Stage settings (shares as percentages in the form) ----

export type ScoringMode = 'SINGLE' | 'DOUBLE';
export type AgreeingFinal = 'MEAN' | 'HIGHER';
export type TieRule = 'WITHIN_QUOTA' | 'ALL_TIED';

export interface Settings {
  consentLeadWorkingDays: number;
  holidays: string[];
  scoringMode: ScoringMode;
  agreeingFinal: AgreeingFinal;
  quotas: { awardedShare: number; winnerShare: number; minScoreShare: number; tieRule: TieRule };
  appealDays: number;
}

/** The service's defaults (services/contests/DESIGN.md), shown in a new stage's form. */
export const DEFAULT_SETTINGS: Settings = {
  consentLeadWorkingDays: 10,
  holidays: [],
  scoringMode: 'SINGLE',
  agreeingFinal: 'MEAN',
  quotas: { awardedShare: 0.45, winnerShare: 0.08, minScoreShare: 0.5, tieRule: 'WITHIN_QUOTA' },
  appealDays: 1,
};

export interface SettingsDraft {
  consentLeadWorkingDays: string | number;
  holidays: string;
  scoringMode: ScoringMode;
  agreeingFinal: AgreeingFinal;
  awardedPercent: string | number;
  winnerPercent: string | number;
  minScorePercent: string | number;
  tieRule: TieRule;
  appealDays: string | number;
}

/** A share 0..1 as a percentage (45), without float noise. */
export const toPercent = (share: number): number => Math.round(share * 10_000) / 100;
/** A percentage (45) as a share (0.45), without float noise. */
export const toShare = (percent: number): number => Math.round(percent * 100) / 10_000;

export const settingsDraft = (s: Settings = DEFAULT_SETTINGS): SettingsDraft => ({
  consentLeadWorkingDays: s.consentLeadWorkingDays,
  holidays: s.holidays.join(', '),
  scoringMode: s.scoringMode,
  agreeingFinal: s.agreeingFinal,
  awardedPercent: toPercent(s.quotas.awardedShare),
  winnerPercent: toPercent(s.quotas.winnerShare),
  minScorePercent: toPercent(s.quotas.minScoreShare),
  tieRule: s.quotas.tieRule,
  appealDays: s.appealDays,
});

/**
 * The settings a form holds, as the API takes them, with the problems found before sending (by
 * the API's field names: `consentLeadWorkingDays`, `quotas.awardedShare`, …).
 */
export const settingsFromDraft = (d: SettingsDraft): { settings: Settings; problems: Record<string, string> } => {
  const problems: Record<string, string> = {};
  const int = (v: string | number, field: string, min: number, max: number) => {
    const n = parseNumber(v);
    if (n === null || !Number.isInteger(n) || n < min || n > max) problems[field] = `${min}–${max}`;
    return n ?? 0;
  };
  const percent = (v: string | number, field: string) => {
    const n = parseNumber(v);
    if (n === null || n < 0 || n > 100) problems[field] = '0–100';
    return toShare(n ?? 0);
  };
  const holidays = d.holidays
    .split(/[\s,;]+/)
    .map((h) => h.trim())
    .filter(Boolean);
  if (holidays.some((h) => !/^(\d{4}-)?\d{2}-\d{2}$/.test(h))) problems['holidays'] = 'format';
  const quotas = {
    awardedShare: percent(d.awardedPercent, 'quotas.awardedShare'),
    winnerShare: percent(d.winnerPercent, 'quotas.winnerShare'),
    minScoreShare: percent(d.minScorePercent, 'quotas.minScoreShare'),
    tieRule: d.tieRule,
  };
  if (!problems['quotas.winnerShare'] && !problems['quotas.awardedShare'] && quotas.winnerShare > quotas.awardedShare)
    problems['quotas.winnerShare'] = 'aboveAwarded';
  return {
    settings: {
      consentLeadWorkingDays: int(d.consentLeadWorkingDays, 'consentLeadWorkingDays', 0, 60),
      holidays,
      scoringMode: d.scoringMode,
      agreeingFinal: d.agreeingFinal,
      quotas,
      appealDays: int(d.appealDays, 'appealDays', 1, 14),
    },
    problems,
  };
};
