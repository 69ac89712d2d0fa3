/**
 * SQL for the SLA clocks stored with each ticket. `clocks` holds the SlaClocks JSON plus
 * `pinned` (the policy was applied by a rule, not chosen by conditions); `next_event_at` is
 * the next warning or due instant, which the minute sweep reads by index.
 */
import { type SlaClocks, slaClocksSchema } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, TicketSlasTable } from '../../db/schema.ts';

export type TicketSlaRow = Selectable<TicketSlasTable>;
export type StoredTicketSla = {
  policyId: string;
  pinned: boolean;
  clocks: SlaClocks | null;
  nextEventAt: Date | null;
};

export async function findTicketSla(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
): Promise<StoredTicketSla | undefined> {
  const row = await db
    .selectFrom('ticket_slas')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  if (!row) return undefined;
  // Clocks written by an older shape read as "no previous": the next computation starts afresh.
  const parsed = slaClocksSchema.safeParse(row.clocks);
  return {
    policyId: row.policy_id,
    pinned: (row.clocks as { pinned?: unknown }).pinned === true,
    clocks: parsed.success ? parsed.data : null,
    nextEventAt: row.next_event_at,
  };
}

export async function saveTicketSla(
  db: Kysely<DB>,
  row: {
    workspaceId: string;
    ticketId: string;
    clocks: SlaClocks;
    pinned: boolean;
    nextEventAt: Date | null;
    at: Date;
  },
): Promise<void> {
  const values = {
    policy_id: row.clocks.policyId,
    clocks: JSON.stringify({ ...row.clocks, pinned: row.pinned }),
    next_event_at: row.nextEventAt,
    updated_at: row.at,
  };
  await db
    .insertInto('ticket_slas')
    .values({ workspace_id: row.workspaceId, ticket_id: row.ticketId, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'ticket_id']).doUpdateSet(values))
    .execute();
}

export async function deleteTicketSla(db: Kysely<DB>, workspaceId: string, ticketId: string): Promise<void> {
  await db
    .deleteFrom('ticket_slas')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .execute();
}

/**
 * Makes the sweep recompute the SLA clocks of unsolved tickets (of the given policies, or
 * all) at `at`, after their policy or calendar changed. Solved and closed tickets keep the
 * clocks they were solved under; a reopen recomputes them anyway.
 */
export async function markTicketSlasStale(
  db: Kysely<DB>,
  workspaceId: string,
  policyIds: readonly string[] | 'all',
  at: Date,
): Promise<number> {
  if (policyIds !== 'all' && policyIds.length === 0) return 0;
  let q = db
    .updateTable('ticket_slas')
    .set({ next_event_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', (sub) =>
      sub
        .selectFrom('tickets')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('status', 'not in', ['solved', 'closed']),
    );
  if (policyIds !== 'all') q = q.where('policy_id', 'in', policyIds);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes the clocks that count on a policy about to be deleted; returns the unsolved tickets among them. */
export async function deleteTicketSlasOfPolicy(
  db: Kysely<DB>,
  workspaceId: string,
  policyId: string,
): Promise<string[]> {
  const unsolved = await db
    .selectFrom('ticket_slas')
    .innerJoin('tickets', (join) =>
      join
        .onRef('tickets.workspace_id', '=', 'ticket_slas.workspace_id')
        .onRef('tickets.id', '=', 'ticket_slas.ticket_id'),
    )
    .select('ticket_slas.ticket_id')
    .where('ticket_slas.workspace_id', '=', workspaceId)
    .where('ticket_slas.policy_id', '=', policyId)
    .where('tickets.status', 'not in', ['solved', 'closed'])
    .where('tickets.deleted_at', 'is', null)
    .execute();
  await db
    .deleteFrom('ticket_slas')
    .where('workspace_id', '=', workspaceId)
    .where('policy_id', '=', policyId)
    .execute();
  return unsolved.map((r) => r.ticket_id);
}

/**
 * Due clocks, earliest first, by the next_event_at index. Both the clock row and the ticket
 * row are locked with SKIP LOCKED: a ticket being processed elsewhere (the automation inbox,
 * another sweep) is left for later instead of waited on, so this can never deadlock.
 */
export async function claimDueTicketSlas(
  db: Kysely<DB>,
  now: Date,
  limit: number,
): Promise<{ workspaceId: string; ticketId: string }[]> {
  const rows = await db
    .selectFrom('ticket_slas')
    .innerJoin('tickets', (join) =>
      join
        .onRef('tickets.workspace_id', '=', 'ticket_slas.workspace_id')
        .onRef('tickets.id', '=', 'ticket_slas.ticket_id'),
    )
    .select(['ticket_slas.workspace_id', 'ticket_slas.ticket_id'])
    .where('ticket_slas.next_event_at', 'is not', null)
    .where('ticket_slas.next_event_at', '<=', now)
    .orderBy('ticket_slas.next_event_at')
    .limit(limit)
    .modifyEnd(sql`for update of ticket_slas, tickets skip locked`)
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, ticketId: r.ticket_id }));
}

/** Moves a clock whose recomputation failed out of the way for a while, so it cannot stall the sweep. */
export async function postponeTicketSla(
  db: Kysely<DB>,
  target: { workspaceId: string; ticketId: string },
  until: Date,
): Promise<void> {
  await db
    .updateTable('ticket_slas')
    .set({ next_event_at: until })
    .where('workspace_id', '=', target.workspaceId)
    .where('ticket_id', '=', target.ticketId)
    .execute();
}
