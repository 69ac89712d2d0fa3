/** `switchboard seed`: create the demo workspace unless it exists, and say how to sign in. */
import { createDeps, openConfiguredDatabase } from '../bootstrap.ts';
import { loadConfigFromEnvironment } from '../config/env.ts';
import { migrate } from '../db/migrate.ts';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.repository.ts';
import { loadDemoWorkspace } from './demo-workspace.ts';

export async function seedCommand(): Promise<number> {
  const config = loadConfigFromEnvironment();
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    if (await findWorkspaceBySlug(database.db, 'demo')) {
      process.stdout.write('The demo workspace already exists; nothing to do.\n');
      return 0;
    }
    const deps = createDeps(config, database);
    await loadDemoWorkspace(deps, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } finally {
    await database.close();
  }
}
