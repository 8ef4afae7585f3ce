import { Badge, Card, Group, List, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from 'urql';
import { useClaims } from '../../auth/session';
import { graphql } from '../../gql';
import { formatDate } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';

const PROFILE = graphql(`
  query MyProfile($id: ID!) {
    educator(id: $id) {
      id
      fullName
      position
      subjects
      careerStartDate
      isYoungTeacher
      qualificationCategory
      organization {
        id
        name
      }
      municipality {
        id
        name
      }
      trainingDueDate
      deficits
      route {
        status
        approvedOn
        items {
          id
          kind
          title
          competence
          dueBy
          status
        }
      }
      externalTrainings {
        id
        title
        provider
        hours
        issuedOn
      }
    }
  }
`);

/** A teacher's own page: who they are, when training is due and why, deficits and their route. */
export const MyProfilePage = () => {
  const claims = useClaims();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PROFILE, variables: { id: claims.educatorId ?? '' }, pause: !claims.educatorId });
  const e = data?.educator;
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (fetching && !e) return <LoadingRows rows={8} />;
  if (!e) return <ErrorNotice error={new Error(t.errors.notFound)} />;
  const items = e.route?.items ?? [];
  const done = items.filter((i) => i.status === 'DONE').length;
  return (
    <Page title={e.fullName ?? t.profile.title} intro={`${e.position} · ${e.organization.name}`}>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Stack gap={4}>
            <Text size="sm">
              {t.profile.municipality}: {e.municipality.name}
            </Text>
            <Text size="sm">
              {t.profile.subjects}: {e.subjects.join(', ') || '—'}
            </Text>
            <Text size="sm">
              {t.profile.careerStart}: {formatDate(e.careerStartDate)} {e.isYoungTeacher && <Badge size="sm">{t.profile.youngTeacher}</Badge>}
            </Text>
            <Text size="sm">
              {t.profile.category}: {label('QualificationCategory', e.qualificationCategory)}
            </Text>
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            {t.profile.dueTitle}
          </Title>
          {e.trainingDueDate ? (
            <Text size="lg" fw={700} data-testid="training-due-date">
              {t.profile.dueDate} {formatDate(e.trainingDueDate)}
            </Text>
          ) : (
            <Text>{t.profile.dueUnknown}</Text>
          )}
          <Text size="sm" c="dimmed">
            {t.profile.dueExplained}
          </Text>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            {t.profile.deficits}
          </Title>
          {e.deficits.length ? (
            <Group gap="xs" mt="xs">
              {e.deficits.map((d) => (
                <Badge key={d} color="orange">
                  {label('CompetenceArea', d)}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text c="dimmed">{t.profile.noDeficits}</Text>
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            {t.profile.route}
          </Title>
          {items.length ? (
            <>
              <Group justify="space-between">
                <Badge>{label('RouteStatus', e.route?.status)}</Badge>
                <Text size="sm">{t.profile.routeProgress(done, items.length)}</Text>
              </Group>
              <Progress value={(done / items.length) * 100} mt="xs" aria-label={t.profile.routeProgress(done, items.length)} />
              <List size="sm" mt="xs">
                {items.map((i) => (
                  <List.Item key={i.id}>
                    {i.title}
                    {i.dueBy ? ` — ${formatDate(i.dueBy)}` : ''} {i.status === 'DONE' ? '✓' : ''}
                  </List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text c="dimmed">{t.profile.noRoute}</Text>
          )}
        </Card>
      </SimpleGrid>
      {e.externalTrainings.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4">
            {t.profile.externalTrainings}
          </Title>
          <List size="sm">
            {e.externalTrainings.map((x) => (
              <List.Item key={x.id}>
                {x.title} — {x.provider}, {x.hours} ч., {formatDate(x.issuedOn)}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
    </Page>
  );
};
