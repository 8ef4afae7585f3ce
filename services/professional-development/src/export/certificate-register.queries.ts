import type { RequestContext } from '@mms/auth';
import { checked } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { PdDeps } from '../pd.deps';
import { CERTIFICATE_EXPORT_COLUMNS, certificateRegisterCsv, CertificateRecord } from './certificate-register';

/**
 * The certificate register export for ФИС ФРДО: certificates issued in the issuer's cohorts
 * within a period. Names are not resolved here (this context holds none); the file's
 * comment line says which columns the directory fills.
 */
export const certificateRegisterExport = async (d: PdDeps, req: RequestContext, args: { from: string; to: string; municipalityId?: string | null }) => {
  const issuer = access.exportIssuer(req.user, args.municipalityId);
  checked('export period', (c) => {
    c.date('from', args.from);
    c.date('to', args.to);
    if (args.from > args.to) c.problem('to', 'must not be before from');
  });
  const completed = await d.tables.enrolments.find(
    { tenantId: issuer, status: 'COMPLETED', 'certificate.issuedOn': { $gte: args.from, $lte: args.to } },
    { sort: { 'certificate.issuedOn': 1, _id: 1 } },
  );
  const [programmes, cohorts] = await Promise.all([
    d.tables.programmes.find({ tenantId: issuer }),
    d.tables.cohorts.find({ tenantId: issuer, _id: { $in: [...new Set(completed.map((e) => e.cohortId))] } }),
  ]);
  const registerIds = new Map(programmes.map((p) => [p._id, p.federalRegisterId]));
  const cohortOf = new Map(cohorts.map((c) => [c._id, c]));
  const records: CertificateRecord[] = completed.map((e) => {
    const cohort = cohortOf.get(e.cohortId);
    return {
      enrolmentId: e._id,
      educatorId: e.educatorId,
      municipalityId: e.municipalityId,
      organizationId: e.organizationId,
      programmeTitle: cohort?.title ?? '',
      federalRegisterId: registerIds.get(e.programmeId) ?? null,
      format: cohort?.format ?? null,
      cohortStartDate: cohort?.startDate ?? null,
      cohortEndDate: cohort?.endDate ?? null,
      certificate: e.certificate!,
    };
  });
  return { csv: certificateRegisterCsv(records), rows: records.length, columns: CERTIFICATE_EXPORT_COLUMNS.map((col) => col.header) };
};
