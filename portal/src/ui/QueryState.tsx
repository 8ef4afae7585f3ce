import { Alert, Button, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeError } from '../api/errors';
import { t } from '../i18n/ru';

/** What a failed read says, with a way to try again. */
export const ErrorNotice = ({ error, onRetry }: { error: CombinedError | Error; onRetry?: () => void }) => {
  const d = describeError(error)!;
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={d.message} role="alert">
      {onRetry && (
        <Button variant="light" color="red" size="xs" onClick={onRetry}>
          {t.app.retry}
        </Button>
      )}
    </Alert>
  );
};

/** An empty list says what to do next. */
export const EmptyState = ({ children }: { children: ReactNode }) => (
  <Paper withBorder p="lg" radius="md">
    <Stack align="center" gap="xs">
      <IconInbox aria-hidden size={32} stroke={1.5} />
      <Text ta="center">{children}</Text>
    </Stack>
  </Paper>
);

/** Loading keeps the page's shape: skeleton rows, never a blank page. */
export const LoadingRows = ({ rows = 5 }: { rows?: number }) => (
  <Stack gap="xs" aria-busy="true" aria-label={t.app.loading}>
    {Array.from({ length: rows }, (_, i) => (
      <Skeleton key={i} height={28} radius="sm" />
    ))}
  </Stack>
);
