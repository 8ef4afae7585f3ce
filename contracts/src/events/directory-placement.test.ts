import { DirectoryContracts as D } from './directory';
import { EducatorPlacement, nextPlacement } from './directory-placement';

const fold = (events: { type: string; data: unknown }[]) => events.reduce<EducatorPlacement | null>(nextPlacement, null);
const registered = { type: D.EducatorRegistered.type, data: { educatorId: 'e1', municipalityId: 'm1', organizationId: 'school-1' } };

describe('an educator’s placement from the directory’s events', () => {
  it('registered, moved to another school', () => {
    expect(fold([registered, { type: D.EducatorMoved.type, data: { educatorId: 'e1', toOrganizationId: 'school-2' } }])).toEqual({
      _id: 'e1',
      municipalityId: 'm1',
      organizationId: 'school-2',
      active: true,
    });
  });

  it('a transfer: the former municipality’s "left" does not undo the new one’s "joined", whatever the order', () => {
    const left = { type: D.EducatorLeftMunicipality.type, data: { educatorId: 'e1', municipalityId: 'm1' } };
    const joined = { type: D.EducatorJoinedMunicipality.type, data: { educatorId: 'e1', municipalityId: 'm2', organizationId: 'school-9' } };
    expect(fold([registered, left, joined])).toMatchObject({ municipalityId: 'm2', active: true });
    expect(fold([registered, joined, left])).toMatchObject({ municipalityId: 'm2', active: true });
  });

  it('leaving the service ends the placement; other events change nothing', () => {
    expect(fold([registered, { type: D.EducatorLeft.type, data: { educatorId: 'e1', municipalityId: 'm1' } }])).toMatchObject({ active: false });
    expect(fold([registered, { type: 'directory.OrganizationRenamed', data: {} }])).toMatchObject({ active: true });
  });
});
