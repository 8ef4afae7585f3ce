import { HistoryEntry, readHistory } from '@mms/service-kit/core';
import type { CommunitiesDeps } from './communities.deps';

/** Every event of the context in words (one table: the streams share the history type). */
export const COMMUNITIES_HISTORY: Record<string, string> = {
  CommunityProposed: 'Сообщество предложено',
  CommunityApproved: 'Сообщество утверждено приказом',
  CommunityStarted: 'Сообщество начало работу',
  CommunityExtended: 'Срок работы продлён приказом',
  CommunityClosed: 'Сообщество закрыто',
  MemberJoined: 'Участник включён',
  MemberRoleChanged: 'Изменена роль участника',
  MemberLeft: 'Участник выбыл',
  OrganizationJoined: 'Присоединилась организация',
  CommunityReported: 'Представлен отчёт',
  GroupTaskSet: 'Поставлена задача',
  GroupTaskDone: 'Задача выполнена',
  ThreadStarted: 'Начато обсуждение',
  PostAdded: 'Добавлено сообщение',
  PostHidden: 'Сообщение скрыто модератором',
  ThreadClosed: 'Обсуждение закрыто',
  MethodEventPublished: 'Мероприятие опубликовано',
  MethodEventCapacityChanged: 'Изменено число мест',
  MethodEventCancelled: 'Мероприятие отменено',
  EducatorRegistered: 'Педагог записан',
  RegistrationApproved: 'Заявка одобрена',
  RegistrationRejected: 'Заявка отклонена',
  RegistrationCancelled: 'Запись отменена',
  RegistrationPromoted: 'Педагог переведён из листа ожидания',
  SpeakerAdded: 'Добавлен выступающий',
  AttendanceMarked: 'Отмечено присутствие',
  CertificatesIssued: 'Выданы сертификаты участника',
  FeedbackGiven: 'Получен отзыв',
  SiteCallAnnounced: 'Объявлен приём заявок',
  SiteCallClosedEarly: 'Приём заявок закрыт досрочно',
  SiteApplied: 'Подана заявка на статус',
  SiteApplicationReturned: 'Заявка возвращена на доработку',
  SiteApplicationResubmitted: 'Заявка подана повторно',
  SiteApplicationAccepted: 'Заявка принята к экспертизе',
  SiteExpertOpinionGiven: 'Дано экспертное заключение',
  SiteStatusGranted: 'Статус присвоен приказом',
  SiteApplicationDeclined: 'В присвоении статуса отказано',
  SiteReportSubmitted: 'Представлен ежегодный отчёт',
  SiteReportReviewed: 'Отчёт рассмотрен',
  SiteStatusExtended: 'Статус продлён приказом',
  SiteStatusTerminated: 'Статус досрочно прекращён',
  SiteFinalReportSubmitted: 'Представлен итоговый отчёт',
  SiteClosed: 'Площадка закрыта',
};

/** A stream's history; codes, post texts and big lists are left out of `changes`. */
export const historyOf = (d: CommunitiesDeps, tenantId: string, streamId: string): Promise<HistoryEntry[]> =>
  readHistory(
    d.store,
    null,
    { tenantId, streamId },
    {
      describe: COMMUNITIES_HISTORY,
      hiddenFields: ['communityId', 'methodEventId', 'siteId', 'threadId', 'callId', 'checkInCode', 'text', 'card', 'certificates', 'reports', 'site'],
    },
  );
