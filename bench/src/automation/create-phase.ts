/**
 * Ticket creation over HTTP with the automation worker running in-process, once with no
 * rules and once with 100 creation rules, then the time the worker needs to empty
 * automation_inbox (the backlog the load left behind).
 */
import { sql } from 'kysely';
import { insertRuleSet } from '../../../packages/server/test/support/rules.ts';
import type { BenchEngine } from '../engine.ts';
import { type CreateLevelResult, runCreateLevel } from '../http-load.ts';
import { creationRules } from './bench-rules.ts';

export type DrainResult = { events: number; tickets: number; seconds: number };
export type CreatePhaseResult = {
  withoutRules: CreateLevelResult;
  withRules: CreateLevelResult;
  /** Backlog left after each level, drained by the worker. */
  drainWithout: DrainResult;
  drainWith: DrainResult;
  /** Tickets of the second level that the rules changed (tagged routed-*). */
  matchedTickets: number;
};

const timing = { warmupMs: 2000, durationMs: 10_000 };

async function inboxCounts(engine: BenchEngine) {
  const { rows } = await sql<{ events: number; tickets: number }>`
    select count(*)::int as events, count(distinct ticket_id)::int as tickets from automation_inbox`.execute(
    engine.running.database.db,
  );
  return rows[0] ?? { events: 0, tickets: 0 };
}

async function waitForDrain(engine: BenchEngine, log: (m: string) => void): Promise<DrainResult> {
  const started = performance.now();
  const first = await inboxCounts(engine);
  let left = first.events;
  while (left > 0) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = (await inboxCounts(engine)).events;
    if (performance.now() - started > 600_000) throw new Error(`inbox not drained after 10 min: ${left}`);
  }
  const seconds = (performance.now() - started) / 1000;
  log(`  backlog ${first.events} events / ${first.tickets} tickets drained in ${seconds.toFixed(1)} s`);
  return { ...first, seconds };
}

async function level(engine: BenchEngine, clients: number, salt: string) {
  const target = {
    baseUrl: engine.baseUrl,
    token: engine.workspace.token,
    ticketsStored: 0,
    backendPids: () => engine.backendPids(),
  };
  return runCreateLevel(target, clients, timing, { salt, machineBusyBeforePct: 0 });
}

export async function measureCreation(
  engine: BenchEngine,
  clients: number,
  log: (m: string) => void,
): Promise<CreatePhaseResult> {
  await engine.running.startBackground();
  // An unmeasured first level: the first level of a fresh process also pays for JIT warm-up.
  log(`${engine.name}: warm-up level, ${clients} clients`);
  await level(engine, clients, 'auto-warmup');
  await waitForDrain(engine, log);
  log(`${engine.name}: create, ${clients} clients, no rules`);
  const withoutRules = await level(engine, clients, 'auto-0');
  log(`  ${Math.round(withoutRules.throughputPerS)}/s p99 ${withoutRules.latencyMs.p99.toFixed(1)} ms`);
  const drainWithout = await waitForDrain(engine, log);
  const teams = [...engine.workspace.teamIds.values()];
  await insertRuleSet(engine.running.database.db, engine.workspace.id, {
    kind: 'creation',
    rules: creationRules(teams),
  });
  log(`${engine.name}: create, ${clients} clients, 100 creation rules`);
  const withRules = await level(engine, clients, 'auto-100');
  log(`  ${Math.round(withRules.throughputPerS)}/s p99 ${withRules.latencyMs.p99.toFixed(1)} ms`);
  const drainWith = await waitForDrain(engine, log);
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from tickets where exists (select 1 from unnest(tags) t where t like 'routed-%')`.execute(
    engine.running.database.db,
  );
  return { withoutRules, withRules, drainWithout, drainWith, matchedTickets: rows[0]?.n ?? 0 };
}

export type PreviewResult = {
  tickets: number;
  evaluated: number;
  matched: number;
  ms: { p50: number; max: number };
};

/**
 * Rule preview over the newest tickets the creation levels left (the admin's "would have
 * matched 312 of the last 5,000" before enabling a rule), timed through the HTTP API.
 */
export async function measurePreview(engine: BenchEngine, limit: number, log: (m: string) => void) {
  const rule = {
    name: 'Preview: refunds in Korean or English',
    kind: 'creation',
    conditions: {
      any: [
        { field: 'message.text', operator: 'matches_words', value: { words: ['refund', '환불'] } },
        { field: 'ticket.priority', operator: 'is', value: 'urgent' },
      ],
    },
    actions: [{ type: 'add_tags', tags: ['refund'] }],
  };
  const times: number[] = [];
  let last: { evaluated: number; matched: number } = { evaluated: 0, matched: 0 };
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const response = await fetch(`${engine.baseUrl}/api/v1/rules/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${engine.workspace.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rule, limit }),
    });
    if (!response.ok) throw new Error(`preview answered ${response.status}: ${await response.text()}`);
    last = (await response.json()) as { evaluated: number; matched: number };
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const result: PreviewResult = {
    tickets: limit,
    evaluated: last.evaluated,
    matched: last.matched,
    ms: { p50: Math.round(times[2] ?? 0), max: Math.round(times.at(-1) ?? 0) },
  };
  log(`  preview over ${limit}: ${result.ms.p50} ms (p50 of 5), ${last.matched}/${last.evaluated} matched`);
  return result;
}
