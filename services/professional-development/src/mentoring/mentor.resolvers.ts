import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSlice, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { readableEducator } from '../educators/educator.queries';
import { PD_DEPS, PdDeps } from '../pd.deps';
import { ref } from '../pd.refs';
import * as h from './mentor.handlers';
import * as lists from './mentorship.lists';
import { mentorshipHistory } from './mentor.history';
import * as q from './mentor.queries';
import type { MentorshipView } from './mentor.views';

type Ctx = SubgraphContext;
type Args = Record<string, any>;

/** Mentoring (наставничество): GraphQL → handlers and queries. */
@GraphQLSlice()
@Injectable()
export class MentorResolvers implements SliceResolvers {
  constructor(@Inject(PD_DEPS) private readonly d: PdDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        mentorships: (_: unknown, a: Args, c: Ctx) => q.mentorships(d, c.request, a['filter'] ?? {}),
        mentorshipsPage: (_: unknown, a: Args, c: Ctx) => q.mentorshipsPage(d, c.request, a['filter'] ?? {}, a),
      },
      Mutation: {
        startMentorship: (_: unknown, a: Args, c: Ctx) => h.startMentorship(d, c.request, a['input']),
        startMentorships: (_: unknown, a: Args, c: Ctx) => lists.startMentorships(d, c.request, a['input'] ?? []),
        updateMentorshipGoals: (_: unknown, a: Args, c: Ctx) => h.updateMentorshipGoals(d, c.request, a['input']),
        completeMentorship: (_: unknown, a: Args, c: Ctx) => h.completeMentorship(d, c.request, a['input']),
        endMentorship: (_: unknown, a: Args, c: Ctx) => h.endMentorship(d, c.request, a['input']),
      },
      Mentorship: {
        mentor: (m: MentorshipView) => ref(m.mentorId),
        mentee: (m: MentorshipView) => ref(m.menteeId),
        municipality: (m: MentorshipView) => ref(m.municipalityId),
        history: (m: MentorshipView, _: Args, c: Ctx) => mentorshipHistory(d, c.request, m),
      },
      Educator: {
        mentorships: async (e: { id: string }, _: Args, c: Ctx) =>
          (await readableEducator(d, c.request, e.id)) === false ? [] : q.mentorshipsOfEducator(d, e.id),
      },
    };
  }
}
