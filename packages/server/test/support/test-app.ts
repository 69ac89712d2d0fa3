/**
 * A running Switchboard for one test file: a fresh database, a workspace with one user of
 * each role (each with an API token), and the app built for `inject()`. Everything real:
 * argon2 hashing, SQL, the HTTP stack; only the port stays closed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createApiToken } from '../../src/modules/auth/commands/create-api-token.ts';
import { startRealtimeBus } from '../../src/modules/realtime/bus.ts';
import { createUser } from '../../src/modules/users/commands/create-user.ts';
import { createWorkspace } from '../../src/modules/workspaces/commands/create-workspace.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { diskAttachmentStore } from '../../src/platform/attachment-store.ts';
import { systemClock } from '../../src/platform/clock.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { uuidV7Ids } from '../../src/platform/ids.ts';
import { argon2Passwords } from '../../src/platform/passwords.ts';
import { openTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export type TestUser = { id: string; email: string; token: string };
export type TestWorkspace = {
  id: string;
  slug: string;
  owner: TestUser;
  admin: TestUser;
  agent: TestUser;
  lightAgent: TestUser;
};

export type TestContext = {
  app: App;
  deps: Deps;
  database: TestDatabase;
  ws: TestWorkspace;
  /** Creates another workspace in the same database (for isolation tests). */
  addWorkspace(slug: string): Promise<TestWorkspace>;
  /** inject() with a bearer token and JSON body. */
  call(
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

export type TestContextOptions = {
  /** Start the realtime bus (deps.realtime) on the test database, as `switchboard start` does. */
  realtime?: boolean;
};

export async function createTestContext(
  env: Record<string, string> = {},
  options: TestContextOptions = {},
): Promise<TestContext> {
  const database = await openTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
  const config = loadConfig({ SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_SEED_DEMO: 'false', ...env });
  const deps: Deps = {
    db: database.db,
    clock: systemClock,
    ids: uuidV7Ids,
    config,
    passwords: argon2Passwords,
    attachments: diskAttachmentStore(join(dataDir, 'attachments')),
    jobs: null,
    realtime: options.realtime
      ? await startRealtimeBus(database, {
          applicationName: `switchboard-realtime-${database.schema ?? 'pglite'}`,
        })
      : null,
  };
  const app = await buildApp(deps);
  const passwordHash = await argon2Passwords.hash(TEST_PASSWORD);

  const addWorkspace = async (slug: string): Promise<TestWorkspace> =>
    database.db.transaction().execute(async (trx) => {
      const { workspace, owner } = await createWorkspace(deps, trx, {
        slug,
        name: `Workspace ${slug}`,
        owner: { email: `owner@${slug}.test`, name: 'Olivia Owner' },
      });
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', owner.id)
        .execute();
      const actor = systemActor(workspace.id);
      const make = async (role: 'admin' | 'agent' | 'light_agent', name: string) =>
        createUser(
          deps,
          trx,
          actor,
          { email: `${role.replace('_', '-')}@${slug}.test`, name, role },
          { passwordHash },
        );
      const users = {
        owner,
        admin: await make('admin', 'Adam Admin'),
        agent: await make('agent', '김민아 Mina'),
        lightAgent: await make('light_agent', 'Liam Light'),
      };
      const withToken = async (u: { id: string; email: string }): Promise<TestUser> => ({
        id: u.id,
        email: u.email,
        token: (await createApiToken(deps, trx, actor, { userId: u.id, name: 'test' })).token,
      });
      return {
        id: workspace.id,
        slug,
        owner: await withToken(users.owner),
        admin: await withToken(users.admin),
        agent: await withToken(users.agent),
        lightAgent: await withToken(users.lightAgent),
      };
    });

  const ws = await addWorkspace('acme');
  return {
    app,
    deps,
    database,
    ws,
    addWorkspace,
    call: (token, method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
    close: async () => {
      await app.close();
      await deps.realtime?.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
