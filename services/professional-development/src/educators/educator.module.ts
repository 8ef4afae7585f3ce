import { Module } from '@nestjs/common';
import { EducatorResolvers } from './educator.resolvers';

/** The directory-fed educator placement read model and the entity references. */
@Module({ providers: [EducatorResolvers] })
export class EducatorModule {}
