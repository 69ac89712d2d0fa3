/**
 * `switchboard admin create`: add an admin or owner. On a database without any workspace it
 * creates the workspace too, which is how a production install (no demo) gets its first user.
 */
import { createDeps, openConfiguredDatabase } from '../bootstrap.ts';
import { loadConfigFromEnvironment } from '../config/env.ts';
import { migrate } from '../db/migrate.ts';
import { createUser } from '../modules/users/commands/create-user.ts';
import { createWorkspace } from '../modules/workspaces/commands/create-workspace.ts';
import { systemActor } from '../platform/actor.ts';
import { randomToken } from '../platform/ids.ts';
import { parseFlags, UsageError } from './args.ts';
import { resolveWorkspace } from './resolve-workspace.ts';

export async function adminCreate(args: string[]): Promise<number> {
  const flags = parseFlags(args, ['email', 'name', 'password', 'role', 'workspace', 'workspace-name']);
  if (!flags.email || !flags.name) throw new UsageError('admin create needs --email and --name');
  const role = flags.role ?? 'admin';
  if (role !== 'admin' && role !== 'owner') throw new UsageError('--role must be admin or owner');
  const password = flags.password ?? randomToken(12);
  const config = loadConfigFromEnvironment();
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const deps = createDeps(config, database);
    const existing = await database.db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
    const user = await database.db.transaction().execute(async (trx) => {
      if (!existing) {
        const slug = flags.workspace ?? 'main';
        const { owner } = await createWorkspace(deps, trx, {
          slug,
          name: flags['workspace-name'] ?? 'Support',
          owner: { email: flags.email ?? '', name: flags.name ?? '', password },
          via: 'cli',
        });
        return owner;
      }
      const workspace = await resolveWorkspace(trx, flags.workspace);
      return createUser(deps, trx, systemActor(workspace.id, 'cli'), {
        email: flags.email ?? '',
        name: flags.name ?? '',
        role,
        password,
      });
    });
    process.stdout.write(`Created ${user.role} ${user.email}\n`);
    if (!flags.password) process.stdout.write(`Password: ${password}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
