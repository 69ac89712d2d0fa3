/**
 * Bulk load for the list and search benchmark, set-based: contacts (one per ten tickets,
 * each with an email identity), then N tickets from one INSERT … SELECT over
 * generate_series, then one message per ticket, then ANALYZE. Subjects, bodies and search
 * vectors come from the templates (vectors computed in TypeScript with the server's
 * indexTerms), joined by `i % templates`. All indexes of the schema stay in place, as they
 * would for an import into a live instance.
 *
 * The shape of the data: created_at spread evenly over the last 365 days; tickets of the
 * last 30 days are mostly new/open/pending, older ones mostly closed; 40 agents, the team
 * given by the template's topic; priorities 15/60/20/5 % low/normal/high/urgent.
 * Ids are time-ordered like the server's UUIDv7 (random ids would scatter the inserts).
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.ts';
import { ticketNumberSequence } from '../../packages/server/src/modules/workspaces/workspaces.repository.ts';
import { ticketTemplates } from './corpus.ts';
import type { BenchWorkspace } from './seed-workspace.ts';

export type LoadPhase = { name: string; rows: number; seconds: number };
export type BulkLoadResult = {
  tickets: number;
  phases: LoadPhase[];
  totalSeconds: number;
  /** pg_total_relation_size (table, indexes, TOAST) after the load, in MiB. */
  sizesMiB: Record<string, number>;
};

async function relationSizesMiB(db: Kysely<DB>): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string; bytes: number }>`
    select c.relname as name, pg_total_relation_size(c.oid)::bigint as bytes
      from pg_class c where c.relname in ('tickets', 'messages', 'contacts', 'contact_identities')
       and c.relkind = 'r' and pg_table_is_visible(c.oid)`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, Math.round(Number(r.bytes) / 2 ** 20)]));
}

/** A version-7-shaped uuid: 48 bits of milliseconds, then bits of md5(seed). */
function uuid7(at: RawBuilder<unknown>, seed: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(lpad(to_hex((extract(epoch from ${at}) * 1000)::bigint), 12, '0')
    || overlay(overlay(substr(md5(${seed}), 1, 20) placing '7' from 1) placing '8' from 5))::uuid`;
}

const contactId = (n: RawBuilder<unknown>) => sql<string>`md5('bench-contact-' || ${n})::uuid`;

async function timed(phases: LoadPhase[], name: string, rows: number, run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  phases.push({ name, rows, seconds: (performance.now() - started) / 1000 });
}

async function createTemplateTable(db: Kysely<DB>, ws: BenchWorkspace) {
  await sql`create temporary table bench_templates (
      idx int primary key, subject text not null, body_text text not null, body_html text not null,
      language text not null, tags text[] not null, team_id uuid, search_vector tsvector not null)`.execute(
    db,
  );
  const rows = ticketTemplates.map(
    (t) =>
      sql`(${t.index}, ${t.subject}, ${t.bodyText}, ${t.bodyHtml}, ${t.language}, ${t.tags}::text[],
           ${ws.teamIds.get(t.team) ?? null}::uuid, array_to_tsvector(${t.searchTerms}::text[]))`,
  );
  await sql`insert into bench_templates values ${sql.join(rows)}`.execute(db);
}

async function insertContacts(db: Kysely<DB>, ws: BenchWorkspace, count: number, since: Date) {
  await sql`insert into contacts (id, workspace_id, name, language, created_at, updated_at)
    select ${contactId(sql`j`)}, ${ws.id},
           case when j % 2 = 0 then '고객 ' || j else 'Customer ' || j end,
           case when j % 2 = 0 then 'ko' else 'en' end, ${since}, ${since}
      from generate_series(1, ${count}) j`.execute(db);
  await sql`insert into contact_identities (id, workspace_id, contact_id, kind, value, created_at)
    select md5('bench-identity-' || j)::uuid, ${ws.id}, ${contactId(sql`j`)}, 'email',
           'customer' || j || '@shop.example', ${since}
      from generate_series(1, ${count}) j`.execute(db);
}

async function insertTickets(
  db: Kysely<DB>,
  ws: BenchWorkspace,
  p: { count: number; base: number; contacts: number; now: Date },
) {
  const templates = ticketTemplates.length;
  // The inner query draws the random numbers once per row (a subquery with volatile
  // functions is not flattened), the middle one derives status and times from them.
  await sql`insert into tickets (id, workspace_id, number, subject, status, priority, type, channel, language,
      tags, requester_id, assignee_id, team_id, search_vector, created_at, updated_at, status_changed_at,
      first_response_at, solved_at, closed_at, last_customer_message_at, last_agent_message_at)
    select ${uuid7(sql`s.created_at`, sql`'t' || s.i`)}, ${ws.id}, ${p.base} + s.i, t.subject, s.status,
           case when s.r_priority < 0.15 then 'low' when s.r_priority < 0.75 then 'normal'
                when s.r_priority < 0.95 then 'high' else 'urgent' end,
           (array['question', 'incident', 'problem', 'task', null])[1 + floor(s.r_type * 5)::int],
           case when s.r_channel < 0.55 then 'email' when s.r_channel < 0.75 then 'web'
                when s.r_channel < 0.90 then 'chat' when s.r_channel < 0.95 then 'phone' else 'api' end,
           t.language,
           case when s.r_vip < 0.02 then t.tags || '{vip}'::text[] else t.tags end,
           ${contactId(sql`(1 + floor(s.r_contact * ${p.contacts}))::int`)},
           case when s.status = 'new' and s.r_assignee < 0.8 then null
                when s.r_assignee < 0.03 then null
                else (${ws.agentIds}::uuid[])[1 + floor(s.r_agent * ${ws.agentIds.length})::int] end,
           case when s.r_team < 0.1 then null else t.team_id end,
           t.search_vector, s.created_at, s.updated_at, s.updated_at,
           s.first_response_at,
           case when s.status in ('solved', 'closed') then s.updated_at end,
           case when s.status = 'closed' then s.updated_at end,
           s.created_at, s.first_response_at
      from (select r.*,
                   case when r.status = 'new' then r.created_at
                        else least(${p.now}::timestamptz, r.created_at + r.r_update * interval '10 days') end
                     as updated_at,
                   case when r.status <> 'new' then r.created_at + r.r_update * interval '4 hours' end
                     as first_response_at
              from (select g.*,
                           case when g.created_at > ${p.now}::timestamptz - interval '30 days' then
                                  case when g.r_status < 0.20 then 'new' when g.r_status < 0.55 then 'open'
                                       when g.r_status < 0.75 then 'pending' when g.r_status < 0.80 then 'on_hold'
                                       else 'solved' end
                                else
                                  case when g.r_status < 0.03 then 'open' when g.r_status < 0.05 then 'pending'
                                       when g.r_status < 0.15 then 'solved' else 'closed' end
                           end as status
                      from (select i, ${p.now}::timestamptz - interval '365 days' * (1 - i::float8 / ${p.count})
                                     as created_at,
                                   random() as r_status, random() as r_priority, random() as r_type,
                                   random() as r_channel, random() as r_vip, random() as r_contact,
                                   random() as r_assignee, random() as r_agent, random() as r_team,
                                   random() as r_update
                              from generate_series(1, ${p.count}) i) g) r) s
      join bench_templates t on t.idx = s.i % ${templates}`.execute(db);
}

async function insertMessages(db: Kysely<DB>, ws: BenchWorkspace, base: number) {
  await sql`insert into messages (id, workspace_id, ticket_id, original_ticket_id, visibility, author_type,
      author_id, channel, body_html, body_text, metadata, created_at)
    select ${uuid7(sql`k.created_at`, sql`'m' || k.number`)}, k.workspace_id, k.id, k.id, 'public', 'contact',
           k.requester_id, k.channel, t.body_html, t.body_text, '{}', k.created_at
      from tickets k
      join bench_templates t on t.idx = (k.number - ${base}) % ${ticketTemplates.length}
     where k.workspace_id = ${ws.id} and k.number > ${base}`.execute(db);
}

export async function bulkLoadTickets(
  db: Kysely<DB>,
  ws: BenchWorkspace,
  count: number,
): Promise<BulkLoadResult> {
  const phases: LoadPhase[] = [];
  const now = new Date();
  const contacts = Math.max(1000, Math.round(count / 10));
  const started = performance.now();
  // One pinned connection: the temporary table and setseed() belong to a session.
  await db.connection().execute(async (conn) => {
    await sql`select setseed(0.42)`.execute(conn);
    await createTemplateTable(conn, ws);
    const { rows } = await sql<{ base: number }>`
      select coalesce(max(number), 0)::int as base from tickets where workspace_id = ${ws.id}`.execute(conn);
    const base = rows[0]?.base ?? 0;
    const since = new Date(now.getTime() - 366 * 86_400_000);
    await timed(phases, 'contacts + identities', contacts, () => insertContacts(conn, ws, contacts, since));
    await timed(phases, 'tickets', count, () => insertTickets(conn, ws, { count, base, contacts, now }));
    await timed(phases, 'messages', count, () => insertMessages(conn, ws, base));
    // Tickets created over HTTP afterwards continue after the loaded numbers.
    await sql`select setval(${ticketNumberSequence(ws.id)}::regclass, ${base + count})`.execute(conn);
    await sql`drop table bench_templates`.execute(conn);
  });
  await timed(phases, 'analyze', 0, () =>
    sql`analyze tickets, messages, contacts, contact_identities`.execute(db),
  );
  const totalSeconds = (performance.now() - started) / 1000;
  return { tickets: count, phases, totalSeconds, sizesMiB: await relationSizesMiB(db) };
}
