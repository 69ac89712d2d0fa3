/**
 * IMAP polling with IDLE for mailboxes that keep their mail elsewhere. One connection per
 * mailbox with `imap_enabled`: select the folder, check UIDVALIDITY (a new one restarts from
 * UID 0), fetch UIDs above the last one stored, in order, hand each to the inbound pipeline,
 * and only after it is committed set \Seen and advance `last_uid`. A crash in between means
 * the mail is fetched again, and its Message-ID makes that harmless. Then IDLE: the server's
 * EXISTS wakes the connection for new mail. Errors reconnect with backoff.
 * With several instances each mailbox is polled by one of them: a lease row in
 * imap_sync_state, renewed every rescan and taken over only once it expired.
 */
import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Deps } from '../../platform/deps.ts';
import {
  acquireLease,
  type ImapMailboxRow,
  listImapMailboxes,
  readSyncState,
  releaseLeases,
} from './imap-state.ts';
import { ingestRawEmail } from './ingest-raw-email.ts';

export type ImapPollerOptions = {
  /** Identifies this process in lease rows. */
  instanceId?: string;
  /** How often mailbox settings are reloaded and leases renewed; a lease lasts three times this. */
  rescanMs: number;
  /** Turns the stored, encrypted password into the real one. */
  decryptPassword: (encrypted: string) => string;
  log?: Logger | undefined;
  /** First reconnect delay; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
};

export type ImapPoller = {
  instanceId: string;
  /** Reloads mailboxes and leases now (otherwise every `rescanMs`). */
  rescan(): Promise<void>;
  /** Mailbox ids this instance currently polls. */
  active(): string[];
  stop(): Promise<void>;
};

type Worker = { mailbox: ImapMailboxRow; stop(): Promise<void>; wake(): void; finished(): boolean };

export async function startImapPoller(deps: Deps, options: ImapPollerOptions): Promise<ImapPoller> {
  const instanceId = options.instanceId ?? `imap-${randomUUID()}`;
  const leaseMs = options.rescanMs * 3;
  const log = options.log;
  const workers = new Map<string, Worker>();
  let stopped = false;
  let scanning: Promise<void> = Promise.resolve();

  const scanOnce = async () => {
    if (stopped) return;
    let mailboxes: ImapMailboxRow[];
    try {
      mailboxes = await listImapMailboxes(deps.db);
    } catch (error) {
      log?.error({ err: error }, 'imap: could not list mailboxes');
      return;
    }
    const wanted = new Map(mailboxes.map((m) => [m.id, m]));
    for (const [id, worker] of workers) {
      const current = wanted.get(id);
      // Gone, disabled, or its settings changed: stop (and restart below with the new ones).
      if (!current || settingsKey(current) !== settingsKey(worker.mailbox)) {
        workers.delete(id);
        await worker.stop();
      }
    }
    for (const mailbox of mailboxes) {
      if (stopped) return;
      let leased = false;
      try {
        leased = await acquireLease(deps.db, mailbox, instanceId, leaseMs);
      } catch (error) {
        // The database hiccuped: keep things as they are until the next pass.
        log?.error({ err: error, mailbox: mailbox.address }, 'imap: lease failed');
        continue;
      }
      const running = workers.get(mailbox.id);
      if (leased && running?.finished()) {
        // Its loop ended (it saw the lease held elsewhere) but the lease is ours again.
        workers.set(mailbox.id, startMailboxWorker(deps, mailbox, instanceId, options));
      } else if (leased && !running) {
        workers.set(mailbox.id, startMailboxWorker(deps, mailbox, instanceId, options));
      } else if (!leased && running) {
        // Another instance holds it (we were too slow to renew): let it poll.
        workers.delete(mailbox.id);
        await running.stop();
      }
    }
  };
  const rescan = () => {
    // Never rejects: a failed pass is logged and the next one runs as usual.
    scanning = scanning
      .then(scanOnce)
      .catch((error: unknown) => log?.error({ err: error }, 'imap: rescan failed'));
    return scanning;
  };
  await rescan();
  const timer = setInterval(() => void rescan(), options.rescanMs);
  timer.unref();

  return {
    instanceId,
    rescan,
    active: () => [...workers.keys()],
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await scanning;
      await Promise.all([...workers.values()].map((w) => w.stop()));
      workers.clear();
      await releaseLeases(deps.db, instanceId).catch((error: unknown) =>
        log?.warn({ err: error }, 'imap: could not release leases'),
      );
    },
  };
}

function settingsKey(m: ImapMailboxRow): string {
  return JSON.stringify([
    m.imap_host,
    m.imap_port,
    m.imap_secure,
    m.imap_user,
    m.imap_password_encrypted,
    m.imap_folder,
    String(m.updated_at instanceof Date ? m.updated_at.toISOString() : m.updated_at),
  ]);
}

function startMailboxWorker(
  deps: Deps,
  mailbox: ImapMailboxRow,
  instanceId: string,
  options: ImapPollerOptions,
): Worker {
  const log = options.log?.child({ mailbox: mailbox.address });
  const baseBackoff = options.backoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 60_000;
  let stopped = false;
  let client: ImapFlow | null = null;
  let wakeUp: (() => void) | null = null;
  let dirty = true;
  const wake = () => {
    dirty = true;
    wakeUp?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  const connectAndSync = async () => {
    const password = mailbox.imap_password_encrypted
      ? options.decryptPassword(mailbox.imap_password_encrypted)
      : '';
    const imap = new ImapFlow({
      host: mailbox.imap_host ?? '',
      port: mailbox.imap_port ?? (mailbox.imap_secure ? 993 : 143),
      secure: mailbox.imap_secure,
      auth: { user: mailbox.imap_user ?? '', pass: password },
      logger: false,
      // Without implicit TLS, STARTTLS is still used whenever the server offers it.
      maxIdleTime: 5 * 60_000,
    });
    client = imap;
    let closed = false;
    imap.on('error', (error: Error) => log?.warn({ err: error }, 'imap: connection error'));
    imap.on('exists', () => wake());
    imap.on('close', () => {
      closed = true;
      wake();
    });
    try {
      await imap.connect();
      await imap.mailboxOpen(mailbox.imap_folder);
      // Backoff resets once a connection works.
      attempt = 0;
      while (!stopped && !closed) {
        if (dirty) {
          dirty = false;
          await syncNew(deps, imap, mailbox, instanceId);
        }
        if (!dirty && !stopped && !closed) {
          // IDLE at once (auto-IDLE would wait 15 s); the next command ends it.
          void imap.idle().catch(() => {});
          await sleep(options.rescanMs);
        }
        // A periodic pass even without EXISTS (servers that do not push, or a lost event).
        dirty = true;
      }
    } finally {
      client = null;
      if (!closed) await imap.logout().catch(() => imap.close());
    }
  };

  let attempt = 0;
  let finished = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        await connectAndSync();
      } catch (error) {
        if (stopped) break;
        if (error instanceof LeaseLost) {
          log?.info('imap: lease taken by another instance');
          break;
        }
        log?.warn({ err: error }, 'imap: polling failed, reconnecting');
        await recordError(deps, mailbox.id, error).catch(() => {});
      }
      if (stopped) break;
      const delay = Math.min(maxBackoff, baseBackoff * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      await sleep(delay);
    }
    finished = true;
  })();

  return {
    mailbox,
    wake,
    finished: () => finished,
    stop: async () => {
      stopped = true;
      const current = client as ImapFlow | null;
      wakeUp?.();
      if (current) await current.logout().catch(() => current.close());
      await loop;
    },
  };
}

class LeaseLost extends Error {
  override name = 'LeaseLost';
}

/** Stores every message above the last UID, one after the other, marking each after commit. */
async function syncNew(
  deps: Deps,
  imap: ImapFlow,
  mailbox: ImapMailboxRow,
  instanceId: string,
): Promise<void> {
  const selected = imap.mailbox;
  if (!selected) throw new Error('no folder selected');
  const uidValidity = String(selected.uidValidity);
  const state = await readSyncState(deps.db, mailbox.id);
  if (!state || state.lease_owner !== instanceId) throw new LeaseLost();
  let lastUid = Number(state.last_uid);
  if (state.uid_validity !== null && String(state.uid_validity) !== uidValidity) {
    // The folder was recreated: its UIDs mean other messages now. Start over; duplicates are
    // recognised by Message-ID.
    lastUid = 0;
  }
  if (
    state.uid_validity === null ||
    String(state.uid_validity) !== uidValidity ||
    lastUid !== Number(state.last_uid)
  ) {
    await persist(deps, mailbox.id, instanceId, { uid_validity: uidValidity, last_uid: lastUid });
  }
  if (selected.exists === 0) {
    await persist(deps, mailbox.id, instanceId, {});
    return;
  }
  // `N:*` always matches the highest UID, even below N: filter.
  const found = await imap.search({ uid: `${lastUid + 1}:*` }, { uid: true });
  const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
  for (const uid of uids) {
    const message = await imap.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    const source = message === false ? undefined : message.source;
    if (source) {
      await ingestRawEmail(deps, {
        workspaceId: mailbox.workspace_id,
        raw: source,
        source: 'imap',
        recipients: [mailbox.address],
        mailboxId: mailbox.id,
      });
      await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
    await persist(deps, mailbox.id, instanceId, { last_uid: uid });
  }
  if (uids.length === 0) await persist(deps, mailbox.id, instanceId, {});
}

async function persist(
  deps: Deps,
  mailboxId: string,
  instanceId: string,
  change: { uid_validity?: string; last_uid?: number },
): Promise<void> {
  const result = await deps.db
    .updateTable('imap_sync_state')
    .set({
      ...(change.uid_validity !== undefined ? { uid_validity: change.uid_validity } : {}),
      ...(change.last_uid !== undefined ? { last_uid: change.last_uid } : {}),
      last_error: null,
      last_polled_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .where('mailbox_id', '=', mailboxId)
    .where('lease_owner', '=', instanceId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new LeaseLost();
}

async function recordError(deps: Deps, mailboxId: string, error: unknown): Promise<void> {
  const text = error instanceof Error ? error.message : String(error);
  await deps.db
    .updateTable('imap_sync_state')
    .set({ last_error: text.slice(0, 1000), updated_at: sql<Date>`now()` })
    .where('mailbox_id', '=', mailboxId)
    .execute();
}
