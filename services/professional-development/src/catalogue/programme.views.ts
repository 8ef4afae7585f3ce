import type { ProgrammeState } from './programme.decider';
import type { ProgrammeRow } from './programme.rows';

/** What GraphQL's Programme resolves from: a row, or the state a mutation just wrote (the read model may lag). */
export type ProgrammeView = Omit<ProgrammeRow, '_id'> & { id: string };

export const programmeRowView = ({ _id, ...r }: ProgrammeRow): ProgrammeView => ({ id: _id, ...r });

export const programmeView = (tenantId: string, s: ProgrammeState, withdrawnReason: string | null = null): ProgrammeView => {
  if (s.status === 'none') throw new Error('programme state missing after a successful command');
  const { status, ...p } = s;
  return { id: p.programmeId, tenantId, ...p, status, withdrawnReason };
};
