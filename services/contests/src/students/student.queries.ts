import type { RequestContext } from '@mms/auth';
import { isRegionalOperator, requireUser } from '@mms/auth';
import { emptyPage, Page, PageArgs, pageBy, pageSize } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { ContestsDeps } from '../contests.deps';
import type { StudentRow } from './student.rows';
import { studentRowView, StudentView } from './student.views';

/** Another school holds a child with the same name and birth date (the keyed hash matches). */
const duplicates = async (d: ContestsDeps, rows: StudentRow[]) => {
  const keys = [...new Set(rows.flatMap((r) => (r.duplicateKey ? [r.duplicateKey] : [])))];
  // One equality read per key: FerretDB does not push an `$in` down (it would read every student).
  const same = (await Promise.all(keys.map((duplicateKey) => d.tables.students.find({ duplicateKey })))).flat();
  return (r: StudentRow) => !!r.duplicateKey && same.some((o) => o.duplicateKey === r.duplicateKey && o._id !== r._id && o.schoolId !== r.schoolId);
};

export const viewsOfRows = async (d: ContestsDeps, rows: StudentRow[]) => {
  const dup = await duplicates(d, rows);
  return Promise.all(rows.map((r) => studentRowView(d, r, dup(r))));
};

/**
 * A school's students in registration order: the coordinator's own school; a methodologist's
 * or the operator's choice of school (of their municipality, for the methodologist).
 */
export const studentsPage = async (
  d: ContestsDeps,
  req: RequestContext,
  organizationId: string | null | undefined,
  args: PageArgs,
): Promise<Page<StudentView>> => {
  const user = requireUser(req.user);
  let filter: { tenantId?: string; schoolId: string };
  if (user.role === 'school_coordinator' && user.organizationId && user.municipalityId)
    filter = { tenantId: user.municipalityId, schoolId: organizationId ?? user.organizationId };
  else if (user.role === 'municipal_methodologist' && organizationId) filter = { tenantId: user.municipalityId!, schoolId: organizationId };
  else if (isRegionalOperator(user) && organizationId) filter = { schoolId: organizationId };
  else return (pageSize(args.first), emptyPage());
  if (user.role === 'school_coordinator' && filter.schoolId !== user.organizationId) return (pageSize(args.first), emptyPage());
  return pageBy(d.tables.students, filter, { _id: 1 }, args, (rows) => viewsOfRows(d, rows));
};

export const student = async (d: ContestsDeps, req: RequestContext, id: string): Promise<StudentView | null> => {
  const row = await d.tables.students.get(id);
  if (!row || !access.canReadStudent(req.user, { municipalityId: row.tenantId, schoolId: row.schoolId })) return null;
  return (await viewsOfRows(d, [row]))[0]!;
};
