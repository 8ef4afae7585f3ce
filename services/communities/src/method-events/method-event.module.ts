import { Module } from '@nestjs/common';
import { FeedController } from '../calendar/feed.controller';
import { MethodEventResolvers } from './method-event.resolvers';

/** Methodological events: one stream per event holds its plan, seats and waitlist, attendance and certificates; its calendar feeds. */
@Module({ providers: [MethodEventResolvers], controllers: [FeedController] })
export class MethodEventModule {}
