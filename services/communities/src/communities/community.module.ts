import { Module } from '@nestjs/common';
import { CommunityResolvers } from './community.resolvers';
import { MembershipReaction } from './membership.reaction';

/** Communities: one stream per community holds its charter, orders, members, reports and tasks; members follow the directory's moves. */
@Module({ providers: [CommunityResolvers], controllers: [MembershipReaction] })
export class CommunityModule {}
