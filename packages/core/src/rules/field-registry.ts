/**
 * The fields conditions can name, in one typed table: id, value type, allowed values, where
 * the field may be used and how to read it from the facts. Adding a field is adding a row.
 * Fields under `ticket.customFields.`, `requester.attributes.` and
 * `organization.attributes.` are resolved by prefix in resolve-field.ts.
 */
import { ticketStatuses } from '../tickets/ticket-status.ts';
import type { RuleValueType } from './operators.ts';
import {
  performerTypes,
  type RuleFacts,
  type RuleKind,
  ruleEventTypes,
  type TimeAnchorName,
} from './rule-facts.ts';

/** Collections of ids that validation can check references against. */
export type KnownIdKind =
  | 'users'
  | 'teams'
  | 'contacts'
  | 'organizations'
  | 'tickets'
  | 'rules'
  | 'slaPolicies'
  | 'webhooks'
  | 'cannedResponses';

export type RuleFieldValue = string | number | boolean | readonly string[] | null;

export type RuleFieldSpec = {
  id: string;
  type: RuleValueType;
  /** Allowed values of an enum; in rank order when `isOrdered`. */
  values?: readonly string[];
  isOrdered?: boolean;
  idKind?: KnownIdKind;
  /** The key of this field in `event.changes`; fields with one accept changed/changed_from/changed_to. */
  changeKey?: string;
  /** Rule kinds whose facts carry this field. */
  kinds: readonly RuleKind[];
  /** For `hoursSince…` fields: the timestamp they count from and whether in business hours. */
  anchor?: { since: TimeAnchorName; business: boolean };
  read: (facts: RuleFacts) => RuleFieldValue;
};

const everywhere: readonly RuleKind[] = ['creation', 'update', 'time'];
const onEvents: readonly RuleKind[] = ['creation', 'update'];
const msPerHour = 3_600_000;

type Extra = Partial<Pick<RuleFieldSpec, 'values' | 'isOrdered' | 'idKind' | 'changeKey' | 'kinds'>>;

function field(
  id: string,
  type: RuleValueType,
  read: RuleFieldSpec['read'],
  extra: Extra = {},
): RuleFieldSpec {
  return { id, type, read, kinds: everywhere, ...extra };
}

function hoursSince(
  id: string,
  since: TimeAnchorName,
  at: (facts: RuleFacts) => number | null,
): RuleFieldSpec {
  return {
    id,
    type: 'duration',
    kinds: everywhere,
    anchor: { since, business: false },
    read: (facts) => {
      const instant = at(facts);
      return instant === null ? null : (facts.nowMs - instant) / msPerHour;
    },
  };
}

function businessHoursSince(id: string, since: TimeAnchorName): RuleFieldSpec {
  return {
    id,
    type: 'duration',
    kinds: everywhere,
    anchor: { since, business: true },
    read: (facts) => facts.businessHours.hoursSince[since] ?? null,
  };
}

const staticFields: readonly RuleFieldSpec[] = [
  field('ticket.status', 'enum', (f) => f.ticket.status, {
    values: ticketStatuses,
    isOrdered: true,
    changeKey: 'status',
  }),
  field('ticket.priority', 'enum', (f) => f.ticket.priority, {
    values: ['low', 'normal', 'high', 'urgent'],
    isOrdered: true,
    changeKey: 'priority',
  }),
  field('ticket.type', 'enum', (f) => f.ticket.type, {
    values: ['question', 'incident', 'problem', 'task'],
    changeKey: 'type',
  }),
  field('ticket.channel', 'enum', (f) => f.ticket.channel, {
    values: ['email', 'chat', 'web', 'phone', 'api', 'social'],
  }),
  field('ticket.language', 'text', (f) => f.ticket.language, { changeKey: 'language' }),
  field('ticket.subject', 'text', (f) => f.ticket.subject, { changeKey: 'subject' }),
  field('ticket.tags', 'text_set', (f) => f.ticket.tags, { changeKey: 'tags' }),
  field('ticket.assigneeId', 'id', (f) => f.ticket.assigneeId, { idKind: 'users', changeKey: 'assigneeId' }),
  field('ticket.teamId', 'id', (f) => f.ticket.teamId, { idKind: 'teams', changeKey: 'teamId' }),
  field('ticket.requesterId', 'id', (f) => f.ticket.requesterId, {
    idKind: 'contacts',
    changeKey: 'requesterId',
  }),
  field('ticket.organizationId', 'id', (f) => f.ticket.organizationId, {
    idKind: 'organizations',
    changeKey: 'organizationId',
  }),
  field('ticket.parentId', 'id', (f) => f.ticket.parentId, { idKind: 'tickets', changeKey: 'parentId' }),
  hoursSince('ticket.hoursSinceCreated', 'created', (f) => f.ticket.createdAtMs),
  hoursSince('ticket.hoursSinceUpdated', 'updated', (f) => f.ticket.updatedAtMs),
  hoursSince('ticket.hoursSinceStatusChanged', 'statusChanged', (f) => f.ticket.statusChangedAtMs),
  hoursSince(
    'ticket.hoursSinceLastCustomerMessage',
    'lastCustomerMessage',
    (f) => f.ticket.lastCustomerMessageAtMs,
  ),
  hoursSince('ticket.hoursSinceLastAgentMessage', 'lastAgentMessage', (f) => f.ticket.lastAgentMessageAtMs),
  businessHoursSince('ticket.businessHoursSinceCreated', 'created'),
  businessHoursSince('ticket.businessHoursSinceUpdated', 'updated'),
  businessHoursSince('ticket.businessHoursSinceStatusChanged', 'statusChanged'),
  businessHoursSince('ticket.businessHoursSinceLastCustomerMessage', 'lastCustomerMessage'),
  businessHoursSince('ticket.businessHoursSinceLastAgentMessage', 'lastAgentMessage'),
  field('event.type', 'enum', (f) => f.event.type, { values: ruleEventTypes, kinds: onEvents }),
  field('event.changedFields', 'text_set', (f) => changedFieldsOf(f), { kinds: ['update'] }),
  field('event.slaTarget', 'enum', (f) => f.event.slaTarget, {
    values: ['first_response', 'next_response', 'resolution'],
    kinds: ['update'],
  }),
  field('message.visibility', 'enum', (f) => f.message?.visibility ?? null, {
    values: ['public', 'internal'],
    kinds: onEvents,
  }),
  field('message.authorType', 'enum', (f) => f.message?.authorType ?? null, {
    values: ['contact', 'agent', 'bot', 'system'],
    kinds: onEvents,
  }),
  field('message.channel', 'enum', (f) => f.message?.channel ?? null, {
    values: ['email', 'chat', 'web', 'phone', 'api', 'social', 'internal'],
    kinds: onEvents,
  }),
  field('message.text', 'text', (f) => f.message?.text ?? null, { kinds: onEvents }),
  field('message.language', 'text', (f) => f.message?.language ?? null, { kinds: onEvents }),
  field('message.hasAttachments', 'boolean', (f) => f.message?.hasAttachments ?? null, { kinds: onEvents }),
  field('message.autoSubmitted', 'boolean', (f) => f.message?.autoSubmitted ?? null, { kinds: onEvents }),
  field('performer.type', 'enum', (f) => f.performer.type, { values: performerTypes, kinds: onEvents }),
  field('performer.role', 'enum', (f) => f.performer.role, {
    values: ['owner', 'admin', 'agent', 'light_agent'],
    kinds: onEvents,
  }),
  field('performer.userId', 'id', (f) => f.performer.userId, { idKind: 'users', kinds: onEvents }),
  field('performer.ruleId', 'id', (f) => f.performer.ruleId, { idKind: 'rules', kinds: onEvents }),
  field('requester.name', 'text', (f) => f.requester?.name ?? null),
  field('requester.email', 'text', (f) => f.requester?.email ?? null),
  field('requester.language', 'text', (f) => f.requester?.language ?? null),
  field('requester.isVip', 'boolean', (f) => f.requester?.isVip ?? null),
  field('requester.timeZone', 'text', (f) => f.requester?.timeZone ?? null),
  field('organization.name', 'text', (f) => f.organization?.name ?? null),
  field('organization.domains', 'text_set', (f) => f.organization?.domains ?? null),
  field('businessHours.isWithin', 'boolean', (f) => f.businessHours.isWithin),
];

/** Names of changed fields: the keys of `event.changes`, plus `customFields.<key>` per changed value. */
function changedFieldsOf(facts: RuleFacts): readonly string[] {
  const keys = Object.keys(facts.event.changes);
  const custom = facts.event.changes.customFields;
  if (!custom) return keys;
  const from = (custom.from ?? {}) as Record<string, unknown>;
  const to = (custom.to ?? {}) as Record<string, unknown>;
  const customKeys = new Set([...Object.keys(from), ...Object.keys(to)]);
  const changed = [...customKeys].filter((key) => JSON.stringify(from[key]) !== JSON.stringify(to[key]));
  return [...keys, ...changed.map((key) => `customFields.${key}`)];
}

export const staticRuleFields: ReadonlyMap<string, RuleFieldSpec> = new Map(
  staticFields.map((spec) => [spec.id, spec]),
);
