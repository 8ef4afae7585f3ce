import { Inject, Injectable } from '@nestjs/common';
import { RequestContext, UserClaims } from '@mms/auth';
import { CommandHandler, DomainError, NotFoundError } from '@mms/eventsourcing';
import * as access from '../access/policy';
import { MentorCommand, mentorDecider, MentorshipStatus, MentorState } from '../mentoring/mentor';
import { MentorshipRow } from '../read-model/rows';
import { childId, commandContext, parentOf, PD_COMMANDS, streams, today } from './common';
import { mentorTenantOf, PlacedEducator, ReadModels } from './read-models';
import { Checks } from './validation';
import { mentorshipRowView, MentorshipView, mentorshipView } from './views';

export interface MentorshipFilter {
  status?: MentorshipStatus | null;
  mentorId?: string | null;
  menteeId?: string | null;
  municipalityId?: string | null;
}

/** Mentoring (наставничество): pairs live in the mentor's stream, where the load limit is enforced. */
@Injectable()
export class MentoringService {
  constructor(
    @Inject(PD_COMMANDS) private readonly commands: CommandHandler,
    @Inject(ReadModels) private readonly rm: ReadModels,
  ) {}

  async startMentorship(req: RequestContext, input: { mentorId: string; menteeId: string; from: string; to: string; goals: string[] }) {
    const c = new Checks();
    c.id('mentorId', input.mentorId);
    c.id('menteeId', input.menteeId);
    c.date('from', input.from);
    c.date('to', input.to);
    if (input.from > input.to) c.problem('to', 'must not be before from');
    if (input.mentorId === input.menteeId) c.problem('menteeId', 'must be another educator than the mentor');
    const goals = c.list('goals', input.goals, { minItems: 1, maxItems: 20, maxLength: 1000 });
    c.done('mentorship');
    const mentor = await this.rm.placedEducator(input.mentorId, 'mentorId');
    const mentee = await this.rm.placedEducator(input.menteeId, 'menteeId');
    // Both work in the methodologist's municipality now.
    const user = access.methodologistFor(req.user, mentee.municipalityId, 'start mentorships');
    access.methodologistFor(req.user, mentor.municipalityId, 'pair a mentor');
    // The mentor's own stream refuses a second pair with them; another mentor's pair shows here.
    if (mentee.activeMentor && mentee.activeMentor.mentorId !== mentor._id) {
      throw new DomainError('MENTEE_ALREADY_PAIRED', `educator ${mentee._id} already has an active mentor`, {
        field: 'menteeId',
        mentorshipId: mentee.activeMentor.mentorshipId,
      });
    }
    const mentorshipId = childId(mentor._id);
    const tenantId = mentorTenantOf(mentor);
    const { state } = await this.commands.handle(
      mentorDecider,
      streams.mentor(mentor._id),
      {
        type: 'StartMentorship',
        mentorshipId,
        mentorId: mentor._id,
        menteeId: mentee._id,
        municipalityId: mentee.municipalityId,
        from: input.from,
        to: input.to,
        goals: goals!,
      },
      commandContext(req, tenantId, user),
    );
    return this.viewOf(tenantId, state, mentorshipId);
  }

  async updateMentorshipGoals(req: RequestContext, input: { mentorshipId: string; goals: string[] }) {
    const c = new Checks();
    const goals = c.list('goals', input.goals, { minItems: 1, maxItems: 20, maxLength: 1000 });
    c.done('goals');
    return this.change(req, input.mentorshipId, { type: 'UpdateMentorshipGoals', mentorshipId: input.mentorshipId, goals: goals! });
  }

  async completeMentorship(req: RequestContext, input: { mentorshipId: string; outcome: string; on?: string | null }) {
    const c = new Checks();
    const outcome = c.text('outcome', input.outcome, { max: 2000, required: true });
    c.date('on', input.on);
    c.done('completion');
    return this.change(req, input.mentorshipId, { type: 'CompleteMentorship', mentorshipId: input.mentorshipId, outcome: outcome!, on: input.on ?? today() });
  }

  async endMentorship(req: RequestContext, input: { mentorshipId: string; reason: string; on?: string | null }) {
    const c = new Checks();
    const reason = c.text('reason', input.reason, { max: 2000, required: true });
    c.date('on', input.on);
    c.done('ending');
    return this.change(req, input.mentorshipId, { type: 'EndMentorship', mentorshipId: input.mentorshipId, reason: reason!, on: input.on ?? today() });
  }

  /** The mentorship id names the mentor's stream; who may change it follows the mentee's current placement. */
  private async change(req: RequestContext, mentorshipId: string, command: MentorCommand) {
    const c = new Checks();
    c.id('mentorshipId', mentorshipId);
    c.done('mentorship');
    const mentorId = parentOf(mentorshipId, 'mentorshipId');
    const mentorRow = await this.rm.educator(mentorId);
    if (!mentorRow?.municipalityId) throw new NotFoundError(`mentorship ${mentorshipId} not found`, { field: 'mentorshipId' });
    const tenantId = mentorTenantOf(mentorRow as PlacedEducator);
    const { state } = await this.commands.load(mentorDecider, tenantId, streams.mentor(mentorId));
    const pair = state.mentorships.find((m) => m.mentorshipId === mentorshipId);
    if (!pair) throw new NotFoundError(`mentorship ${mentorshipId} not found`, { field: 'mentorshipId' });
    const mentee = await this.rm.educator(pair.menteeId);
    const user: UserClaims = access.methodologistFor(req.user, mentee?.municipalityId ?? pair.municipalityId, 'change mentorships');
    const after = await this.commands.handle(mentorDecider, streams.mentor(mentorId), command, commandContext(req, tenantId, user));
    return this.viewOf(tenantId, after.state, mentorshipId);
  }

  private viewOf(tenantId: string, state: MentorState, mentorshipId: string): MentorshipView {
    const m = state.mentorships.find((x) => x.mentorshipId === mentorshipId);
    if (!m || !state.mentorId) throw new Error('mentorship missing after a successful command');
    return mentorshipView(tenantId, state.mentorId, m);
  }

  // ---- queries --------------------------------------------------------------

  async mentorships(req: RequestContext, filter: MentorshipFilter = {}): Promise<MentorshipView[]> {
    const scope = access.readScope(req.user, { municipalityId: filter.municipalityId });
    if (!scope) return [];
    const coll = await this.rm.mentorships();
    let rows: MentorshipRow[];
    if (scope.educatorId) {
      // A teacher: the pairs they are in, as mentor or mentee.
      rows = await this.ofEducator(scope.educatorId);
    } else {
      const query = filter.mentorId
        ? { mentorId: filter.mentorId }
        : filter.menteeId
          ? { menteeId: filter.menteeId }
          : scope.municipalityId
            ? { municipalityId: scope.municipalityId }
            : {};
      rows = (await coll.find(query).toArray()) as MentorshipRow[];
      rows = rows.filter((r) => !scope.municipalityId || r.municipalityId === scope.municipalityId);
      if (scope.organizationId) {
        // A coordinator: pairs where the mentor or the mentee works at their school now.
        const school = new Set(
          (await (await this.rm.educators()).find({ organizationId: scope.organizationId }).toArray())
            .filter((e) => e.municipalityId === scope.municipalityId)
            .map((e) => e._id),
        );
        rows = rows.filter((r) => school.has(r.mentorId) || school.has(r.menteeId));
      }
    }
    return rows
      .filter((r) => (!filter.status || r.status === filter.status) && (!filter.mentorId || r.mentorId === filter.mentorId))
      .filter((r) => !filter.menteeId || r.menteeId === filter.menteeId)
      .sort((a, b) => b.from.localeCompare(a.from) || a._id.localeCompare(b._id))
      .map(mentorshipRowView);
  }

  /** Every pair an educator is in (the caller has checked they may read this educator). */
  async mentorshipsOfEducator(educatorId: string): Promise<MentorshipView[]> {
    return (await this.ofEducator(educatorId)).sort((a, b) => b.from.localeCompare(a.from)).map(mentorshipRowView);
  }

  private async ofEducator(educatorId: string): Promise<MentorshipRow[]> {
    const coll = await this.rm.mentorships();
    const [asMentor, asMentee] = await Promise.all([coll.find({ mentorId: educatorId }).toArray(), coll.find({ menteeId: educatorId }).toArray()]);
    return [...asMentor, ...asMentee] as MentorshipRow[];
  }
}
