import { useParams } from 'react-router';
import { CalendarPage } from './CalendarPage';

/** The organiser's events: the municipality's (its methodologist; the operator reads any) or the region's (the operator). */
export const OrganiserEventsPage = () => {
  const { municipalityId } = useParams();
  return <CalendarPage organise={{ municipalityId: municipalityId ?? null }} />;
};
