/**
 * `switchboard start`: open and migrate the database, create the demo workspace on an empty
 * one, listen, and shut down gracefully on SIGTERM/SIGINT: stop accepting, let in-flight
 * requests finish, close the database. A second signal exits at once.
 */
import { prepareSwitchboard } from '../bootstrap.ts';
import { loadConfigFromEnvironment } from '../config/env.ts';
import { createLogger } from '../platform/logger.ts';
import { loadDemoWorkspace } from './demo-workspace.ts';

export async function start(): Promise<number> {
  const config = loadConfigFromEnvironment();
  const logger = createLogger(config.SWITCHBOARD_LOG_LEVEL);
  const running = await prepareSwitchboard(config, logger);
  if (running.isEmptyOnStart && config.SWITCHBOARD_SEED_DEMO) {
    await loadDemoWorkspace(running.deps, (line) => process.stdout.write(`${line}\n`));
  }
  // After the demo load: its hundreds of events would otherwise run rules mid-seed.
  await running.startBackground();
  await running.app.listen({ host: config.SWITCHBOARD_HOST, port: config.SWITCHBOARD_PORT });
  // Before the "listening" line, so that whoever waits for it can send mail too.
  const smtp = await running.startSmtp();
  const address = running.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.SWITCHBOARD_PORT;
  const engine =
    running.database.engine === 'pglite' ? `embedded PGlite in ${config.SWITCHBOARD_DATA_DIR}` : 'PostgreSQL';
  process.stdout.write(`Switchboard is listening on http://${config.SWITCHBOARD_HOST}:${port} (${engine})\n`);
  process.stdout.write(`  API docs: http://${config.SWITCHBOARD_HOST}:${port}/api/docs\n`);
  if (smtp) process.stdout.write(`  inbound SMTP: smtp://${smtp.host}:${smtp.port}\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down');
      running.close().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}
