/**
 * Creates or drops a UTF-8 PostgreSQL database for a CI run:
 *   node scripts/ci-database.ts create|drop <admin-url> <name>
 * The C.UTF-8 ctype matters: under LC_CTYPE=C, Hangul is not a letter to PostgreSQL.
 */
import pg from 'pg';

const [action, adminUrl, name] = process.argv.slice(2);
if (!action || !adminUrl || !name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: node scripts/ci-database.ts create|drop <admin-url> <name>');
  process.exit(2);
}
const client = new pg.Client({ connectionString: adminUrl });
await client.connect();
try {
  if (action === 'create') {
    await client.query(
      `create database ${name} encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0`,
    );
  } else if (action === 'drop') {
    await client.query(`drop database if exists ${name} with (force)`);
  } else {
    throw new Error(`unknown action ${action}`);
  }
  console.log(`${action}: ${name}`);
} finally {
  await client.end();
}
