import { EducatorState } from './educator.decider';
import { EducatorRow } from './educator.rows';

export interface EducatorView extends Omit<EducatorRow, '_id'> {
  id: string;
}

export const educatorRowView = (r: EducatorRow): EducatorView => {
  const { _id, ...rest } = r;
  void _id;
  return { id: r.educatorId, ...rest };
};

export const educatorView = (tenantId: string, educatorId: string, s: EducatorState, fullName: string | null): EducatorView => ({
  id: educatorId,
  educatorId,
  tenantId,
  organizationId: s.organizationId!,
  fullName: s.personalDataErased ? null : fullName,
  position: s.position!,
  subjects: s.subjects ?? [],
  careerStartDate: s.careerStartDate!,
  qualificationCategory: s.qualificationCategory!,
  status: s.status === 'active' ? 'ACTIVE' : s.status === 'left' ? 'LEFT' : 'TRANSFERRED',
  personalDataErased: s.personalDataErased,
});
