import { ContestsContracts as C, ParticipationChanged, ResultsFinalised } from '@mms/contracts/events';
import { IntegrationEvent, IntegrationTranslator } from '@mms/eventsourcing';
import type { EntriesEvent } from '../entries/entries.decider';
import type { PartitionEvent } from '../partitions/partition.decider';

/** Every internal event of this context, in stream order (key = stream id). */
export const CONTESTS_INTERNAL_TOPIC = 'contests.internal';

/**
 * Only participation and final results leave the context, built field by field: no names,
 * codes, consents, appeals' statements or jurors ever reach the public topic.
 */
export const translateContestsEvent: IntegrationTranslator = (envelope): IntegrationEvent[] => {
  const e = { type: envelope.type, data: envelope.data } as EntriesEvent | PartitionEvent;
  switch (e.type) {
    case 'StudentEntered':
    case 'EntryWithdrawn': {
      const d = e.data;
      const data: ParticipationChanged = {
        stageId: d.stageId,
        academicYear: d.stage.academicYear,
        subject: d.stage.subject,
        level: d.stage.level,
        studentId: d.studentId,
        schoolId: d.schoolId,
        municipalityId: d.municipalityId,
        grade: d.grade,
        entered: e.type === 'StudentEntered',
      };
      return [{ type: C.ParticipationChanged.type, schemaVersion: 1, data }];
    }
    case 'ProtocolApproved': {
      const d = e.data;
      const data: ResultsFinalised = {
        stageId: d.stageId,
        academicYear: d.stage.academicYear,
        subject: d.stage.subject,
        level: d.stage.level,
        groupId: d.groupId,
        maxScore: d.maxScore,
        results: d.rows.map((r) => ({
          studentId: r.studentId,
          schoolId: r.schoolId,
          municipalityId: r.municipalityId,
          grade: r.grade,
          score: r.score,
          rank: r.rank,
          status: r.status,
        })),
      };
      return [{ type: C.ResultsFinalised.type, schemaVersion: 1, data }];
    }
    default:
      return [];
  }
};
