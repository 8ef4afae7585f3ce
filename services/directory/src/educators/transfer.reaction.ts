import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@mms/eventsourcing';
import { ReceivedEvent } from '@mms/messaging/nest';
import { DIRECTORY_DEPS, DirectoryDeps } from '../directory.deps';
import { educatorIdOf } from './educator.decider';
import { completeTransfer } from './educator.handlers';

/**
 * Completes cross-municipality transfers from the event stream, so an arrival is not lost
 * if the process that started the transfer died between its two appends.
 */
@Controller()
export class TransferReaction {
  constructor(@Inject(DIRECTORY_DEPS) private readonly d: DirectoryDeps) {}

  @EventPattern('EducatorTransferredOut')
  async onTransferredOut(@Payload() event: ReceivedEvent<EventEnvelope>) {
    const e = event.payload;
    await completeTransfer(this.d, e.tenantId, educatorIdOf(e.streamId), {
      tenantId: e.tenantId,
      actor: e.actor,
      correlationId: e.correlationId,
      causationId: e.eventId,
    });
  }
}
