import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@mms/eventsourcing';
import { ReceivedEvent } from '@mms/messaging/nest';
import { DevelopmentService } from '../application/development.service';
import { CohortEvent } from '../cohorts/cohort';

type EnrolmentCompleted = Extract<CohortEvent, { type: 'EnrolmentCompleted' }>;

/**
 * Closes the route items a completed training fills (DESIGN.md, "Route"), from the internal
 * topic: the completion is committed in the cohort stream, the route lives in the educator's
 * development stream, and this reaction links the two. The offset moves only after the
 * command is appended; a redelivery finds nothing open and writes nothing.
 */
@Controller()
export class RouteClosingHandler {
  constructor(@Inject(DevelopmentService) private readonly development: DevelopmentService) {}

  @EventPattern('EnrolmentCompleted')
  async onEnrolmentCompleted(@Payload() event: ReceivedEvent<EventEnvelope<EnrolmentCompleted>>) {
    await this.development.closeRouteItemsForCompletedProgramme(event.payload);
  }
}
