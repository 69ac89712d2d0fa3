/** `switchboard migrate`: apply pending migrations and exit. */
import { openConfiguredDatabase } from '../bootstrap.ts';
import { loadConfigFromEnvironment } from '../config/env.ts';
import { migrate } from '../db/migrate.ts';

export async function migrateCommand(): Promise<number> {
  const config = loadConfigFromEnvironment();
  const database = await openConfiguredDatabase(config);
  try {
    const applied = await migrate(database.db);
    process.stdout.write(
      applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n',
    );
    return 0;
  } finally {
    await database.close();
  }
}
