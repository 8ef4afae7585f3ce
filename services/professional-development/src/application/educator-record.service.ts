import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '@mms/auth';
import * as access from '../access/policy';
import { EducatorRow } from '../read-model/rows';
import { dueDateOf } from '../three-year-rule/training-due';
import { EducatorParent } from './development.service';
import { EnrolmentService } from './enrolment.service';
import { MentoringService } from './mentoring.service';
import { ReadModels } from './read-models';
import { DevelopmentView, developmentRowView, externalTrainingView, resultView, routeView } from './views';

/**
 * The Educator entity's fields in this subgraph: what this context knows about one person.
 * Who may read them follows the educator's current placement (a transferred educator's
 * history moves with them); anyone else gets empty lists and nulls.
 */
@Injectable()
export class EducatorRecordService {
  /** One request asks several fields of the same educators: look each up once. */
  private readonly rows = new WeakMap<RequestContext, Map<string, Promise<EducatorRow | null>>>();

  constructor(
    @Inject(ReadModels) private readonly rm: ReadModels,
    @Inject(EnrolmentService) private readonly enrolmentService: EnrolmentService,
    @Inject(MentoringService) private readonly mentoring: MentoringService,
  ) {}

  private row(req: RequestContext, id: string): Promise<EducatorRow | null> {
    let perRequest = this.rows.get(req);
    if (!perRequest) this.rows.set(req, (perRequest = new Map()));
    let row = perRequest.get(id);
    if (!row) perRequest.set(id, (row = this.rm.educator(id)));
    return row;
  }

  private async readable(req: RequestContext, id: string): Promise<EducatorRow | null | false> {
    const row = await this.row(req, id);
    const placement = { educatorId: id, municipalityId: row?.municipalityId, organizationId: row?.organizationId };
    return access.canReadEducator(req.user, placement) ? row : false;
  }

  private async development(req: RequestContext, e: EducatorParent): Promise<DevelopmentView | null> {
    if ((await this.readable(req, e.id)) === false) return null;
    if (e.development) return e.development;
    const row = await (await this.rm.development()).findOne({ _id: e.id });
    return row ? developmentRowView(row) : null;
  }

  async enrolments(req: RequestContext, e: EducatorParent) {
    return (await this.readable(req, e.id)) === false ? [] : this.enrolmentService.enrolmentsOfEducator(e.id);
  }

  async route(req: RequestContext, e: EducatorParent) {
    const d = await this.development(req, e);
    return d && d.route.status !== 'NONE' ? routeView(e.id, d.route) : null;
  }

  async deficits(req: RequestContext, e: EducatorParent) {
    return (await this.development(req, e))?.openDeficits ?? [];
  }

  async diagnosticResults(req: RequestContext, e: EducatorParent) {
    const results = (await this.development(req, e))?.results ?? [];
    return [...results].sort((a, b) => b.takenOn.localeCompare(a.takenOn)).map(resultView);
  }

  /** Newest certificate first. */
  async externalTrainings(req: RequestContext, e: EducatorParent) {
    const trainings = (await this.development(req, e))?.externalTrainings ?? [];
    return [...trainings].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn)).map((t) => externalTrainingView(e.id, t));
  }

  async trainingDueDate(req: RequestContext, e: EducatorParent) {
    const row = await this.readable(req, e.id);
    return row ? (dueDateOf(row)?.dueDate ?? null) : null;
  }

  async mentorships(req: RequestContext, e: EducatorParent) {
    return (await this.readable(req, e.id)) === false ? [] : this.mentoring.mentorshipsOfEducator(e.id);
  }
}
