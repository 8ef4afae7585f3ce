/** What the plan is drawn from before ids and educator counts are fixed: a sketch per municipality and per organisation. */
import { AdditionalProfile } from '../dictionaries';
import type { Locality, MunicipalityForm, OrganizationKind } from '../region-model';

export interface MunicipalitySketch {
  form: MunicipalityForm;
  isRegionalCentre: boolean;
  name: string;
  /** Districts: the feminine adjective of the district centre («Берёзовская»). */
  centreF: string | null;
  weight: number;
}

export interface OrgSketch {
  kind: OrganizationKind;
  locality: Locality;
  type: string;
  name: string;
  shortName: string;
  profile: AdditionalProfile | null;
  /** The typical staff of such an organisation: the weight of its share of the educators. */
  rawSize: number;
}

/** A municipality's village names, handed out in order; the villages with a school are remembered for the kindergartens. */
export interface Villages {
  names: string[];
  next: number;
  withSchool: string[];
}

/** The next unused village name. */
export const nextVillage = (v: Villages): string => v.names[v.next++]!;
