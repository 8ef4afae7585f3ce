/** A municipality's organisations: the mix of schools, kindergartens and additional education, with names distinct within it. */
import { SETTLEMENTS_F } from '../dictionaries';
import { Random } from '../random';
import { sketchAdditionalEducation } from './additional-education';
import { sketchKindergartens } from './kindergartens';
import { uniqueNames } from './names';
import { sketchSchools } from './schools';
import { MunicipalitySketch, OrgSketch, Villages } from './sketches';

/** How many of each kind among `count` organisations: ~7% additional education and ~27% kindergartens once there are enough. */
const organizationMix = (count: number) => {
  const additional = count >= 6 ? Math.max(1, Math.round(count * 0.07)) : 0;
  const kindergartens = count >= 2 ? Math.max(1, Math.round(count * 0.27)) : 0;
  return { schools: count - additional - kindergartens, kindergartens, additional };
};

/** Re-runs recognise organisations by name: two alike in one municipality would be one. */
const assertDistinctNames = (m: MunicipalitySketch, orgs: readonly OrgSketch[]) => {
  const names = new Set<string>();
  const shorts = new Set<string>();
  for (const o of orgs) {
    if (names.has(o.name) || shorts.has(o.shortName)) throw new Error(`duplicate organisation name in ${m.name}: ${o.name}`);
    names.add(o.name);
    shorts.add(o.shortName);
  }
};

/** `count` organisations of the municipality: schools, then kindergartens, then additional education. */
export const sketchOrganizations = (rng: Random, m: MunicipalitySketch, count: number, centres: ReadonlySet<string>): OrgSketch[] => {
  const mix = organizationMix(count);
  // Villages are never named like a district centre (of this or another district).
  const villages: Villages = { names: uniqueNames(rng, SETTLEMENTS_F, count + 2, centres), next: 0, withSchool: [] };
  const out = [
    ...sketchSchools(rng, m, mix.schools, villages),
    ...sketchKindergartens(rng, m, mix.kindergartens, villages),
    ...sketchAdditionalEducation(rng, m, mix.additional),
  ];
  assertDistinctNames(m, out);
  return out;
};
