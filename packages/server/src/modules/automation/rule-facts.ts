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

export type FactsInput = {
  ticket: TicketRecord;
  event: Selectable<EventsTable> | null;
  eventType: RuleEventType;
  settings: WorkspaceAutomationSettings;
  now: Date;
};

type MessageRow = Selectable<DB['messages']>;

/**
 * The rows facts are made of, for many tickets of one workspace at once: a fixed number of
 * queries whatever the number of tickets (preview evaluates hundreds; the worker one).
 */
async function loadFactRows(db: Kysely<DB>, workspaceId: string, inputs: readonly FactsInput[]) {
  const messageIds = new Set<string>();
  const firstMessageOf = new Set<string>();
  for (const { ticket, event } of inputs) {
    const messageId = (event?.data as { messageId?: string } | undefined)?.messageId;
    if (event?.type === 'message.added' && messageId) messageIds.add(messageId);
    else if (event?.type === 'ticket.created') firstMessageOf.add(ticket.id);
  }
  const byId = messageIds.size
    ? await db
        .selectFrom('messages')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', [...messageIds])
        .execute()
    : [];
  const firsts = firstMessageOf.size
    ? await db
        .selectFrom('messages')
        .selectAll()
        .distinctOn('ticket_id')
        .where('workspace_id', '=', workspaceId)
        .where('ticket_id', 'in', [...firstMessageOf])
        .orderBy('ticket_id')
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];
  const messages = [...byId, ...firsts];
  const withAttachments = messages.length
    ? await db
        .selectFrom('attachments')
        .select('message_id')
        .distinct()
        .where('workspace_id', '=', workspaceId)
        .where(
          'message_id',
          'in',
          messages.map((m) => m.id),
        )
        .execute()
    : [];
  const contactIds = [...new Set(inputs.map((i) => i.ticket.requester_id))];
  const orgIds = [...new Set(inputs.flatMap((i) => i.ticket.organization_id ?? []))];
  const userIds = [
    ...new Set(inputs.flatMap((i) => [i.ticket.assignee_id ?? [], i.event?.user_id ?? []].flat())),
  ];
  const [contacts, emails, orgs, users] = [
    await db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', contactIds)
      .execute(),
    await db
      .selectFrom('contact_identities')
      .select(['contact_id', 'value'])
      .distinctOn('contact_id')
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', 'in', contactIds)
      .where('kind', '=', 'email')
      .orderBy('contact_id')
      .orderBy('created_at')
      .execute(),
    orgIds.length
      ? await db
          .selectFrom('organizations')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', orgIds)
          .execute()
      : [],
    userIds.length
      ? await db
          .selectFrom('users')
          .select(['id', 'name', 'role'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', userIds)
          .execute()
      : [],
  ];
  return {
    messageById: new Map(byId.map((m) => [m.id, m])),
    firstMessageOfTicket: new Map(firsts.map((m) => [m.ticket_id, m])),
    withAttachments: new Set(withAttachments.map((a) => a.message_id)),
    contacts: new Map(contacts.map((c) => [c.id, c])),
    emails: new Map(emails.map((e) => [e.contact_id, e.value])),
    orgs: new Map(orgs.map((o) => [o.id, o])),
    users: new Map(users.map((u) => [u.id, u])),
  };
}

type FactRows = Awaited<ReturnType<typeof loadFactRows>>;

function messageFacts(rows: FactRows, ticket: TicketRecord, event: Selectable<EventsTable>) {
  const messageId = (event.data as { messageId?: string }).messageId;
  let m: MessageRow | undefined;
  if (event.type === 'message.added' && messageId) m = rows.messageById.get(messageId);
  else if (event.type === 'ticket.created') m = rows.firstMessageOfTicket.get(ticket.id);
  if (!m) return null;
  const detected = detectLanguage(m.body_text).language;
  return {
    visibility: m.visibility,
    authorType: m.author_type,
    channel: m.channel,
    text: m.body_text,
    language: detected === 'und' ? null : detected,
    hasAttachments: rows.withAttachments.has(m.id),
    autoSubmitted: (m.metadata as { autoSubmitted?: unknown } | null)?.autoSubmitted === true,
  };
}

function peopleFacts(rows: FactRows, ticket: TicketRecord) {
  const contact = rows.contacts.get(ticket.requester_id);
  const org = ticket.organization_id ? rows.orgs.get(ticket.organization_id) : undefined;
  const assignee = ticket.assignee_id ? rows.users.get(ticket.assignee_id) : undefined;
  return {
    requester: contact
      ? {
          id: contact.id,
          name: contact.name,
          email: rows.emails.get(contact.id) ?? null,
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
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
  };
}

function performerFacts(rows: FactRows, event: Selectable<EventsTable>): RuleFacts['performer'] {
  const user = event.user_id ? rows.users.get(event.user_id) : undefined;
  return {
    type: event.actor_type,
    userId: event.user_id,
    role: user?.role ?? null,
    ruleId: event.actor_type === 'rule' ? event.actor_id : null,
  };
}

function assembleFacts(rows: FactRows, input: FactsInput): RuleFacts {
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
    message: event ? messageFacts(rows, ticket, event) : null,
    performer: event
      ? performerFacts(rows, event)
      : { type: 'system', userId: null, role: null, ruleId: null },
    ...peopleFacts(rows, ticket),
    businessHours: businessHoursFacts(input.settings.calendar, ticket, input.now),
  };
}

/** Facts for many tickets of one workspace, in the order given, with a fixed number of queries. */
export async function buildRuleFactsMany(
  db: Kysely<DB>,
  inputs: readonly FactsInput[],
): Promise<RuleFacts[]> {
  const workspaceId = inputs[0]?.ticket.workspace_id;
  if (!workspaceId) return [];
  if (inputs.some((i) => i.ticket.workspace_id !== workspaceId))
    throw new Error('buildRuleFactsMany: tickets of one workspace only');
  const rows = await loadFactRows(db, workspaceId, inputs);
  return inputs.map((input) => assembleFacts(rows, input));
}

export async function buildRuleFacts(db: Kysely<DB>, input: FactsInput): Promise<RuleFacts> {
  const [facts] = await buildRuleFactsMany(db, [input]);
  if (!facts) throw new Error('unreachable: one input gives one facts object');
  return facts;
}
