import { MunicipalityState } from './municipality.decider';
import { MunicipalityRow } from './municipality.rows';

export interface MunicipalityView {
  id: string;
  name: string;
  oktmo: string;
  status: 'ACTIVE';
  onboardedAt: string;
}

export const municipalityView = (r: MunicipalityRow): MunicipalityView => ({
  id: r._id,
  name: r.name,
  oktmo: r.oktmo,
  status: 'ACTIVE',
  onboardedAt: r.onboardedAt,
});

export const municipalityStateView = (id: string, s: MunicipalityState): MunicipalityView => ({
  id,
  name: s.name!,
  oktmo: s.oktmo!,
  status: 'ACTIVE',
  onboardedAt: s.onboardedAt!,
});
