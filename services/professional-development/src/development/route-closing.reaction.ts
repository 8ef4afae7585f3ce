import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@mms/eventsourcing/core';
import { ReceivedEvent } from '@mms/messaging/nest';
import type { CohortEvent } from '../cohorts/cohort.decider';
import { PD_DEPS, PdDeps } from '../pd.deps';
import { closeRouteItemsForCompletedProgramme } from './development.handlers';

type EnrolmentCompleted = Extract<CohortEvent, { type: 'EnrolmentCompleted' }>;

/**
 * Closes the route items a completed training fills (DESIGN.md, "Route"), from the internal
 * topic: the completion is committed in the cohort stream, the route lives in the educator's
 * development stream, and this reaction links the two. The offset moves only after the
 * command is appended; a redelivery finds nothing open and writes nothing.
 */
@Controller()
export class RouteClosingReaction {
  constructor(@Inject(PD_DEPS) private readonly d: PdDeps) {}

  @EventPattern('EnrolmentCompleted')
  async onEnrolmentCompleted(@Payload() event: ReceivedEvent<EventEnvelope<EnrolmentCompleted>>) {
    await closeRouteItemsForCompletedProgramme(this.d, event.payload);
  }
}
