/** Workspaces and their per-workspace ticket number sequence. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, WorkspacesTable } from '../../db/schema.ts';

export type WorkspaceRow = Selectable<WorkspacesTable>;

/** Derived from the id, so creating a ticket needs no lookup to find its sequence. */
export function ticketNumberSequence(workspaceId: string): string {
  return `ticket_numbers_${workspaceId.replace(/-/g, '')}`;
}

export async function insertWorkspace(
  db: Kysely<DB>,
  w: { id: string; slug: string; name: string; at: Date },
) {
  const row = await db
    .insertInto('workspaces')
    .values({ id: w.id, slug: w.slug, name: w.name, settings: '{}', created_at: w.at })
    .returningAll()
    .executeTakeFirstOrThrow();
  await sql`create sequence ${sql.id(ticketNumberSequence(w.id))}`.execute(db);
  return row;
}

export async function findWorkspaceBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findWorkspace(db: Kysely<DB>, id: string) {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countWorkspaces(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('workspaces')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
