/**
 * Benchmark settings, all from the environment so that a quick run needs no code change:
 *   BENCH_DATABASE_URL     an empty PostgreSQL database; unset: PostgreSQL is skipped
 *   BENCH_ENGINES          pglite,postgres (default: both, postgres only with the URL)
 *   BENCH_TICKETS          tickets bulk-loaded for the list/search benchmark (1000000)
 *   BENCH_CLIENTS          concurrent HTTP clients per create level (1,16,64)
 *   BENCH_WARMUP_S         warm-up per create level, not measured (2)
 *   BENCH_DURATION_S       measured time per create level (10)
 *   BENCH_AFTER_LOAD_CLIENTS  create levels repeated with the tickets loaded (16; 0 skips)
 *   BENCH_QUERY_RUNS       measured runs per list query (200)
 *   BENCH_QUIET_WAIT_S     longest wait for an idle machine before each measurement (120)
 */
export type EngineName = 'pglite' | 'postgres';

export type BenchOptions = {
  engines: EngineName[];
  databaseUrl: string | null;
  tickets: number;
  clients: number[];
  warmupMs: number;
  durationMs: number;
  afterLoadClients: number[];
  queryRuns: number;
  queryWarmupRuns: number;
  quietWaitMs: number;
};

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, got '${raw}'`);
  return value;
}

function numberList(env: NodeJS.ProcessEnv, name: string, fallback: number[]): number[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 0))
    throw new Error(`${name} must list integers: '${raw}'`);
  return values.filter((v) => v > 0);
}

export function readOptions(env: NodeJS.ProcessEnv): BenchOptions {
  const databaseUrl = env.BENCH_DATABASE_URL || null;
  const requested = (env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim());
  for (const engine of requested) {
    if (engine !== 'pglite' && engine !== 'postgres')
      throw new Error(`BENCH_ENGINES: unknown engine '${engine}'`);
  }
  const engines = requested.filter(
    (e): e is EngineName => e === 'pglite' || (e === 'postgres' && !!databaseUrl),
  );
  return {
    engines,
    databaseUrl,
    tickets: Math.round(positiveNumber(env, 'BENCH_TICKETS', 1_000_000)),
    clients: numberList(env, 'BENCH_CLIENTS', [1, 16, 64]),
    warmupMs: positiveNumber(env, 'BENCH_WARMUP_S', 2) * 1000,
    durationMs: positiveNumber(env, 'BENCH_DURATION_S', 10) * 1000,
    afterLoadClients: numberList(env, 'BENCH_AFTER_LOAD_CLIENTS', [16]),
    queryRuns: Math.max(1, Math.round(positiveNumber(env, 'BENCH_QUERY_RUNS', 200))),
    queryWarmupRuns: 10,
    quietWaitMs: positiveNumber(env, 'BENCH_QUIET_WAIT_S', 120) * 1000,
  };
}
