import { Module } from '@nestjs/common';
import { DiagnosticImportResolvers } from './diagnostic-import.resolvers';

/** The diagnostics CSV import: one stream per import records its outcome. */
@Module({ providers: [DiagnosticImportResolvers] })
export class DiagnosticImportModule {}
