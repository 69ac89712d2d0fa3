/** The workspace a CLI command acts on: named by --workspace, or the only one there is. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { UsageError } from './args.ts';

export async function resolveWorkspace(
  db: Kysely<DB>,
  slug: string | undefined,
): Promise<{ id: string; slug: string }> {
  if (slug) {
    const found = await db
      .selectFrom('workspaces')
      .select(['id', 'slug'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!found) throw new UsageError(`no workspace with slug ${slug}`);
    return found;
  }
  const all = await db
    .selectFrom('workspaces')
    .select(['id', 'slug'])
    .orderBy('created_at')
    .limit(2)
    .execute();
  const [only, another] = all;
  if (!only)
    throw new UsageError('there is no workspace yet: run `switchboard admin create` or `switchboard seed`');
  if (another) throw new UsageError('there are several workspaces: pass --workspace SLUG');
  return only;
}
