/**
 * `switchboard token create`: prints only the new token on stdout, so scripts can capture it
 * (`TOKEN=$(switchboard token create --email admin@example.com)`). Messages go to stderr.
 */
import { createDeps, openConfiguredDatabase } from '../bootstrap.ts';
import { loadConfigFromEnvironment } from '../config/env.ts';
import { migrate } from '../db/migrate.ts';
import { createApiToken } from '../modules/auth/commands/create-api-token.ts';
import { findUserByEmail } from '../modules/users/users.repository.ts';
import { systemActor } from '../platform/actor.ts';
import { parseFlags, UsageError } from './args.ts';
import { resolveWorkspace } from './resolve-workspace.ts';

export async function tokenCreate(args: string[]): Promise<number> {
  const flags = parseFlags(args, ['email', 'name', 'workspace']);
  if (!flags.email) throw new UsageError('token create needs --email');
  const config = loadConfigFromEnvironment();
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const deps = createDeps(config, database);
    const token = await database.db.transaction().execute(async (trx) => {
      const workspace = await resolveWorkspace(trx, flags.workspace);
      const user = await findUserByEmail(trx, workspace.id, flags.email ?? '');
      if (!user || user.deactivated_at)
        throw new UsageError(`no active user ${flags.email} in workspace ${workspace.slug}`);
      const created = await createApiToken(deps, trx, systemActor(workspace.id, 'cli'), {
        userId: user.id,
        name: flags.name ?? 'CLI token',
      });
      return created.token;
    });
    process.stdout.write(`${token}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
