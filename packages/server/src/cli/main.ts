#!/usr/bin/env node
/**
 * The `switchboard` command: start, migrate, seed, admin create, token create.
 * Each command lives in its own file; this one only dispatches and reports failures.
 */
import { isDomainError } from '@switchboard/core';
import { ConfigError } from '../config/config.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { adminCreate } from './admin-create.ts';
import { UsageError } from './args.ts';
import { migrateCommand } from './migrate.ts';
import { seedCommand } from './seed.ts';
import { start } from './start.ts';
import { tokenCreate } from './token-create.ts';

const usage = `Usage: switchboard <command>

Commands:
  start                      Start the server (migrates; creates the demo workspace on an empty database)
  migrate                    Apply pending database migrations and exit
  seed                       Create the demo workspace (slug "demo") if it does not exist
  admin create --email E --name N [--password P] [--role owner|admin] [--workspace SLUG] [--workspace-name NAME]
                             Create an admin (and the workspace, if there is none yet)
  token create --email E [--name NAME] [--workspace SLUG]
                             Create an API token for a user; prints only the token

Configuration comes from environment variables: see the README.`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  start: () => start(),
  migrate: () => migrateCommand(),
  seed: () => seedCommand(),
  'admin create': (args) => adminCreate(args),
  'token create': (args) => tokenCreate(args),
};

async function main(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  const twoWord = first && second ? commands[`${first} ${second}`] : undefined;
  if (twoWord) return twoWord(rest);
  const oneWord = first ? commands[first] : undefined;
  if (oneWord) return oneWord([...(second ? [second] : []), ...rest]);
  process.stderr.write(`${usage}\n`);
  return first === undefined || first === 'help' || first === '--help' ? 0 : 2;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.exitCode = error instanceof UsageError ? 2 : 1;
  const known =
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    isDomainError(error);
  const text =
    known || !(error instanceof Error)
      ? String((error as Error).message ?? error)
      : (error.stack ?? error.message);
  process.stderr.write(`switchboard: ${text}\n${error instanceof UsageError ? `\n${usage}\n` : ''}`);
}
