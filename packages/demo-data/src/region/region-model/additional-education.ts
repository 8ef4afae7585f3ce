/** A municipality's centres of additional education (ЦДТ, ДЮСШ…): each type once, then numbered. */
import { ADDITIONAL_EDUCATION_TYPES } from '../dictionaries';
import { Random } from '../random';
import type { Locality } from '../region-model';
import { MunicipalitySketch, OrgSketch } from './sketches';

const ADDITIONAL_FORMS: Record<string, string> = {
  'МБУ ДО': 'Муниципальное бюджетное учреждение дополнительного образования',
  'МАУ ДО': 'Муниципальное автономное учреждение дополнительного образования',
  'МКУ ДО': 'Муниципальное казённое учреждение дополнительного образования',
};

/** `count` centres, in the city or the district centre. */
export const sketchAdditionalEducation = (rng: Random, m: MunicipalitySketch, count: number): OrgSketch[] => {
  const urban = m.form === 'URBAN_OKRUG';
  const types = rng.shuffle(ADDITIONAL_EDUCATION_TYPES);
  const seenType = new Map<string, number>();
  const out: OrgSketch[] = [];
  for (let i = 0; i < count; i++) {
    const [abbr, full, profile] = types[i % types.length]!;
    const n = (seenType.get(abbr) ?? 0) + 1;
    seenType.set(abbr, n);
    const suffix = n > 1 ? ` № ${n}` : '';
    const locality: Locality = urban ? 'CITY' : 'DISTRICT_CENTRE';
    const form = rng.weighted([
      ['МБУ ДО', 65],
      ['МАУ ДО', 25],
      ['МКУ ДО', 10],
    ]);
    out.push({
      kind: 'ADDITIONAL_EDUCATION',
      locality,
      type: abbr,
      name: `${ADDITIONAL_FORMS[form]} «${full}${suffix}»`,
      shortName: `${form} ${abbr}${suffix}`,
      profile,
      rawSize: urban ? rng.intTri(15, 45) : rng.intTri(6, 20),
    });
  }
  return out;
};
