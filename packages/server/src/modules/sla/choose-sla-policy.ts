/**
 * Which SLA policy covers a ticket: one pinned by a rule (apply_sla_policy) while it exists,
 * else the first enabled policy, by position, whose conditions hold. Conditions are read
 * like a creation rule's: the ticket as it is now, the creation event and its first message.
 */
import { compileRule, DomainError, type Rule, type RuleCondition } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { buildRuleFacts, loadWorkspaceAutomationSettings } from '../automation/rule-facts.ts';
import type { TicketRecord } from '../tickets/tickets.repository.ts';
import { findSlaPolicy, listSlaPolicies, type SlaPolicyRow } from './sla-policies.repository.ts';
import { findCreationEvent } from './ticket-sla-history.ts';

export type PolicyChoice = { policy: SlaPolicyRow; pinned: boolean };

export async function chooseSlaPolicy(
  db: Kysely<DB>,
  input: {
    ticket: TicketRecord;
    /** Pin this policy now (apply_sla_policy). */
    pinPolicyId?: string | undefined;
    /** The policy pinned earlier, if any. */
    pinnedPolicyId: string | null;
    now: Date;
    /** The workspace's enabled policies when the caller has them already (a batch reads them once). */
    enabledPolicies?: SlaPolicyRow[] | undefined;
  },
): Promise<PolicyChoice | null> {
  const ws = input.ticket.workspace_id;
  if (input.pinPolicyId) {
    const policy = await findSlaPolicy(db, ws, input.pinPolicyId);
    if (!policy)
      throw new DomainError('SLA_POLICY_NOT_FOUND', `SLA policy ${input.pinPolicyId} does not exist.`);
    return { policy, pinned: true };
  }
  if (input.pinnedPolicyId) {
    const policy = await findSlaPolicy(db, ws, input.pinnedPolicyId);
    if (policy) return { policy, pinned: true };
  }
  const policies = input.enabledPolicies ?? (await listSlaPolicies(db, ws, { enabledOnly: true }));
  if (policies.length === 0) return null;
  const facts = await buildRuleFacts(db, {
    ticket: input.ticket,
    event: (await findCreationEvent(db, input.ticket)) ?? null,
    eventType: 'ticket.created',
    settings: await loadWorkspaceAutomationSettings(db, ws),
    now: input.now,
  });
  const policy = policies.find((p) => compileRule(asRule(p)).test(facts));
  return policy ? { policy, pinned: false } : null;
}

/** The policy's conditions in the shape the rules engine compiles (no actions: nothing to plan). */
function asRule(policy: SlaPolicyRow): Rule {
  return {
    name: policy.name,
    description: policy.description,
    kind: 'creation',
    enabled: true,
    events: null,
    ignoreOwnChanges: true,
    conditions: policy.conditions as RuleCondition,
    actions: [],
  };
}
