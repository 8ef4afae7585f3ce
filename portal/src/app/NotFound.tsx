import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { t } from '../i18n/ru';

export const NotFound = () => (
  <Stack align="flex-start" gap="xs">
    <Title order={1} size="h2">
      {t.app.notFound}
    </Title>
    <Text>{t.app.notFoundHint}</Text>
    <Button component={Link} to="/" variant="light">
      {t.app.home}
    </Button>
  </Stack>
);
