import { COMPETENCE_AREAS, COMPETENCE_LABELS, CompetenceArea } from '../competences/competence-areas';
import { NewRouteItem } from './route-item';

/** A published programme as the catalogue read model sees it (the caller passes published ones only). */
export interface ProgrammeOption {
  programmeId: string;
  title: string;
  competences: CompetenceArea[];
  hasOpenCohortWithSeats: boolean;
  /** ISO date of the earliest upcoming cohort, if any. */
  nextCohortStart?: string;
}

export interface RouteProposalInput {
  openDeficits: CompetenceArea[];
  programmes: ProgrammeOption[];
  youngTeacher: boolean;
  hasActiveMentor: boolean;
  /** Makes item ids: the same key gives the same id, so proposing twice proposes the same route. */
  idFor: (key: string) => string;
}

export const communityTitle = (area: CompetenceArea) => `Участие в работе методического объединения: ${COMPETENCE_LABELS[area]}`;
export const selfStudyTitle = (area: CompetenceArea) => `Самостоятельное изучение: ${COMPETENCE_LABELS[area]}`;
export const MENTORING_TITLE = 'Работа с наставником';

/**
 * Builds a route from the open deficits (DESIGN.md, "Route"): per deficit the best programme
 * (or self-study when none targets it) and work in the methodological association; plus
 * mentoring for a young teacher who has no mentor. Deficits go in COMPETENCE_AREAS order so
 * the result does not depend on the order of the input.
 */
export const proposeRouteItems = (input: RouteProposalInput): NewRouteItem[] => {
  const deficits = COMPETENCE_AREAS.filter((a) => input.openDeficits.includes(a));
  const items: NewRouteItem[] = [];
  const chosen = new Set<string>();
  for (const area of deficits) {
    const programme = bestProgramme(area, input.programmes);
    if (!programme) {
      items.push({ itemId: input.idFor(`SELF_STUDY:${area}`), kind: 'SELF_STUDY', competence: area, title: selfStudyTitle(area) });
    } else if (!chosen.has(programme.programmeId)) {
      // One programme can cover several deficits; the teacher takes it once.
      chosen.add(programme.programmeId);
      items.push({
        itemId: input.idFor(`PROGRAMME:${area}:${programme.programmeId}`),
        kind: 'PROGRAMME',
        competence: area,
        title: programme.title,
        programmeId: programme.programmeId,
      });
    }
    items.push({ itemId: input.idFor(`COMMUNITY:${area}`), kind: 'COMMUNITY', competence: area, title: communityTitle(area) });
  }
  if (input.youngTeacher && !input.hasActiveMentor) {
    items.push({ itemId: input.idFor('MENTORING'), kind: 'MENTORING', competence: null, title: MENTORING_TITLE });
  }
  return items;
};

/** A programme the teacher can join now first, then the one that starts soonest, then by title. */
export const bestProgramme = (area: CompetenceArea, programmes: ProgrammeOption[]): ProgrammeOption | undefined =>
  programmes.filter((p) => p.competences.includes(area)).sort(byPreference)[0];

const byPreference = (a: ProgrammeOption, b: ProgrammeOption): number =>
  Number(b.hasOpenCohortWithSeats) - Number(a.hasOpenCohortWithSeats) ||
  compareStart(a.nextCohortStart, b.nextCohortStart) ||
  a.title.localeCompare(b.title, 'ru') ||
  (a.programmeId < b.programmeId ? -1 : a.programmeId > b.programmeId ? 1 : 0);

/** Without a known start a programme comes after every dated one. */
const compareStart = (a: string | undefined, b: string | undefined): number => {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
};
