/**
 * First page (25 rows) of the inbox views agents keep open and of full-text searches, timed
 * through the whole server path in-process: `app.inject()` GET /api/v1/tickets with the
 * API token, so auth, validation, listTickets, the followers query and JSON serialisation
 * are included and only the TCP socket is not. Each query also gets its match count and
 * the EXPLAIN ANALYZE of the statement listTickets compiles.
 */
import { listTicketsQuerySchema, toTsQuery } from '@switchboard/core';
import { listTickets } from '../../packages/server/src/modules/tickets/tickets.repository.ts';
import type { BenchEngine } from './engine.ts';
import { captureSql, countRows, explainAnalyze, planSummary } from './explain.ts';
import { type LatencySummary, summarize } from './stats.ts';

export type ListQuery = { name: string; kind: 'view' | 'search'; params: Record<string, string> };

export type ListQueryResult = ListQuery & {
  url: string;
  matches: number;
  returned: number;
  latencyMs: LatencySummary;
  plan: string[];
  planSummary: string;
};

export function listQueries(engine: BenchEngine): ListQuery[] {
  const ws = engine.workspace;
  const agent = ws.agentIds[1]!;
  const logistics = ws.teamIds.get('Logistics')!;
  return [
    { name: 'open, newest update first', kind: 'view', params: { status: 'open' } },
    {
      name: 'unsolved (new,open,pending,on_hold)',
      kind: 'view',
      params: { status: 'new,open,pending,on_hold' },
    },
    { name: "one agent's open tickets", kind: 'view', params: { assigneeId: agent, status: 'open' } },
    {
      name: 'unassigned new tickets of a team',
      kind: 'view',
      params: { teamId: logistics, assigneeId: 'none', status: 'new' },
    },
    { name: 'open, by priority (-priority)', kind: 'view', params: { status: 'open', sort: '-priority' } },
    { name: 'tag refund', kind: 'view', params: { tags: 'refund' } },
    { name: 'tag vip, unsolved', kind: 'view', params: { tags: 'vip', status: 'new,open,pending,on_hold' } },
    { name: 'search 환불', kind: 'search', params: { q: '환불' } },
    { name: 'search 환불요청', kind: 'search', params: { q: '환불요청' } },
    { name: 'search 환불 요청', kind: 'search', params: { q: '환불 요청' } },
    { name: 'search refund', kind: 'search', params: { q: 'refund' } },
    { name: 'search 환불 + status open', kind: 'search', params: { q: '환불', status: 'open' } },
  ];
}

async function timeRequests(engine: BenchEngine, url: string, runs: number, warmup: number) {
  const samples: number[] = [];
  let returned = 0;
  for (let run = -warmup; run < runs; run++) {
    const started = performance.now();
    const response = await engine.running.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${engine.workspace.token}` },
    });
    const elapsed = performance.now() - started;
    if (response.statusCode !== 200)
      throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body}`);
    if (run >= 0) samples.push(elapsed);
    returned = (response.json() as { data: unknown[] }).data.length;
  }
  return { samples, returned };
}

async function inspect(engine: BenchEngine, params: Record<string, string>) {
  const query = listTicketsQuerySchema.parse(params);
  const tsQuery = query.q ? toTsQuery(query.q) : null;
  const wsId = engine.workspace.id;
  const db = engine.running.database.db;
  const page = await captureSql((rec) => listTickets(rec, wsId, { ...query, tsQuery }));
  const all = await captureSql((rec) => listTickets(rec, wsId, { ...query, tsQuery, limit: 1_000_000_000 }));
  const plan = await explainAnalyze(db, page);
  return { matches: await countRows(db, all), plan };
}

export async function measureListQueries(
  engine: BenchEngine,
  options: { runs: number; warmupRuns: number },
): Promise<ListQueryResult[]> {
  const results: ListQueryResult[] = [];
  for (const query of listQueries(engine)) {
    const url = `/api/v1/tickets?${new URLSearchParams(query.params)}`;
    const { samples, returned } = await timeRequests(engine, url, options.runs, options.warmupRuns);
    const { matches, plan } = await inspect(engine, query.params);
    results.push({
      ...query,
      url,
      matches,
      returned,
      latencyMs: summarize(samples),
      plan,
      planSummary: planSummary(plan),
    });
  }
  return results;
}
