import { Badge } from '@mantine/core';
import type { EnrolmentStatus } from '../../gql/graphql';
import { label } from '../../i18n/ru';

const COLORS: Record<EnrolmentStatus, string> = {
  APPLIED: 'blue',
  ENROLLED: 'teal',
  REJECTED: 'red',
  WITHDRAWN: 'gray',
  COMPLETED: 'green',
  NOT_COMPLETED: 'orange',
};

export const EnrolmentStatusBadge = ({ status }: { status: EnrolmentStatus }) => <Badge color={COLORS[status]}>{label('EnrolmentStatus', status)}</Badge>;
