import { Module } from '@nestjs/common';
import { EducatorResolvers } from './educator.resolvers';
import { TransferReaction } from './transfer.reaction';

@Module({ providers: [EducatorResolvers], controllers: [TransferReaction] })
export class EducatorsModule {}
