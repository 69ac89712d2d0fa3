/**
 * What a rule can see: a plain, JSON-shaped snapshot the server assembles for one
 * evaluation. Instants are epoch milliseconds (UTC) so that `hoursSince…` fields cost a
 * subtraction, not a date parse, per check; `nowMs` is the only clock the engine knows.
 */
import type { CustomFieldValue } from '../tickets/custom-fields.ts';
import type { TicketStatus } from '../tickets/ticket-status.ts';

export const ruleKinds = ['creation', 'update', 'time'] as const;
export type RuleKind = (typeof ruleKinds)[number];

/** Event types a rule can be triggered by; update rules may filter on all but the first and last. */
export const ruleEventTypes = [
  'ticket.created',
  'message.added',
  'ticket.updated',
  'sla.warning',
  'sla.breached',
  'survey.answered',
  'ticket.time_elapsed',
] as const;
export type RuleEventType = (typeof ruleEventTypes)[number];
export const updateEventTypes = ruleEventTypes.filter(
  (type) => type !== 'ticket.created' && type !== 'ticket.time_elapsed',
);

export const performerTypes = ['agent', 'contact', 'api_token', 'system', 'rule', 'bot'] as const;
export type PerformerType = (typeof performerTypes)[number];

/** The ticket timestamps a `hoursSince…` field counts from. */
export const timeAnchorNames = [
  'created',
  'updated',
  'statusChanged',
  'lastCustomerMessage',
  'lastAgentMessage',
] as const;
export type TimeAnchorName = (typeof timeAnchorNames)[number];

/** One field's change as the server writes it in `ticket.updated` events (`data.changes`). */
export type FieldChange = { from: unknown; to: unknown };

export type AttributeValue = string | number | boolean | null;

export type TicketFacts = {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  type: 'question' | 'incident' | 'problem' | 'task' | null;
  channel: 'email' | 'chat' | 'web' | 'phone' | 'api' | 'social';
  language: string | null;
  tags: readonly string[];
  customFields: Readonly<Record<string, CustomFieldValue>>;
  requesterId: string;
  organizationId: string | null;
  assigneeId: string | null;
  teamId: string | null;
  parentId: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  statusChangedAtMs: number;
  lastCustomerMessageAtMs: number | null;
  lastAgentMessageAtMs: number | null;
};

export type RuleFacts = {
  /** The evaluation instant, epoch ms UTC. */
  nowMs: number;
  /** Language for agent-facing text (notifications, child tickets): 'ko' or 'en'. */
  workspaceLocale: string;
  ticket: TicketFacts;
  event: {
    type: RuleEventType;
    /** `data.changes` of a ticket.updated event, keyed status, priority, tags, customFields…; else {}. */
    changes: Readonly<Record<string, FieldChange>>;
    /** For sla.warning / sla.breached: which target. */
    slaTarget: 'first_response' | 'next_response' | 'resolution' | null;
  };
  /** The message of a message.added event, or the first message on ticket.created; else null. */
  message: {
    visibility: 'public' | 'internal';
    authorType: 'contact' | 'agent' | 'bot' | 'system';
    channel: string;
    text: string;
    /** Detected language (BCP 47), or null when unknown. */
    language: string | null;
    hasAttachments: boolean;
    /** Written by a machine, not a person: an auto-reply, out-of-office, bounce or bulk mail. */
    autoSubmitted: boolean;
  } | null;
  /** Who caused the event. For rule-made changes, type 'rule' and the rule's id. */
  performer: {
    type: PerformerType;
    userId: string | null;
    role: 'owner' | 'admin' | 'agent' | 'light_agent' | null;
    ruleId: string | null;
  };
  requester: {
    id: string;
    name: string | null;
    email: string | null;
    language: string | null;
    isVip: boolean;
    timeZone: string | null;
    attributes: Readonly<Record<string, AttributeValue>>;
  } | null;
  organization: {
    id: string;
    name: string;
    domains: readonly string[];
    attributes: Readonly<Record<string, AttributeValue>>;
  } | null;
  /** Only for `{{agent.name}}` in templates. */
  assignee: { id: string; name: string } | null;
  /**
   * Computed by the caller from the ticket's business calendar at `nowMs`; a missing
   * `hoursSince` entry reads as blank, so a `businessHoursSince…` condition is simply false.
   */
  businessHours: { isWithin: boolean; hoursSince: Partial<Record<TimeAnchorName, number>> };
};
