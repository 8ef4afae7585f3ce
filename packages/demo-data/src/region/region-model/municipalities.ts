/** The region's municipalities: urban okrugs (the regional centre first), districts and municipal okrugs, with their ОКТМО codes. */
import { masculineAdjective, REGIONAL_CENTRE, SETTLEMENTS_F, TOWNS } from '../dictionaries';
import { Random } from '../random';
import type { MunicipalityForm } from '../region-model';
import { pad, uniqueNames } from './names';
import { MunicipalitySketch } from './sketches';

/** ОКТМО blocks (3rd–5th digits) by form: 7xx urban okrugs, 6xx districts, 5xx municipal okrugs, then spill-over blocks. */
const OKTMO_BLOCKS: Record<MunicipalityForm, number[]> = {
  URBAN_OKRUG: [700, 800, 900],
  MUNICIPAL_DISTRICT: [600, 400, 200],
  MUNICIPAL_OKRUG: [500, 300, 100],
};

/** `count` ascending ОКТМО codes of one form, with random gaps as in a real register. */
const allocateOktmo = (rng: Random, prefix: string, form: MunicipalityForm, count: number): string[] => {
  const blocks = OKTMO_BLOCKS[form];
  const capacity = blocks.length * 99;
  if (count > capacity) throw new Error(`too many municipalities of form ${form} for the ОКТМО scheme (${count} > ${capacity})`);
  let slack = capacity - count;
  let pos = 0;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && slack > 0 && rng.chance(0.35)) {
      pos++;
      slack--;
    }
    const code = blocks[Math.floor(pos / 99)]! + 1 + (pos % 99);
    out.push(`${prefix}${pad(code)}000`);
    pos++;
  }
  return out;
};

/** The ОКТМО codes of the sketched municipalities, per form, in plan order (each taken once). */
export const oktmoByForm = (rng: Random, prefix: string, sketches: readonly MunicipalitySketch[]): Map<MunicipalityForm, string[]> => {
  const byForm = new Map<MunicipalityForm, string[]>();
  for (const form of ['URBAN_OKRUG', 'MUNICIPAL_DISTRICT', 'MUNICIPAL_OKRUG'] as const) {
    byForm.set(form, allocateOktmo(rng, prefix, form, sketches.filter((s) => s.form === form).length));
  }
  return byForm;
};

/** `count` municipalities: ~12% urban okrugs (the regional centre first), the rest districts or municipal okrugs named after their centre. */
export const sketchMunicipalities = (rng: Random, count: number): MunicipalitySketch[] => {
  const urban = count === 1 ? 1 : Math.min(count, 1 + Math.round((count - 1) * 0.12));
  const rural = count - urban;
  const towns = uniqueNames(rng, TOWNS, urban - 1, new Set([REGIONAL_CENTRE]));
  const centres = uniqueNames(
    rng,
    SETTLEMENTS_F.filter((s) => /(ская|цкая)$/.test(s)),
    rural,
  );
  const out: MunicipalitySketch[] = [
    { form: 'URBAN_OKRUG', isRegionalCentre: true, name: `Городской округ город ${REGIONAL_CENTRE}`, centreF: null, weight: 12 },
  ];
  for (const town of towns) {
    out.push({ form: 'URBAN_OKRUG', isRegionalCentre: false, name: `Городской округ ${town}`, centreF: null, weight: rng.float(2, 5) });
  }
  for (const centreF of centres) {
    const form: MunicipalityForm = rng.chance(0.3) ? 'MUNICIPAL_OKRUG' : 'MUNICIPAL_DISTRICT';
    const m = masculineAdjective(centreF);
    const name = form === 'MUNICIPAL_OKRUG' ? `${m} муниципальный округ` : `${m} муниципальный район`;
    out.push({ form, isRegionalCentre: false, name, centreF, weight: rng.float(0.6, 1.6) });
  }
  return out;
};
