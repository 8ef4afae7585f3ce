import { Module } from '@nestjs/common';
import { ProgrammeResolvers } from './programme.resolvers';

/** The programme catalogue slice. */
@Module({ providers: [ProgrammeResolvers] })
export class ProgrammeModule {}
