import { Module } from '@nestjs/common';
import { CommunityResolvers } from './community.resolvers';

/** Communities: one stream per community holds its charter, orders, members, reports and tasks. */
@Module({ providers: [CommunityResolvers] })
export class CommunityModule {}
