/**
 * One time-rule sweep over many open tickets: bulk load, every ticket made open with its
 * updated_at so that the stale rule (72 h since update) is due for exactly 1,000 of them now
 * and for the rest over the next 30 days, one ticket_timers row per ticket (set-based), then
 * ANALYZE and one sweepTimeRules at `now`. SLA rows are not loaded (see the results notes).
 */
import { timeAnchorOf, validateRule } from '@switchboard/core';
import { sql } from 'kysely';
import { recomputeTicketSla } from '../../../packages/server/src/modules/sla/recompute-ticket-sla.ts';
import { sweepSlas } from '../../../packages/server/src/modules/sla/sweep-slas.ts';
import { sweepTimeRules } from '../../../packages/server/src/modules/time-rules/sweep-time-rules.ts';
import { dueTimersQuery } from '../../../packages/server/src/modules/time-rules/time-rules.repository.ts';
import { uuidV7Ids } from '../../../packages/server/src/platform/ids.ts';
import type { BenchEngine } from '../engine.ts';
import { bulkLoadTickets } from '../load-tickets.ts';
import { staleTimeRule } from './bench-rules.ts';

export type SweepResult = {
  tickets: number;
  loadSeconds: number;
  prepareSeconds: number;
  sweepSeconds: number;
  ticketsProcessed: number;
  fired: number;
  failures: number;
  timersLeftDue: number;
  plan: string;
};

async function insertTimeRule(engine: BenchEngine): Promise<string> {
  const checked = validateRule(staleTimeRule, { customFields: [] });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const db = engine.running.database.db;
  const now = new Date();
  const setId = uuidV7Ids.next();
  const ruleId = uuidV7Ids.next();
  const ws = engine.workspace.id;
  await db
    .insertInto('rule_sets')
    .values({
      id: setId,
      workspace_id: ws,
      kind: 'time',
      name: 'Time',
      mode: 'all_matches',
      position: 0,
      enabled: true,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const r = checked.rule;
  await db
    .insertInto('rules')
    .values({
      id: ruleId,
      workspace_id: ws,
      rule_set_id: setId,
      position: 0,
      name: r.name,
      description: r.description,
      kind: r.kind,
      enabled: true,
      events: null,
      ignore_own_changes: r.ignoreOwnChanges,
      conditions: JSON.stringify(r.conditions),
      actions: JSON.stringify(r.actions),
      time_anchor: JSON.stringify(timeAnchorOf(r)),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return ruleId;
}

async function prepareTimers(engine: BenchEngine, ruleId: string, count: number, now: Date) {
  const db = engine.running.database.db;
  const ws = engine.workspace.id;
  // k ≤ 1000: updated 72 h + k s ago, so due now; the rest due evenly over 30 days.
  await sql`with n as (select id, row_number() over (order by id) as k from tickets where workspace_id = ${ws})
    update tickets t set status = 'open', solved_at = null, closed_at = null,
           updated_at = case when n.k <= 1000 then ${now}::timestamptz - interval '72 hours' - n.k * interval '1 second'
                             else ${now}::timestamptz - interval '72 hours' + (n.k::float8 / ${count}) * interval '30 days' end
      from n where t.workspace_id = ${ws} and t.id = n.id`.execute(db);
  await sql`insert into ticket_timers (workspace_id, ticket_id, rule_id, due_at, window_key)
    select workspace_id, id, ${ruleId}, updated_at + interval '72 hours',
           to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      from tickets where workspace_id = ${ws}`.execute(db);
  await sql`analyze tickets, ticket_timers`.execute(db);
}

export async function measureSweep(
  engine: BenchEngine,
  count: number,
  log: (m: string) => void,
): Promise<SweepResult> {
  const db = engine.running.database.db;
  let started = performance.now();
  log(`${engine.name}: bulk load of ${count} tickets`);
  await bulkLoadTickets(db, engine.workspace, count);
  const loadSeconds = (performance.now() - started) / 1000;
  log(`  ${loadSeconds.toFixed(1)} s; making them open with one timer each`);
  started = performance.now();
  const now = new Date();
  const ruleId = await insertTimeRule(engine);
  await prepareTimers(engine, ruleId, count, now);
  const prepareSeconds = (performance.now() - started) / 1000;
  const compiled = dueTimersQuery(db, { now, limit: 100, skipTicketIds: [] }).compile();
  const explained = await db.executeQuery<{ 'QUERY PLAN': string }>({
    ...compiled,
    sql: `explain (analyze, costs off, timing off) ${compiled.sql}`,
  });
  const plan = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
  log(`  prepared in ${prepareSeconds.toFixed(1)} s; sweeping`);
  started = performance.now();
  const result = await sweepTimeRules({ ...engine.running.deps, jobs: null }, now);
  const sweepSeconds = (performance.now() - started) / 1000;
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from ticket_timers where due_at <= ${now}`.execute(db);
  log(`  sweep ${sweepSeconds.toFixed(2)} s, ${result.tickets} tickets, ${result.fired} fired`);
  return {
    tickets: count,
    loadSeconds,
    prepareSeconds,
    sweepSeconds,
    ticketsProcessed: result.tickets,
    fired: result.fired,
    failures: result.failures.length,
    timersLeftDue: rows[0]?.n ?? 0,
    plan,
  };
}

export type SlaSweepResult = {
  clocks: number;
  due: number;
  prepareSeconds: number;
  sweepSeconds: number;
  ticketsHandled: number;
  slaEvents: number;
};

/**
 * The SLA part of the minute sweep over the same open tickets: every ticket gets an SLA
 * clock (one real computation copied to all, so the table holds `count` rows), 1,000 of
 * them with their next warning or breach due now and the rest spread over 30 days; then
 * one sweep recomputes the due ones, found through the next_event_at index.
 */
export async function measureSlaSweep(
  engine: BenchEngine,
  count: number,
  log: (m: string) => void,
): Promise<SlaSweepResult> {
  const db = engine.running.database.db;
  const ws = engine.workspace.id;
  let started = performance.now();
  const policyId = uuidV7Ids.next();
  const targets = { firstResponseMinutes: 240, resolutionMinutes: 4320 };
  await db
    .insertInto('sla_policies')
    .values({
      id: policyId,
      workspace_id: ws,
      name: 'Everyone',
      description: null,
      position: 0,
      enabled: true,
      conditions: JSON.stringify({ all: [] }),
      targets: JSON.stringify({ low: targets, normal: targets, high: targets, urgent: targets }),
      calendar_id: null,
      warn_before_minutes: 30,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  const first = await db
    .selectFrom('tickets')
    .select('id')
    .where('workspace_id', '=', ws)
    .limit(1)
    .executeTakeFirstOrThrow();
  const now = new Date();
  await db
    .transaction()
    .execute((trx) => recomputeTicketSla(trx, { workspaceId: ws, ticketId: first.id, now }));
  const sample = await db
    .selectFrom('ticket_slas')
    .select('clocks')
    .where('ticket_id', '=', first.id)
    .executeTakeFirstOrThrow();
  await sql`with n as (select id, row_number() over (order by id) as k from tickets where workspace_id = ${ws})
    insert into ticket_slas (workspace_id, ticket_id, policy_id, clocks, next_event_at, updated_at)
    select ${ws}, n.id, ${policyId}, ${JSON.stringify(sample.clocks)}::jsonb,
           case when n.k <= 1000 then ${now}::timestamptz - n.k * interval '1 second'
                else ${now}::timestamptz + (n.k::float8 / ${count}) * interval '30 days' end,
           ${now}
      from n
    on conflict (workspace_id, ticket_id) do update set next_event_at = excluded.next_event_at`.execute(db);
  await sql`analyze ticket_slas`.execute(db);
  const prepareSeconds = (performance.now() - started) / 1000;
  const eventsBefore = await countSlaEvents(engine);
  log(`  ${count} SLA clocks prepared in ${prepareSeconds.toFixed(1)} s; sweeping`);
  started = performance.now();
  const handled = await sweepSlas({ ...engine.running.deps, jobs: null }, now);
  const sweepSeconds = (performance.now() - started) / 1000;
  const slaEvents = (await countSlaEvents(engine)) - eventsBefore;
  log(`  SLA sweep ${sweepSeconds.toFixed(2)} s, ${handled} tickets, ${slaEvents} sla events`);
  return { clocks: count, due: 1000, prepareSeconds, sweepSeconds, ticketsHandled: handled, slaEvents };
}

async function countSlaEvents(engine: BenchEngine): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from events where type in ('sla.warning', 'sla.breached')`.execute(
    engine.running.database.db,
  );
  return rows[0]?.n ?? 0;
}
