import { Module } from '@nestjs/common';
import { DiagnosticImportResolvers, DiagnosticImportUploads } from './diagnostic-import.resolvers';

/** The diagnostics import (GraphQL and the upload endpoint); one stream per import records its outcome. */
@Module({ providers: [DiagnosticImportResolvers, DiagnosticImportUploads] })
export class DiagnosticImportModule {}
