import { Text, Timeline } from '@mantine/core';
import { formatDateTime } from '../i18n/format';
import { t } from '../i18n/ru';

export interface HistoryItem {
  at: string;
  what: string;
  reason?: string | null;
  actor: { role: string; name?: string | null };
}

/** Who decided what, when and why: every entity a person can change shows this. */
export const History = ({ entries }: { entries: HistoryItem[] }) => {
  if (!entries.length) return <Text c="dimmed">{t.app.noHistory}</Text>;
  return (
    <Timeline bulletSize={12} lineWidth={2} aria-label={t.app.history}>
      {[...entries].reverse().map((e, i) => (
        <Timeline.Item key={`${e.at}-${i}`} title={e.what}>
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)} · {e.actor.name ?? t.roles[e.actor.role] ?? e.actor.role}
          </Text>
          {e.reason && (
            <Text size="sm">
              {t.app.reason}: {e.reason}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
};
