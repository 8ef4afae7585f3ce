import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DirectoryContracts as D } from '@mms/contracts/events';
import type { EventEnvelope } from '@mms/eventsourcing/core';
import { ReceivedEvent } from '@mms/messaging/nest';
import { COMMUNITIES_DEPS, CommunitiesDeps } from '../communities.deps';
import { followDirectory } from './membership-follows-directory';

/** Members who move school or leave, from the directory's public events (membership-follows-directory.ts). */
@Controller()
export class MembershipReaction {
  constructor(@Inject(COMMUNITIES_DEPS) private readonly d: CommunitiesDeps) {}

  @EventPattern(D.EducatorMoved.type)
  async onMoved(@Payload() event: ReceivedEvent<EventEnvelope>) {
    await followDirectory(this.d, event.payload);
  }

  @EventPattern(D.EducatorLeftMunicipality.type)
  async onLeftMunicipality(@Payload() event: ReceivedEvent<EventEnvelope>) {
    await followDirectory(this.d, event.payload);
  }

  @EventPattern(D.EducatorLeft.type)
  async onLeft(@Payload() event: ReceivedEvent<EventEnvelope>) {
    await followDirectory(this.d, event.payload);
  }
}
