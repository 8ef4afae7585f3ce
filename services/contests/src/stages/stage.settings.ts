/** How a stage scores, ranks and hears appeals; every number is the organiser's to set (defaults in DESIGN.md). */
export interface StageSettings {
  /** A participation consent must be dated at least this many working days before the stage. */
  consentLeadWorkingDays: number;
  /** Extra days off for the working-day count (YYYY-MM-DD or MM-DD); empty: Russia's fixed holidays. */
  holidays: string[];
  scoringMode: 'SINGLE' | 'DOUBLE';
  /** The final of two scores that agree: their mean, or the higher one. */
  agreeingFinal: 'MEAN' | 'HIGHER';
  quotas: {
    awardedShare: number;
    winnerShare: number;
    minScoreShare: number;
    tieRule: 'WITHIN_QUOTA' | 'ALL_TIED';
  };
  /** Appeals close at 23:59 (the region's time) this many days after the preliminary protocol is published. */
  appealDays: number;
}

export const DEFAULT_SETTINGS: StageSettings = {
  consentLeadWorkingDays: 10,
  holidays: [],
  scoringMode: 'SINGLE',
  agreeingFinal: 'MEAN',
  quotas: { awardedShare: 0.45, winnerShare: 0.08, minScoreShare: 0.5, tieRule: 'WITHIN_QUOTA' },
  appealDays: 1,
};

/** Problems with a settings patch, by field (empty: fine). */
export const settingsProblems = (s: StageSettings): { field: string; message: string }[] => {
  const p: { field: string; message: string }[] = [];
  const share = (field: string, v: number) => {
    if (!(v >= 0 && v <= 1)) p.push({ field, message: 'must be a share between 0 and 1' });
  };
  if (!Number.isInteger(s.consentLeadWorkingDays) || s.consentLeadWorkingDays < 0 || s.consentLeadWorkingDays > 60)
    p.push({ field: 'consentLeadWorkingDays', message: 'must be a whole number of days, 0–60' });
  if (!Number.isInteger(s.appealDays) || s.appealDays < 1 || s.appealDays > 14) p.push({ field: 'appealDays', message: 'must be 1–14 days' });
  share('quotas.awardedShare', s.quotas.awardedShare);
  share('quotas.winnerShare', s.quotas.winnerShare);
  share('quotas.minScoreShare', s.quotas.minScoreShare);
  if (s.quotas.winnerShare > s.quotas.awardedShare) p.push({ field: 'quotas.winnerShare', message: 'cannot exceed the share of winners and prize-winners' });
  if (s.holidays.some((h) => !/^(\d{4}-)?\d{2}-\d{2}$/.test(h))) p.push({ field: 'holidays', message: 'must be dates YYYY-MM-DD or MM-DD' });
  return p;
};
