import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@mms/eventsourcing';
import { ReceivedEvent } from '@mms/messaging/nest';
import { DirectoryService } from '../application/directory.service';

/**
 * Completes cross-municipality transfers from the event stream, so an arrival is not
 * lost if the process that started the transfer died between its two appends.
 */
@Controller()
export class TransferHandler {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

  @EventPattern('EducatorTransferredOut')
  async onTransferredOut(@Payload() event: ReceivedEvent<EventEnvelope>) {
    const e = event.payload;
    await this.directory.completeTransfer(e.tenantId, e.streamId.replace(/^educator-/, ''), {
      tenantId: e.tenantId,
      actor: e.actor,
      correlationId: e.correlationId,
      causationId: e.eventId,
    });
  }
}
