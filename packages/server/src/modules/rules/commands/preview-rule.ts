/**
 * Rule preview: evaluates one rule, saved or not, over past tickets and reports which would
 * have matched and what the rule would have done. Nothing is applied; as a second guard the
 * whole evaluation runs in a read-only transaction that is always rolled back, so even a
 * future fact builder that wrote something could not leave a trace.
 */
import {
  compileRule,
  DomainError,
  evaluateRule,
  type Rule,
  type RuleEvaluation,
  type RuleEventType,
  type RulePreviewRequest,
  type RulePreviewResult,
  ruleEventTypes,
} from '@switchboard/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import {
  buildRuleFactsMany,
  type FactsInput,
  loadWorkspaceAutomationSettings,
} from '../../automation/rule-facts.ts';
import { toStoredRule } from '../../automation/rules.repository.ts';
import type { TicketRecord } from '../../tickets/tickets.repository.ts';
import { validateRuleBody } from '../check-rule.ts';
import { findLatestTicketEvents, findTickets, listPreviewTicketIds } from '../rule-preview.repository.ts';
import { findRule } from '../rules-admin.repository.ts';

const updateEventTypes = ruleEventTypes.filter((t) => t !== 'ticket.created' && t !== 'ticket.time_elapsed');

/** Tickets loaded per round trip. */
const chunkSize = 200;

/** Matched tickets beyond this many are listed without their trace, to keep answers small. */
const tracedTickets = 10;

class RolledBack<T> extends Error {
  readonly result: T;
  constructor(result: T) {
    super('preview transaction rolled back');
    this.result = result;
  }
}

async function inRolledBackTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  try {
    await db.transaction().execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      throw new RolledBack(await fn(trx));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as T;
    throw error;
  }
  throw new Error('unreachable: the preview transaction always throws');
}

async function ruleToPreview(
  deps: Pick<Deps, 'ids'>,
  trx: Kysely<DB>,
  workspaceId: string,
  input: RulePreviewRequest,
): Promise<Rule> {
  if (input.ruleId) {
    const row = await findRule(trx, workspaceId, input.ruleId);
    if (!row) throw new DomainError('RULE_NOT_FOUND', `Rule ${input.ruleId} does not exist.`);
    return toStoredRule(row);
  }
  const checked = await validateRuleBody(trx, workspaceId, {
    ruleId: deps.ids.next(),
    body: input.rule,
    prefix: '/rule',
  });
  return checked.rule;
}

/** Event types a ticket is judged on: its creation, its latest triggering update, or none (time passed). */
function sourceTypesOf(rule: Rule): readonly RuleEventType[] | null {
  if (rule.kind === 'time') return null;
  return rule.kind === 'creation' ? ['ticket.created'] : (rule.events ?? updateEventTypes);
}

function previewEntry(
  ticket: TicketRecord,
  evaluation: RuleEvaluation,
): RulePreviewResult['tickets'][number] {
  return {
    ticketId: ticket.id,
    number: Number(ticket.number),
    subject: ticket.subject,
    matched: evaluation.matched,
    effects: evaluation.effects,
    ...(evaluation.trace ? { trace: evaluation.trace } : {}),
  };
}

export async function previewRule(
  deps: Pick<Deps, 'db' | 'clock' | 'ids'>,
  actor: Actor,
  input: RulePreviewRequest,
): Promise<RulePreviewResult> {
  const ws = actor.workspaceId;
  return inRolledBackTransaction(deps.db, async (trx) => {
    const rule = await ruleToPreview(deps, trx, ws, input);
    const compiled = compileRule(rule);
    const settings = await loadWorkspaceAutomationSettings(trx, ws);
    const now = deps.clock.now();
    const ids = await listPreviewTicketIds(trx, ws, input);
    const types = sourceTypesOf(rule);
    const result: RulePreviewResult = { evaluated: 0, matched: 0, tickets: [] };
    for (let start = 0; start < ids.length; start += chunkSize) {
      const chunk = ids.slice(start, start + chunkSize);
      const events = types ? await findLatestTicketEvents(trx, ws, chunk, types) : null;
      const inputs: FactsInput[] = [];
      for (const ticket of await findTickets(trx, ws, chunk)) {
        const event = events?.get(ticket.id) ?? null;
        // An update or creation rule has nothing to judge on a ticket without such an event.
        if (events && !event) continue;
        const eventType = event ? (event.type as RuleEventType) : 'ticket.time_elapsed';
        inputs.push({ ticket, event, eventType, settings, now });
      }
      const facts = await buildRuleFactsMany(trx, inputs);
      for (const [i, { ticket }] of inputs.entries()) {
        const isListed = input.ticketIds !== undefined;
        const evaluation = evaluateRule(compiled, facts[i]!, {
          trace: isListed || result.matched < tracedTickets,
        });
        result.evaluated += 1;
        if (evaluation.matched) result.matched += 1;
        if (evaluation.matched || isListed) result.tickets.push(previewEntry(ticket, evaluation));
      }
    }
    return result;
  });
}
