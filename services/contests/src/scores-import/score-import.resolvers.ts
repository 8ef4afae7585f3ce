import { Inject, Injectable } from '@nestjs/common';
import { isRegionalOperator } from '@mms/auth';
import { GraphQLSlice, ImportKind, ImportSlice, ImportSlices, ResolverMap, SliceResolvers, SubgraphContext } from '@mms/service-kit';
import { checked, importProgress, importRecordId } from '@mms/service-kit/core';
import { CONTESTS_DEPS, ContestsDeps } from '../contests.deps';
import { REGION_TENANT } from '../stages/stage.decider';
import { scoresImportKind, SCORES_IMPORT } from './score-import.kind';

/** A score file's progress and report: the organiser's own import (their municipality's, or the region's for the operator). */
@GraphQLSlice()
@Injectable()
export class ScoreImportResolvers implements SliceResolvers {
  constructor(@Inject(CONTESTS_DEPS) private readonly d: ContestsDeps) {}

  resolvers(): ResolverMap {
    const d = this.d;
    return {
      Query: {
        olympiadScoreImport: async (_: unknown, a: Record<string, any>, c: SubgraphContext) => {
          const u = c.request.user;
          const tenantId = isRegionalOperator(u) ? REGION_TENANT : u?.role === 'municipal_methodologist' ? u.municipalityId : null;
          if (!tenantId) return null;
          checked('import', (x) => x.id('importId', a['importId']));
          const record = await d.imports.store.get(importRecordId(SCORES_IMPORT, tenantId, a['importId']));
          if (!record) return null;
          const p = importProgress(record);
          const problems = await d.imports.problems(record, 0, Math.min(record.counts.problems, 1000));
          return {
            importId: record.importId,
            status: record.status,
            receivedLines: record.receivedLines,
            applied: record.counts.applied,
            rejected: record.counts.rejected,
            progress: p,
            problems: problems.sort((x, y) => x.line - y.line),
          };
        },
      },
    };
  }
}

/** The score file as an upload: POST /imports/olympiad-scores?stageId=… (service-kit's ImportsModule serves it). */
@ImportSlice()
@Injectable()
export class ScoreImportUploads implements ImportSlices {
  constructor(@Inject(CONTESTS_DEPS) private readonly d: ContestsDeps) {}

  importKinds(): ImportKind<any>[] {
    return [scoresImportKind(this.d)];
  }
}
