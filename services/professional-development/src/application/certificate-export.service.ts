import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '@mms/auth';
import * as access from '../access/policy';
import { CERTIFICATE_EXPORT_COLUMNS, certificateRegisterCsv, CertificateRecord } from '../export/certificate-register';
import { EnrolmentRow, ProgrammeRow } from '../read-model/rows';
import { ReadModels } from './read-models';
import { Checks } from './validation';

/**
 * The certificate register export for ФИС ФРДО: certificates issued in the issuer's cohorts
 * within a period. Names are not resolved here (this context holds none); the file's
 * comment line says which columns the directory fills.
 */
@Injectable()
export class CertificateExportService {
  constructor(@Inject(ReadModels) private readonly rm: ReadModels) {}

  async certificateRegisterExport(req: RequestContext, args: { from: string; to: string; municipalityId?: string | null }) {
    const issuer = access.exportIssuer(req.user, args.municipalityId);
    const c = new Checks();
    c.date('from', args.from);
    c.date('to', args.to);
    if (args.from > args.to) c.problem('to', 'must not be before from');
    c.done('export period');
    const [enrolments, programmes] = await Promise.all([this.rm.enrolments(), this.rm.programmes()]);
    const completed = (await enrolments.find({ tenantId: issuer, status: 'COMPLETED' }).toArray()) as EnrolmentRow[];
    const inPeriod = completed.filter((e) => e.certificate && e.certificate.issuedOn >= args.from && e.certificate.issuedOn <= args.to);
    const registerIds = new Map(
      ((await programmes.find({ tenantId: issuer }).toArray()) as ProgrammeRow[]).map((p) => [p._id, p.federalRegisterId]),
    );
    const records: CertificateRecord[] = inPeriod.map((e) => ({
      enrolmentId: e._id,
      educatorId: e.educatorId,
      municipalityId: e.municipalityId,
      organizationId: e.organizationId,
      programmeTitle: e.programmeTitle,
      federalRegisterId: registerIds.get(e.programmeId) ?? null,
      format: e.format,
      cohortStartDate: e.cohortStartDate,
      cohortEndDate: e.cohortEndDate,
      certificate: e.certificate!,
    }));
    return { csv: certificateRegisterCsv(records), rows: records.length, columns: CERTIFICATE_EXPORT_COLUMNS.map((col) => col.header) };
  }
}
