import { Module } from '@nestjs/common';
import { SiteResolvers } from './site.resolvers';

/** Sites and calls: one stream per site holds its procedure, orders and reports; one per call its window. */
@Module({ providers: [SiteResolvers] })
export class SiteModule {}
