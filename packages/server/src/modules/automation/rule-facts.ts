/**
 * Builds the snapshot a rule sees (RuleFacts) from the database: the ticket, the event with
 * its changes, the message, who performed it, the requester and organisation, and the
 * business-hours state from the workspace's calendar. Read inside the processing transaction,
 * after the ticket row is locked, so the snapshot is the ticket as it is now.
 */
import {
  alwaysOpenCalendar,
  type BusinessCalendar,
  businessMinutesBetween,
  detectLanguage,
  isWithinBusinessHours,
  type RuleEventType,
  type RuleFacts,
  ruleEventTypes,
  type TimeAnchorName,
} from '@switchboard/core';
import type { Kysely, Selectable } from 'kysely';
import type { DB, EventsTable } from '../../db/schema.ts';
import type { TicketRecord } from '../tickets/tickets.repository.ts';

export type WorkspaceAutomationSettings = {
  locale: string;
  calendar: BusinessCalendar;
};

export function isRuleEventType(type: string): type is RuleEventType {
  return (ruleEventTypes as readonly string[]).includes(type);
}

export async function loadWorkspaceAutomationSettings(
  db: Kysely<DB>,
  workspaceId: string,
): Promise<WorkspaceAutomationSettings> {
  const ws = await db
    .selectFrom('workspaces')
    .select('settings')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  const settings = (ws?.settings ?? {}) as { locale?: string; businessCalendarId?: string };
  let calendar: BusinessCalendar = alwaysOpenCalendar;
  if (settings.businessCalendarId) {
    const row = await db
      .selectFrom('business_calendars')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', settings.businessCalendarId)
      .executeTakeFirst();
    if (row)
      calendar = { timeZone: row.time_zone, weekly: row.weekly, holidays: row.holidays } as BusinessCalendar;
  }
  return { locale: settings.locale ?? 'en', calendar };
}

const anchors: Record<TimeAnchorName, (t: TicketRecord) => Date | null> = {
  created: (t) => t.created_at,
  updated: (t) => t.updated_at,
  statusChanged: (t) => t.status_changed_at,
  lastCustomerMessage: (t) => t.last_customer_message_at,
  lastAgentMessage: (t) => t.last_agent_message_at,
};

export function anchorInstant(ticket: TicketRecord, anchor: TimeAnchorName): Date | null {
  return anchors[anchor](ticket);
}

function businessHoursFacts(
  calendar: BusinessCalendar,
  ticket: TicketRecord,
  now: Date,
): RuleFacts['businessHours'] {
  const hoursSince: RuleFacts['businessHours']['hoursSince'] = {};
  for (const name of Object.keys(anchors) as TimeAnchorName[]) {
    const at = anchorInstant(ticket, name);
    if (at && at.getTime() <= now.getTime())
      hoursSince[name] = businessMinutesBetween(calendar, at, now) / 60;
  }
  return { isWithin: isWithinBusinessHours(calendar, now), hoursSince };
}

export function ticketFacts(t: TicketRecord): RuleFacts['ticket'] {
  return {
    id: t.id,
    number: Number(t.number),
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    type: t.type,
    channel: t.channel,
    language: t.language,
    tags: t.tags,
    customFields: t.custom_fields,
    requesterId: t.requester_id,
    organizationId: t.organization_id,
    assigneeId: t.assignee_id,
    teamId: t.team_id,
    parentId: t.parent_id,
    createdAtMs: t.created_at.getTime(),
    updatedAtMs: t.updated_at.getTime(),
    statusChangedAtMs: t.status_changed_at.getTime(),
    lastCustomerMessageAtMs: t.last_customer_message_at?.getTime() ?? null,
    lastAgentMessageAtMs: t.last_agent_message_at?.getTime() ?? null,
  };
}

async function messageFacts(db: Kysely<DB>, ticket: TicketRecord, event: Selectable<EventsTable>) {
  const messageId = (event.data as { messageId?: string }).messageId;
  let q = db.selectFrom('messages').selectAll().where('workspace_id', '=', ticket.workspace_id);
  if (event.type === 'message.added' && messageId) q = q.where('id', '=', messageId);
  else if (event.type === 'ticket.created')
    q = q.where('ticket_id', '=', ticket.id).orderBy('created_at').limit(1);
  else return null;
  const m = await q.executeTakeFirst();
  if (!m) return null;
  const attachment = await db
    .selectFrom('attachments')
    .select('id')
    .where('workspace_id', '=', ticket.workspace_id)
    .where('message_id', '=', m.id)
    .limit(1)
    .executeTakeFirst();
  const detected = detectLanguage(m.body_text).language;
  return {
    visibility: m.visibility,
    authorType: m.author_type,
    channel: m.channel,
    text: m.body_text,
    language: detected === 'und' ? null : detected,
    hasAttachments: attachment !== undefined,
  };
}

async function peopleFacts(db: Kysely<DB>, ticket: TicketRecord) {
  const ws = ticket.workspace_id;
  const contact = await db
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('id', '=', ticket.requester_id)
    .executeTakeFirst();
  const email = await db
    .selectFrom('contact_identities')
    .select('value')
    .where('workspace_id', '=', ws)
    .where('contact_id', '=', ticket.requester_id)
    .where('kind', '=', 'email')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  const org = ticket.organization_id
    ? await db
        .selectFrom('organizations')
        .selectAll()
        .where('workspace_id', '=', ws)
        .where('id', '=', ticket.organization_id)
        .executeTakeFirst()
    : undefined;
  const assignee = ticket.assignee_id
    ? await db
        .selectFrom('users')
        .select(['id', 'name'])
        .where('workspace_id', '=', ws)
        .where('id', '=', ticket.assignee_id)
        .executeTakeFirst()
    : undefined;
  return {
    requester: contact
      ? {
          id: contact.id,
          name: contact.name,
          email: email?.value ?? null,
          language: contact.language,
          isVip: contact.is_vip,
          timeZone: contact.time_zone,
          attributes: contact.attributes as Record<string, string | number | boolean | null>,
        }
      : null,
    organization: org
      ? {
          id: org.id,
          name: org.name,
          domains: org.domains,
          attributes: org.attributes as Record<string, string | number | boolean | null>,
        }
      : null,
    assignee: assignee ?? null,
  };
}

async function performerFacts(
  db: Kysely<DB>,
  event: Selectable<EventsTable>,
): Promise<RuleFacts['performer']> {
  const user = event.user_id
    ? await db
        .selectFrom('users')
        .select('role')
        .where('workspace_id', '=', event.workspace_id)
        .where('id', '=', event.user_id)
        .executeTakeFirst()
    : undefined;
  return {
    type: event.actor_type,
    userId: event.user_id,
    role: user?.role ?? null,
    ruleId: event.actor_type === 'rule' ? event.actor_id : null,
  };
}

export async function buildRuleFacts(
  db: Kysely<DB>,
  input: {
    ticket: TicketRecord;
    event: Selectable<EventsTable> | null;
    eventType: RuleEventType;
    settings: WorkspaceAutomationSettings;
    now: Date;
  },
): Promise<RuleFacts> {
  const { ticket, event } = input;
  const data = (event?.data ?? {}) as {
    changes?: Record<string, { from: unknown; to: unknown }>;
    metric?: string;
  };
  const metric = data.metric;
  return {
    nowMs: input.now.getTime(),
    workspaceLocale: input.settings.locale,
    ticket: ticketFacts(ticket),
    event: {
      type: input.eventType,
      changes: input.eventType === 'ticket.updated' ? (data.changes ?? {}) : {},
      slaTarget:
        metric === 'first_response' || metric === 'next_response' || metric === 'resolution' ? metric : null,
    },
    message: event ? await messageFacts(db, ticket, event) : null,
    performer: event
      ? await performerFacts(db, event)
      : { type: 'system', userId: null, role: null, ruleId: null },
    ...(await peopleFacts(db, ticket)),
    businessHours: businessHoursFacts(input.settings.calendar, ticket, input.now),
  };
}
