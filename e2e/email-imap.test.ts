/**
 * IMAP polling against a real Dovecot (started privately on a loopback port): messages
 * appended to the mailbox become tickets, are marked \Seen only after they are stored, the
 * position (UIDVALIDITY, last UID) is persisted, new mail arrives while the connection
 * IDLEs, and neither a second delivery over SMTP nor a restarted (or crashed) poller
 * creates a second message. Runs on both engines; fails when Dovecot is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ImapFlow } from 'imapflow';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { type ImapPoller, startImapPoller } from '../packages/server/src/modules/email/imap-poller.ts';
import { type InboundSmtpServer, startSmtpServer } from '../packages/server/src/modules/email/smtp-server.ts';
import { secretBox } from '../packages/server/src/platform/secret-box.ts';
import { createTestContext, type TestContext } from '../packages/server/test/support/test-app.ts';
import { type Dovecot, startDovecot } from './support/dovecot.ts';
import { eventually, insertMailbox, TEST_SECRET_KEY } from './support/smtp-mailbox.ts';
import { EUC_KR_SUBJECT, eucKrMessage, plainMessage } from './support/smtp-messages.ts';

const USER = { user: 'support', password: 'dovecot-pass-1' };
const ADDRESS = 'support@imap.test';
const box = secretBox(Buffer.from(TEST_SECRET_KEY, 'hex'));

describe('IMAP polling with a real Dovecot', { timeout: 240_000 }, () => {
  let t: TestContext;
  let dovecot: Dovecot;
  let mailboxId = '';
  let smtp: InboundSmtpServer;
  const pollers: ImapPoller[] = [];

  before(async () => {
    dovecot = await startDovecot([USER]);
    t = await createTestContext({ SWITCHBOARD_SECRET_KEY: TEST_SECRET_KEY });
    mailboxId = await insertMailbox(t.deps.db, {
      workspaceId: t.ws.id,
      address: ADDRESS,
      imap: { host: dovecot.host, port: dovecot.port, user: USER.user, password: USER.password },
    });
    smtp = await startSmtpServer(t.deps, {
      port: 0,
      host: '127.0.0.1',
      maxBytes: 1024 * 1024,
      maxClients: 10,
      socketTimeoutMs: 30_000,
      closeTimeoutMs: 2000,
    });
  });

  after(async () => {
    for (const poller of pollers) await poller.stop();
    await smtp?.close();
    await t?.close();
    await dovecot?.stop();
  });

  /** A poller as the background worker starts it; only EXISTS or `rescan()` wake it early. */
  async function startPoller(instanceId: string, rescanMs = 120_000): Promise<ImapPoller> {
    const poller = await startImapPoller(t.deps, {
      instanceId,
      rescanMs,
      decryptPassword: (sealed) => box.decrypt(sealed),
      backoffMs: 200,
    });
    pollers.push(poller);
    return poller;
  }

  async function stopPoller(poller: ImapPoller) {
    await poller.stop();
    pollers.splice(pollers.indexOf(poller), 1);
  }

  async function withImap<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: USER.user, pass: USER.password },
      logger: false,
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout();
    }
  }

  const append = (raw: string, folder = 'INBOX') =>
    withImap(async (client) => {
      const result = await client.append(folder, Buffer.from(raw, 'utf8'));
      assert.ok(result && typeof result === 'object' && result.uid, 'append returned a UID');
      return result.uid as number;
    });

  async function state() {
    return t.deps.db
      .selectFrom('imap_sync_state')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .executeTakeFirst();
  }

  const lastUidReaches = (uid: number) =>
    eventually(`last_uid ${uid}`, async () => {
      const s = await state();
      return s && Number(s.last_uid) >= uid ? s : undefined;
    });

  async function inbound(messageId: string) {
    return t.deps.db
      .selectFrom('inbound_emails')
      .select(['status', 'source', 'ticket_id', 'message_id'])
      .where('workspace_id', '=', t.ws.id)
      .where('message_id_header', '=', messageId)
      .orderBy('received_at')
      .execute();
  }

  async function messagesOnTicket(ticketId: string) {
    const response = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticketId}/messages`);
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as { data: { bodyText: string }[] }).data;
  }

  async function countRows(table: 'messages' | 'tickets' | 'inbound_emails') {
    return (
      await t.deps.db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .where('workspace_id', '=', t.ws.id)
        .executeTakeFirstOrThrow()
    ).n;
  }

  test('waiting mail is stored, marked \\Seen after commit, and the position is persisted', async () => {
    const uids = [
      await append(
        plainMessage({
          from: 'Anna Berg <anna@customer.test>',
          to: ADDRESS,
          subject: 'Cannot log in',
          body: 'My password reset link has expired.',
          messageId: 'imap-1@customer.test',
        }),
      ),
      await append(
        eucKrMessage({ from: 'jisu@customer.test', to: ADDRESS, messageId: 'imap-2@customer.test' }),
      ),
      await append(
        plainMessage({
          from: '최유리 <yuri@customer.test>',
          to: ADDRESS,
          subject: '영수증 재발행 요청',
          body: '지난달 영수증을 다시 보내주실 수 있나요?',
          messageId: 'imap-3@customer.test',
        }),
      ),
    ];
    const poller = await startPoller('poller-a');
    assert.deepEqual(poller.active(), [mailboxId]);
    const s = await lastUidReaches(uids[2]!);
    assert.equal(Number(s.last_uid), uids[2]);
    assert.ok(s.uid_validity, 'UIDVALIDITY is stored');
    assert.equal(s.lease_owner, 'poller-a');

    for (const id of ['imap-1@customer.test', 'imap-2@customer.test', 'imap-3@customer.test']) {
      const rows = await inbound(id);
      assert.equal(rows.length, 1, id);
      assert.equal(rows[0]!.status, 'stored');
      assert.equal(rows[0]!.source, 'imap');
    }
    const korean = (await inbound('imap-2@customer.test'))[0]!;
    const ticket = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${korean.ticket_id}`);
    assert.equal((ticket.json() as { subject: string }).subject, EUC_KR_SUBJECT.text);
    const yuri = (await inbound('imap-3@customer.test'))[0]!;
    assert.match((await messagesOnTicket(yuri.ticket_id!))[0]!.bodyText, /영수증을 다시 보내주실/);

    const flags = await withImap(async (client) => {
      await client.mailboxOpen('INBOX', { readOnly: true });
      const out = new Map<number, Set<string>>();
      for await (const m of client.fetch('1:*', { uid: true, flags: true }, { uid: true })) {
        out.set(m.uid, m.flags ?? new Set());
      }
      return out;
    });
    for (const uid of uids) assert.ok(flags.get(uid)?.has('\\Seen'), `UID ${uid} is \\Seen`);
  });

  test('new mail arrives while the connection IDLEs', async () => {
    // The rescan interval is two minutes: only the server's EXISTS can bring this in time.
    const uid = await append(
      plainMessage({
        from: 'Carlos Diaz <carlos@customer.test>',
        to: ADDRESS,
        subject: 'Order 5521 arrived damaged',
        body: 'The box was crushed.',
        messageId: 'imap-idle@customer.test',
      }),
    );
    await lastUidReaches(uid);
    const rows = await inbound('imap-idle@customer.test');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'stored');
  });

  test('the same Message-ID over SMTP and IMAP yields one message', async () => {
    const raw = plainMessage({
      from: 'Dana Kim <dana@customer.test>',
      to: ADDRESS,
      subject: 'Both ways',
      body: 'Delivered to you and kept on the IMAP server.',
      messageId: 'both-ways@customer.test',
    });
    const info = await nodemailer
      .createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from: 'dana@customer.test', to: [ADDRESS] }, raw });
    assert.match(info.response, /^250 /);
    const uid = await append(raw);
    await lastUidReaches(uid);
    const rows = await inbound('both-ways@customer.test');
    assert.deepEqual(rows.map((r) => [r.source, r.status]).sort(), [
      ['imap', 'duplicate'],
      ['smtp', 'stored'],
    ]);
    assert.equal((await messagesOnTicket(rows.find((r) => r.status === 'stored')!.ticket_id!)).length, 1);
  });

  test('a second instance does not poll a leased mailbox', async () => {
    const other = await startPoller('poller-b');
    assert.deepEqual(other.active(), []);
    assert.equal((await state())?.lease_owner, 'poller-a');
    await stopPoller(other);
  });

  test('a restarted poller, or one that crashed before saving its position, adds nothing twice', async () => {
    const before = { messages: await countRows('messages'), tickets: await countRows('tickets') };
    const lastUid = Number((await state())!.last_uid);
    await stopPoller(pollers.find((p) => p.instanceId === 'poller-a')!);
    assert.equal((await state())?.lease_owner, null, 'a clean stop releases the lease');

    // A clean restart continues where it stopped.
    const restarted = await startPoller('poller-c');
    assert.deepEqual(restarted.active(), [mailboxId]);
    const uid = await append(
      plainMessage({
        from: 'Eve Stone <eve@customer.test>',
        to: ADDRESS,
        subject: 'After the restart',
        body: 'One new mail.',
        messageId: 'after-restart@customer.test',
      }),
    );
    await lastUidReaches(uid);
    assert.equal(await countRows('messages'), before.messages + 1);
    assert.equal(await countRows('tickets'), before.tickets + 1);
    await stopPoller(restarted);

    // A crash after storing but before saving the position: everything is fetched again.
    await t.deps.db
      .updateTable('imap_sync_state')
      .set({ last_uid: 0 })
      .where('mailbox_id', '=', mailboxId)
      .execute();
    const inboundBefore = await countRows('inbound_emails');
    await startPoller('poller-d');
    await lastUidReaches(uid);
    assert.ok(uid > lastUid);
    assert.equal(await countRows('messages'), before.messages + 1, 'no message twice');
    assert.equal(await countRows('tickets'), before.tickets + 1, 'no ticket twice');
    assert.equal(
      await countRows('inbound_emails'),
      inboundBefore + uid,
      'each refetch is recorded as a duplicate',
    );
  });

  test('a new UIDVALIDITY starts the folder over', async () => {
    for (const poller of [...pollers]) await stopPoller(poller);
    const oldValidity = (await state())!.uid_validity;
    // The mailbox now reads another folder, whose UIDs (starting at 1 again, below the saved
    // position) belong to another UIDVALIDITY, exactly as after a folder is recreated.
    await withImap((client) => client.mailboxCreate('Support'));
    await t.deps.db
      .updateTable('mailboxes')
      .set({ imap_folder: 'Support', updated_at: new Date() })
      .where('id', '=', mailboxId)
      .execute();
    const uid = await append(
      plainMessage({
        from: 'Fay Lee <fay@customer.test>',
        to: ADDRESS,
        subject: 'In the new folder',
        body: 'UID 1 again.',
        messageId: 'new-validity@customer.test',
      }),
      'Support',
    );
    assert.equal(uid, 1);
    await startPoller('poller-e');
    const s = await eventually('the new UIDVALIDITY', async () => {
      const current = await state();
      return current && current.uid_validity !== oldValidity && Number(current.last_uid) === 1
        ? current
        : undefined;
    });
    assert.notEqual(s.uid_validity, oldValidity);
    const rows = await inbound('new-validity@customer.test');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'stored');
  });

  test('a wrong password is recorded and retried; the corrected one resumes polling', async () => {
    const poller = pollers.find((p) => p.instanceId === 'poller-e')!;
    await t.deps.db
      .updateTable('mailboxes')
      .set({ imap_password_encrypted: box.encrypt('not-the-password'), updated_at: new Date() })
      .where('id', '=', mailboxId)
      .execute();
    await poller.rescan();
    const failing = await eventually('the login error', async () => {
      const s = await state();
      return s?.last_error ? s : undefined;
    });
    assert.match(failing.last_error ?? '', /auth|login|fail/i);
    const uid = await append(
      plainMessage({
        from: 'Gus Hall <gus@customer.test>',
        to: ADDRESS,
        subject: 'Waiting while the password was wrong',
        body: 'Still here.',
        messageId: 'after-fix@customer.test',
      }),
      'Support',
    );
    await t.deps.db
      .updateTable('mailboxes')
      .set({ imap_password_encrypted: box.encrypt(USER.password), updated_at: new Date() })
      .where('id', '=', mailboxId)
      .execute();
    await poller.rescan();
    const s = await lastUidReaches(uid);
    assert.equal(s.last_error, null);
    assert.equal((await inbound('after-fix@customer.test'))[0]?.status, 'stored');
  });

  test("a crashed instance's lease is taken over only once it expired", async () => {
    for (const poller of [...pollers]) await stopPoller(poller);
    await t.deps.db
      .updateTable('imap_sync_state')
      .set({ lease_owner: 'crashed-instance', lease_until: new Date(Date.now() + 3_600_000) })
      .where('mailbox_id', '=', mailboxId)
      .execute();
    const poller = await startPoller('poller-f');
    assert.deepEqual(poller.active(), [], 'a live lease is respected');
    await t.deps.db
      .updateTable('imap_sync_state')
      .set({ lease_until: new Date(Date.now() - 1000) })
      .where('mailbox_id', '=', mailboxId)
      .execute();
    await poller.rescan();
    assert.deepEqual(poller.active(), [mailboxId]);
    assert.equal((await state())?.lease_owner, 'poller-f');
  });
});
