/** What an effect handler gets: the rule as actor, the ticket, the facts and the transaction. */
import type { RuleFacts } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { JobQueue } from '../../../platform/jobs.ts';

export type AutomationDeps = Deps & { jobs: JobQueue | null };

export type EffectContext = {
  deps: AutomationDeps;
  trx: Kysely<DB>;
  /** `{ type: 'rule', id: ruleId, cascade }`: every change it makes is recorded as the rule's. */
  actor: Actor;
  ruleId: string;
  ticketId: string;
  /** The facts the rule matched on, for rendering canned responses. */
  facts: RuleFacts;
};
