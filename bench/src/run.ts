/**
 * `npm run bench`: the foundation benchmarks on embedded PGlite and, when
 * BENCH_DATABASE_URL names an empty PostgreSQL database, on PostgreSQL. Per engine:
 *   1. ticket creation over HTTP at each BENCH_CLIENTS level, on an almost empty database;
 *   2. bulk load of BENCH_TICKETS tickets with one message each;
 *   3. first page of inbox views and searches over those tickets;
 *   4. ticket creation again with the tickets stored (BENCH_AFTER_LOAD_CLIENTS).
 * Prints Markdown tables and writes bench/results/<date>-<engine>.json. See options.ts.
 */
import { cpuBetween, snapshotCpu, waitForQuietMachine } from './cpu-usage.ts';
import { type BenchEngine, startEngine } from './engine.ts';
import { type CreateLevelResult, runCreateLevel } from './http-load.ts';
import { measureListQueries } from './list-queries.ts';
import { bulkLoadTickets } from './load-tickets.ts';
import { calibrateCpuMs, engineSettings, machineFacts } from './machine.ts';
import { type BenchOptions, type EngineName, readOptions } from './options.ts';
import { comparisonMarkdown, type EngineReport, engineMarkdown, writeJson } from './report.ts';

const progress = (message: string) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function countTickets(engine: BenchEngine): Promise<number> {
  const row = await engine.running.database.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function createLevels(
  engine: BenchEngine,
  levels: number[],
  options: BenchOptions,
  label: string,
): Promise<CreateLevelResult[]> {
  const results: CreateLevelResult[] = [];
  for (const clients of levels) {
    const ticketsStored = await countTickets(engine);
    const machineBusyBeforePct = await waitForQuietMachine(options.quietWaitMs, progress);
    progress(`${engine.name}: create tickets, ${clients} clients, ${ticketsStored} stored`);
    const target = {
      baseUrl: engine.baseUrl,
      token: engine.workspace.token,
      ticketsStored,
      backendPids: () => engine.backendPids(),
    };
    const result = await runCreateLevel(target, clients, options, {
      salt: `${label}-${clients}`,
      machineBusyBeforePct,
    });
    const busy = result.cpu ? `, machine ${result.cpu.machineBusyPct.toFixed(0)}% busy` : '';
    progress(
      `  ${Math.round(result.throughputPerS)}/s, p99 ${result.latencyMs.p99.toFixed(1)} ms, ${result.errors} errors${busy}`,
    );
    results.push(result);
  }
  return results;
}

async function listPhase(engine: BenchEngine, options: BenchOptions, report: EngineReport) {
  report.listMachineBusyBeforePct = await waitForQuietMachine(options.quietWaitMs, progress);
  progress(`${engine.name}: list and search queries, ${options.queryRuns} runs each`);
  const startPids = await engine.backendPids();
  const start = snapshotCpu(startPids);
  report.lists = await measureListQueries(engine, {
    runs: options.queryRuns,
    warmupRuns: options.queryWarmupRuns,
  });
  report.listCpu = cpuBetween(start, snapshotCpu([...startPids, ...(await engine.backendPids())]), 0);
}

async function benchEngine(name: EngineName, options: BenchOptions): Promise<EngineReport> {
  progress(`${name}: starting`);
  const engine = await startEngine(name, options.databaseUrl);
  try {
    const { databaseUrl: _omitted, ...shownOptions } = options;
    const report: EngineReport = {
      engine: name,
      version: engine.version,
      settings: await engineSettings(engine.running.database.db),
      machine: machineFacts(),
      cpuCalibrationMs: { before: calibrateCpuMs(), after: null },
      options: shownOptions,
      create: await createLevels(engine, options.clients, options, 'empty'),
      bulkLoad: null,
      lists: [],
      listMachineBusyBeforePct: null,
      listCpu: null,
      createAfterLoad: [],
    };
    if (options.tickets > 0) {
      const busy = await waitForQuietMachine(options.quietWaitMs, progress);
      progress(`${name}: bulk load of ${options.tickets} tickets (machine ${busy.toFixed(0)}% busy before)`);
      report.bulkLoad = await bulkLoadTickets(engine.running.database.db, engine.workspace, options.tickets);
      progress(`  ${report.bulkLoad.totalSeconds.toFixed(1)} s`);
      await listPhase(engine, options, report);
      report.createAfterLoad = await createLevels(engine, options.afterLoadClients, options, 'loaded');
    }
    report.cpuCalibrationMs.after = calibrateCpuMs();
    return report;
  } finally {
    await engine.close();
  }
}

async function main() {
  const options = readOptions(process.env);
  if (!options.databaseUrl) {
    console.log('PostgreSQL skipped: set BENCH_DATABASE_URL to an empty database to benchmark it too.\n');
  }
  const reports: EngineReport[] = [];
  for (const name of options.engines) {
    const report = await benchEngine(name, options);
    reports.push(report);
    const path = writeJson(report);
    console.log(`${engineMarkdown(report)}\n(JSON: ${path})\n`);
  }
  const pglite = reports.find((r) => r.engine === 'pglite');
  const postgres = reports.find((r) => r.engine === 'postgres');
  if (pglite && postgres) console.log(comparisonMarkdown(pglite, postgres));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
