import { Group, Stack, Text, Title } from '@mantine/core';
import { ReactNode, useEffect } from 'react';
import { t } from '../i18n/ru';

/** A page: its title (also the document's, for screen readers and tabs), a line of what it is for, its actions. */
export const Page = ({ title, intro, actions, children }: { title: string; intro?: string; actions?: ReactNode; children: ReactNode }) => {
  useEffect(() => {
    document.title = `${title} — ${t.app.name}`;
  }, [title]);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {title}
          </Title>
          {intro && (
            <Text c="dimmed" size="sm">
              {intro}
            </Text>
          )}
        </div>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
};
