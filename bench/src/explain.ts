/**
 * The exact SQL that listTickets runs for a query, and its plan. listTickets is called on a
 * Kysely whose driver only records the compiled statement, so the plan shown is the plan of
 * the real code path, not of a hand-written copy of it.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.ts';

class RecordingDriver extends DummyDriver {
  last: CompiledQuery | null = null;

  override async acquireConnection(): Promise<DatabaseConnection> {
    return {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        this.last = query;
        return { rows: [] };
      },
      // biome-ignore lint/correctness/useYield: listTickets never streams.
      streamQuery: async function* () {
        throw new Error('not used');
      },
    };
  }
}

/** Runs `query` against a recording database and returns the one statement it compiled. */
export async function captureSql(query: (db: Kysely<DB>) => Promise<unknown>): Promise<CompiledQuery> {
  const driver = new RecordingDriver();
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (inner) => new PostgresIntrospector(inner),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  await query(db);
  if (!driver.last) throw new Error('the query compiled no statement');
  return driver.last;
}

export async function explainAnalyze(db: Kysely<DB>, query: CompiledQuery): Promise<string[]> {
  const result = await db.executeQuery<Record<string, string>>(
    CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]),
  );
  return result.rows.map((row) => Object.values(row)[0] ?? '');
}

/** How many rows a statement returns (capture it with a limit larger than any match count). */
export async function countRows(db: Kysely<DB>, query: CompiledQuery): Promise<number> {
  const { rows } = await db.executeQuery<{ n: number }>(
    CompiledQuery.raw(`select count(*)::int as n from (${query.sql}) as page`, [...query.parameters]),
  );
  return rows[0]?.n ?? 0;
}

/**
 * The plan's nodes on one line, outermost first, each with the planner's row estimate, the
 * actual rows and time: "Limit (est 25, 26 rows, 0.1 ms) ← Index Scan using … (est 40, 26 rows, 0.1 ms)".
 */
export function planSummary(plan: readonly string[]): string {
  const nodePattern =
    /^\s*(?:->\s*)?(.*?)\s*\(cost=[\d.]+\.\.[\d.]+ rows=(\d+) width=\d+\) \(actual time=[\d.]+\.\.([\d.]+) rows=([\d.]+) loops=(\d+)\)/;
  const nodes: string[] = [];
  for (const [index, line] of plan.entries()) {
    if (index > 0 && !line.includes('->')) continue;
    const match = nodePattern.exec(line);
    if (!match) continue;
    const [, node, estimated, totalMs, rows, loops] = match;
    const perLoop = loops === '1' ? '' : ` ×${loops}`;
    nodes.push(
      `${node} (est ${estimated}, ${Math.round(Number(rows))} rows${perLoop}, ${Number(totalMs).toFixed(1)} ms)`,
    );
  }
  return nodes.join(' ← ');
}
