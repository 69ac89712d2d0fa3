/** The SQL of time rules: their anchors, the ticket timers the sweep reads by due instant, and firings. */
import { type TimeAnchor, timeAnchorOf } from '@switchboard/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { toStoredRule } from '../automation/rules.repository.ts';

export type TimeRuleAnchor = { ruleId: string; anchor: TimeAnchor };

/** Enabled time rules in enabled rule sets, each with its anchor (computed when not stored). */
export async function loadTimeRuleAnchors(db: Kysely<DB>, workspaceId: string): Promise<TimeRuleAnchor[]> {
  const rows = await db
    .selectFrom('rules')
    .innerJoin('rule_sets', (join) =>
      join
        .onRef('rule_sets.workspace_id', '=', 'rules.workspace_id')
        .onRef('rule_sets.id', '=', 'rules.rule_set_id'),
    )
    .selectAll('rules')
    .where('rules.workspace_id', '=', workspaceId)
    .where('rules.kind', '=', 'time')
    .where('rules.enabled', '=', true)
    .where('rule_sets.enabled', '=', true)
    .execute();
  const anchors: TimeRuleAnchor[] = [];
  for (const row of rows) {
    const anchor = (row.time_anchor as TimeAnchor | null) ?? timeAnchorOf(toStoredRule(row));
    if (anchor) anchors.push({ ruleId: row.id, anchor });
  }
  return anchors;
}

export const firingKey = (ruleId: string, windowKey: string) => `${ruleId} ${windowKey}`;

/** The windows (as firingKey) of these rules that already fired for the ticket. */
export async function findFiredWindows(
  db: Kysely<DB>,
  input: { workspaceId: string; ticketId: string; ruleIds: string[] },
): Promise<Set<string>> {
  if (input.ruleIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('time_rule_firings')
    .select(['rule_id', 'window_key'])
    .where('workspace_id', '=', input.workspaceId)
    .where('rule_id', 'in', input.ruleIds)
    .where('ticket_id', '=', input.ticketId)
    .execute();
  return new Set(rows.map((r) => firingKey(r.rule_id, r.window_key)));
}

export type TicketTimer = { ticketId: string; ruleId: string; dueAt: Date; windowKey: string };

/** Makes the ticket's timers exactly `timers`: one delete of the others, one upsert. */
export async function replaceTicketTimers(
  db: Kysely<DB>,
  input: { workspaceId: string; ticketId: string; timers: TicketTimer[] },
): Promise<void> {
  const keep = input.timers.map((timer) => timer.ruleId);
  let stale = db
    .deleteFrom('ticket_timers')
    .where('workspace_id', '=', input.workspaceId)
    .where('ticket_id', '=', input.ticketId);
  if (keep.length > 0) stale = stale.where('rule_id', 'not in', keep);
  await stale.execute();
  await upsertTimers(db, input.workspaceId, input.timers);
}

export async function upsertTimers(
  db: Kysely<DB>,
  workspaceId: string,
  timers: TicketTimer[],
): Promise<void> {
  if (timers.length === 0) return;
  await db
    .insertInto('ticket_timers')
    .values(
      timers.map((timer) => ({
        workspace_id: workspaceId,
        ticket_id: timer.ticketId,
        rule_id: timer.ruleId,
        due_at: timer.dueAt,
        window_key: timer.windowKey,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'ticket_id', 'rule_id'])
        .doUpdateSet({ due_at: sql`excluded.due_at`, window_key: sql`excluded.window_key` })
        // Unchanged timers are not rewritten: most ticket changes move no anchor.
        .where((eb) =>
          eb.or([
            eb('ticket_timers.due_at', 'is distinct from', sql<Date>`excluded.due_at`),
            eb('ticket_timers.window_key', 'is distinct from', sql<string>`excluded.window_key`),
          ]),
        ),
    )
    .execute();
}

/**
 * Due timers in due order, locked; rows another sweep holds are skipped, so two instances
 * share the work instead of doing it twice. Reads the ticket_timers_due index.
 */
export function dueTimersQuery(db: Kysely<DB>, input: { now: Date; limit: number; skipTicketIds: string[] }) {
  let q = db
    .selectFrom('ticket_timers')
    .select(['workspace_id', 'ticket_id', 'rule_id', 'due_at', 'window_key'])
    .where('due_at', '<=', input.now);
  if (input.skipTicketIds.length > 0) q = q.where('ticket_id', 'not in', input.skipTicketIds);
  return q.orderBy('due_at').limit(input.limit).forUpdate().skipLocked();
}

/** firingKey of one ticket's window, for sets that hold the windows of many tickets. */
export const ticketFiringKey = (ticketId: string, ruleId: string, windowKey: string) =>
  `${ticketId} ${firingKey(ruleId, windowKey)}`;

/** The windows (as ticketFiringKey) of these rules that already fired for these tickets. */
export async function findFiredWindowsOfTickets(
  db: Kysely<DB>,
  input: { ticketIds: string[]; ruleIds: string[] },
): Promise<Set<string>> {
  if (input.ticketIds.length === 0 || input.ruleIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('time_rule_firings')
    .select(['ticket_id', 'rule_id', 'window_key'])
    .where('rule_id', 'in', input.ruleIds)
    .where('ticket_id', 'in', input.ticketIds)
    .execute();
  return new Set(rows.map((r) => ticketFiringKey(r.ticket_id, r.rule_id, r.window_key)));
}

export type Firing = { workspaceId: string; ticketId: string; ruleId: string; windowKey: string };

export async function recordFiringsOfTickets(db: Kysely<DB>, firings: Firing[], at: Date): Promise<void> {
  if (firings.length === 0) return;
  await db
    .insertInto('time_rule_firings')
    .values(
      firings.map((f) => ({
        workspace_id: f.workspaceId,
        rule_id: f.ruleId,
        ticket_id: f.ticketId,
        window_key: f.windowKey,
        fired_at: at,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Deletes exactly these (ticket, rule) timers, in one statement. */
export async function deleteTimersOfTickets(
  db: Kysely<DB>,
  timers: { workspaceId: string; ticketId: string; ruleId: string }[],
): Promise<void> {
  if (timers.length === 0) return;
  await sql`
    delete from ticket_timers t
     using unnest(${timers.map((x) => x.workspaceId)}::uuid[], ${timers.map((x) => x.ticketId)}::uuid[],
                  ${timers.map((x) => x.ruleId)}::uuid[]) as d(workspace_id, ticket_id, rule_id)
     where t.workspace_id = d.workspace_id and t.ticket_id = d.ticket_id and t.rule_id = d.rule_id`.execute(
    db,
  );
}
