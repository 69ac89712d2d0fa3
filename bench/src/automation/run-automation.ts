/**
 * Automation benchmarks (issue 3), per engine:
 *   1. the pure rules engine (benchmarkRules, 100 rules): condition checks per second;
 *   2. ticket creation over HTTP with the worker running, 0 vs 100 creation rules, and the
 *      time the worker needs to drain the automation inbox afterwards;
 *   3. rule preview over the newest 5,000 tickets that phase 2 created;
 *   4. one time-rule sweep over many open tickets with 1,000 timers due, then one SLA sweep
 *      over the same tickets with an SLA clock each, 1,000 of them due.
 * Environment:
 *   BENCH_DATABASE_URL        empty PostgreSQL database for phase 2 (unset: PGlite only)
 *   BENCH_SWEEP_DATABASE_URL  a second empty PostgreSQL database for phase 3
 *   BENCH_ENGINES             postgres,pglite (default: both, postgres only with the URLs)
 *   BENCH_CLIENTS             concurrent HTTP clients (16)
 *   BENCH_SWEEP_TICKETS       tickets for the sweep on PostgreSQL (1000000)
 *   BENCH_SWEEP_TICKETS_PGLITE  the same on PGlite (100000); 0 skips the sweep
 * Prints progress to stderr and one JSON document per engine to stdout.
 */
import { benchmarkRules } from '../../../packages/core/src/rules/rules.bench.ts';
import { startEngine } from '../engine.ts';
import type { EngineName } from '../options.ts';
import { measureCreation, measurePreview } from './create-phase.ts';
import { measureSlaSweep, measureSweep } from './sweep-phase.ts';

const log = (message: string) => console.error(`[auto ${new Date().toISOString().slice(11, 19)}] ${message}`);
const env = process.env;
const num = (name: string, fallback: number) => Number(env[name] || fallback);

async function benchEngine(name: EngineName) {
  const url = env.BENCH_DATABASE_URL || null;
  const creationEngine = await startEngine(name, url);
  let creation: Awaited<ReturnType<typeof measureCreation>>;
  let preview: Awaited<ReturnType<typeof measurePreview>>;
  try {
    creation = await measureCreation(creationEngine, num('BENCH_CLIENTS', 16), log);
    preview = await measurePreview(creationEngine, 5000, log);
  } finally {
    await creationEngine.close();
  }
  const count =
    name === 'postgres' ? num('BENCH_SWEEP_TICKETS', 1_000_000) : num('BENCH_SWEEP_TICKETS_PGLITE', 100_000);
  if (count === 0) return { engine: name, version: creationEngine.version, creation, preview, sweep: null };
  const sweepUrl = env.BENCH_SWEEP_DATABASE_URL || null;
  if (name === 'postgres' && !sweepUrl) throw new Error('BENCH_SWEEP_DATABASE_URL: a second empty database');
  const sweepEngine = await startEngine(name, sweepUrl);
  try {
    const sweep = await measureSweep(sweepEngine, count, log);
    const slaSweep = await measureSlaSweep(sweepEngine, count, log);
    return { engine: name, version: creationEngine.version, creation, preview, sweep, slaSweep };
  } finally {
    await sweepEngine.close();
  }
}

async function main() {
  log('rules engine: 100 rules, 3 s');
  const rules = benchmarkRules({ ruleCount: 100, durationMs: 3000 });
  console.log(JSON.stringify({ rules }, null, 2));
  const hasPostgres = !!env.BENCH_DATABASE_URL;
  const engines = (env.BENCH_ENGINES ?? 'postgres,pglite')
    .split(',')
    .filter((e): e is EngineName => e === 'pglite' || (e === 'postgres' && hasPostgres));
  for (const name of engines) {
    const report = await benchEngine(name);
    const { withoutRules, withRules } = report.creation;
    for (const level of [withoutRules, withRules]) delete (level as { cpu?: unknown }).cpu;
    console.log(JSON.stringify(report, null, 2));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
