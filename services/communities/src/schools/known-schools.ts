import { invalid, notFound, type ReadTable } from '@mms/eventsourcing/core';
import { REGION_TENANT } from '../tenants';
import type { SchoolRow } from './school.rows';

/** The schools a command names, as the directory announced them: each one exists and is open, else NOT_FOUND naming the field. */
export const namedSchools = async (schools: ReadTable<SchoolRow>, named: { field: string; id: string }[]): Promise<SchoolRow[]> => {
  const rows = new Map((await schools.getMany(named.map((n) => n.id))).map((s) => [s._id, s]));
  return named.map(({ field, id }) => {
    const school = rows.get(id);
    return school?.active ? school : notFound(`organization ${id}`, field);
  });
};

/** A municipal body (a municipality's community or site) takes only its municipality's schools; a regional one any in the region. */
export const schoolOfTenant = (tenantId: string, school: SchoolRow, field: string) => {
  if (tenantId !== REGION_TENANT && school.municipalityId !== tenantId) invalid(field, 'is a school of another municipality');
};

/** Both at once, when the tenant is known before the command. */
export const knownSchools = async (schools: ReadTable<SchoolRow>, tenantId: string, named: { field: string; id: string }[]): Promise<SchoolRow[]> => {
  const rows = await namedSchools(schools, named);
  rows.forEach((s, i) => schoolOfTenant(tenantId, s, named[i]!.field));
  return rows;
};
