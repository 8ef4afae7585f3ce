import { Module } from '@nestjs/common';
import { ScoreImportResolvers, ScoreImportUploads } from './score-import.resolvers';

/** Score files (CSV, XLSX): the upload endpoint's kind and its progress query. */
@Module({ providers: [ScoreImportResolvers, ScoreImportUploads] })
export class ScoreImportModule {}
