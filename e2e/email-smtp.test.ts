/**
 * Inbound mail over real SMTP: nodemailer (and a bare protocol client for exact replies)
 * talks to the built-in SMTP server listening on a loopback port, and the tickets are read
 * back through the REST API. Runs on both engines; the last journey runs `switchboard start`
 * as a real process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ImapFlow } from 'imapflow';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { openConfiguredDatabase } from '../packages/server/src/bootstrap.ts';
import { loadConfig } from '../packages/server/src/config/config.ts';
import {
  type InboundSmtpServer,
  smtpOptionsFromConfig,
  startSmtpServer,
} from '../packages/server/src/modules/email/smtp-server.ts';
import { createTestContext, type TestContext } from '../packages/server/test/support/test-app.ts';
import { testEngine } from '../packages/server/test/support/test-database.ts';
import { type Dovecot, freePort, startDovecot } from './support/dovecot.ts';
import { createScratchDatabase, runCli, type ScratchDatabase, startInstance } from './support/instances.ts';
import { connectRawSmtp } from './support/smtp-client.ts';
import { eventually, insertMailbox, TEST_SECRET_KEY } from './support/smtp-mailbox.ts';
import { EUC_KR_BODY, EUC_KR_SUBJECT, eucKrMessage, plainMessage } from './support/smtp-messages.ts';

const MAX_BYTES = 512 * 1024;

type MessageJson = {
  bodyText: string;
  attachments: { filename: string; contentType: string; sizeBytes: number }[];
};

describe('inbound email over SMTP', { timeout: 180_000 }, () => {
  let t: TestContext;
  let smtp: InboundSmtpServer;

  before(async () => {
    t = await createTestContext({ SWITCHBOARD_SECRET_KEY: TEST_SECRET_KEY });
    await insertMailbox(t.deps.db, { workspaceId: t.ws.id, address: 'support@acme.test' });
    smtp = await startSmtpServer(t.deps, {
      port: 0,
      host: '127.0.0.1',
      maxBytes: MAX_BYTES,
      maxClients: 20,
      socketTimeoutMs: 30_000,
      closeTimeoutMs: 2000,
    });
  });

  after(async () => {
    await smtp?.close();
    await t?.close();
  });

  const transport = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

  async function ticketOf(messageId: string): Promise<string> {
    const row = await t.deps.db
      .selectFrom('inbound_emails')
      .select(['ticket_id', 'status'])
      .where('workspace_id', '=', t.ws.id)
      .where('message_id_header', '=', messageId)
      .where('status', '=', 'stored')
      .executeTakeFirst();
    assert.ok(row?.ticket_id, `no stored inbound mail for ${messageId}`);
    return row.ticket_id;
  }

  async function readTicket(ticketId: string) {
    const ticket = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticketId}`);
    assert.equal(ticket.statusCode, 200, ticket.body);
    const messages = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticketId}/messages`);
    assert.equal(messages.statusCode, 200, messages.body);
    return {
      ticket: ticket.json() as { subject: string; channel: string; requesterId: string },
      messages: (messages.json() as { data: MessageJson[] }).data,
    };
  }

  async function counts() {
    const count = async (table: 'tickets' | 'messages' | 'contacts' | 'inbound_emails') =>
      (
        await t.deps.db
          .selectFrom(table)
          .select(sql<number>`count(*)::int`.as('n'))
          .where('workspace_id', '=', t.ws.id)
          .executeTakeFirstOrThrow()
      ).n;
    return {
      tickets: await count('tickets'),
      messages: await count('messages'),
      contacts: await count('contacts'),
      inbound: await count('inbound_emails'),
    };
  }

  test('a Korean UTF-8 mail with an attachment opens a ticket readable through the API', async () => {
    const pdf = Buffer.alloc(30_000, 0x25);
    const info = await transport().sendMail({
      from: '"이서연" <seoyeon@customer.test>',
      to: 'support@acme.test',
      subject: '환불 요청드립니다 (주문 2026-77)',
      text: '안녕하세요.\n지난주 주문한 상품을 환불하고 싶습니다.\n감사합니다.',
      messageId: '<utf8-refund@customer.test>',
      attachments: [{ filename: '영수증.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    assert.match(info.response, /^250 /);
    const { ticket, messages } = await readTicket(await ticketOf('utf8-refund@customer.test'));
    assert.equal(ticket.subject, '환불 요청드립니다 (주문 2026-77)');
    assert.equal(ticket.channel, 'email');
    assert.equal(messages.length, 1);
    assert.match(messages[0]!.bodyText, /지난주 주문한 상품을 환불하고 싶습니다/);
    assert.equal(messages[0]!.attachments.length, 1);
    assert.equal(messages[0]!.attachments[0]!.filename, '영수증.pdf');
    assert.equal(messages[0]!.attachments[0]!.sizeBytes, pdf.length);
  });

  test('an EUC-KR mail is decoded', async () => {
    assert.equal(
      new TextDecoder('euc-kr').decode(Buffer.from(EUC_KR_SUBJECT.base64, 'base64')),
      EUC_KR_SUBJECT.text,
    );
    const info = await transport().sendMail({
      envelope: { from: 'jisu@customer.test', to: ['support@acme.test'] },
      raw: eucKrMessage({
        from: 'jisu@customer.test',
        to: 'support@acme.test',
        messageId: 'euckr-1@customer.test',
      }),
    });
    assert.match(info.response, /^250 /);
    const { ticket, messages } = await readTicket(await ticketOf('euckr-1@customer.test'));
    assert.equal(ticket.subject, EUC_KR_SUBJECT.text);
    assert.match(messages[0]!.bodyText, /주문한 상품이 아직 도착하지 않았습니다/);
    assert.match(EUC_KR_BODY.text, /2026-1123/);
    assert.match(messages[0]!.bodyText, /2026-1123/);
  });

  test('unknown recipients get 550; a plus-addressed mailbox is accepted', async () => {
    const client = await connectRawSmtp(smtp.port);
    try {
      assert.equal(client.greeting.code, 220);
      const ehlo = await client.send('EHLO client.test');
      assert.equal(ehlo.code, 250);
      assert.doesNotMatch(ehlo.text, /STARTTLS/, 'no certificate, no STARTTLS');
      assert.doesNotMatch(ehlo.text, /AUTH/, 'an MX takes no logins');
      assert.equal((await client.send('MAIL FROM:<someone@customer.test>')).code, 250);
      const unknown = await client.send('RCPT TO:<nobody@acme.test>');
      assert.equal(unknown.code, 550, unknown.text);
      const otherDomain = await client.send('RCPT TO:<support@elsewhere.test>');
      assert.equal(otherDomain.code, 550, otherDomain.text);
      assert.equal((await client.send('RCPT TO:<Support+t-123@ACME.test>')).code, 250);
      assert.equal((await client.send('QUIT')).code, 221);
    } finally {
      client.close();
    }
    await assert.rejects(
      transport().sendMail({
        from: 'someone@customer.test',
        to: 'nobody@acme.test',
        subject: 'x',
        text: 'x',
      }),
      (error: { responseCode?: number }) => error.responseCode === 550,
    );
  });

  test('mail over the size limit gets 552, declared or not, and nothing is stored', async () => {
    const before = await counts();
    const client = await connectRawSmtp(smtp.port);
    try {
      const ehlo = await client.send('EHLO client.test');
      assert.match(ehlo.text, new RegExp(`SIZE ${MAX_BYTES}`));
      const declared = await client.send(`MAIL FROM:<big@customer.test> SIZE=${MAX_BYTES + 1}`);
      assert.equal(declared.code, 552, declared.text);
      assert.equal((await client.send('RSET')).code, 250);
      assert.equal((await client.send('MAIL FROM:<big@customer.test>')).code, 250);
      assert.equal((await client.send('RCPT TO:<support@acme.test>')).code, 250);
      assert.equal((await client.send('DATA')).code, 354);
      const body = `${'0123456789abcdef'.repeat(63)}\r\n`.repeat(Math.ceil((MAX_BYTES * 1.2) / 1010));
      const reply = await client.data(
        plainMessage({
          from: 'big@customer.test',
          to: 'support@acme.test',
          subject: 'Too big',
          body,
          messageId: 'too-big@customer.test',
        }),
      );
      assert.equal(reply.code, 552, reply.text);
      // The connection stays usable for the next message.
      assert.equal((await client.send('RSET')).code, 250);
    } finally {
      client.close();
    }
    assert.deepEqual(await counts(), before);
  });

  test('a 25 MB attachment arrives whole under the default size limits', async () => {
    // A server with the shipped limits (40 MB of mail, 25 MiB per attachment), not this suite's small one.
    const big = await startSmtpServer(t.deps, {
      port: 0,
      host: '127.0.0.1',
      maxBytes: t.deps.config.SWITCHBOARD_EMAIL_MAX_BYTES,
      maxClients: 2,
      socketTimeoutMs: 120_000,
      closeTimeoutMs: 2000,
    });
    try {
      const file = Buffer.alloc(25_000_000);
      for (let i = 0; i < file.length; i += 4096) file.writeUInt32BE((i * 2654435761) >>> 0, i);
      const info = await nodemailer
        .createTransport({ host: '127.0.0.1', port: big.port, secure: false, ignoreTLS: true })
        .sendMail({
          from: 'scanner@customer.test',
          to: 'support@acme.test',
          subject: '스캔한 계약서 원본',
          text: '첨부 파일을 확인해 주세요.',
          messageId: '<scan-25mb@customer.test>',
          attachments: [{ filename: 'contract.pdf', content: file, contentType: 'application/pdf' }],
        });
      assert.match(info.response, /^250 /);
      const { messages } = await readTicket(await ticketOf('scan-25mb@customer.test'));
      const attachment = messages[0]?.attachments[0] as { id: string; sizeBytes: number } | undefined;
      assert.equal(attachment?.sizeBytes, file.length);
      const download = await t.call(t.ws.agent.token, 'GET', `/api/v1/attachments/${attachment?.id}/content`);
      assert.equal(download.statusCode, 200);
      assert.ok(download.rawPayload.equals(file), 'the bytes are the bytes that were sent');
    } finally {
      await big.close();
    }
  });

  test('a reply with In-Reply-To joins the ticket of the mail it answers', async () => {
    const send = (raw: string) =>
      transport().sendMail({ envelope: { from: 'minho@customer.test', to: ['support@acme.test'] }, raw });
    await send(
      plainMessage({
        from: 'Minho Park <minho@customer.test>',
        to: 'support@acme.test',
        subject: 'Invoice address is wrong',
        body: 'Please change the invoice address to Seoul.',
        messageId: 'thread-1@customer.test',
      }),
    );
    await send(
      plainMessage({
        from: 'Minho Park <minho@customer.test>',
        to: 'support@acme.test',
        subject: 'Re: Invoice address is wrong',
        body: 'Also the postcode is 04524.\n\nOn Monday Minho wrote:\n> Please change the invoice address to Seoul.',
        messageId: 'thread-2@customer.test',
        inReplyTo: 'thread-1@customer.test',
      }),
    );
    const first = await ticketOf('thread-1@customer.test');
    assert.equal(await ticketOf('thread-2@customer.test'), first);
    const { messages } = await readTicket(first);
    assert.equal(messages.length, 2);
    assert.ok(messages.some((m) => m.bodyText.includes('04524')));
  });

  test('the same mail delivered twice is stored once', async () => {
    const raw = plainMessage({
      from: 'twice@customer.test',
      to: 'support@acme.test',
      subject: 'Sent twice by a retrying MTA',
      body: 'Hello twice.',
      messageId: 'twice@customer.test',
    });
    const envelope = { from: 'twice@customer.test', to: ['support@acme.test'] };
    assert.match((await transport().sendMail({ envelope, raw })).response, /^250 /);
    assert.match((await transport().sendMail({ envelope, raw })).response, /^250 /);
    const { messages } = await readTicket(await ticketOf('twice@customer.test'));
    assert.equal(messages.length, 1);
  });

  test('when storing fails the sender gets a 4xx, nothing is half-stored, and the retry stores it', async () => {
    // A real database failure: every insert into inbound_emails raises, as a full disk would.
    await sql`create function e2e_refuse_inbound() returns trigger language plpgsql as $$
      begin raise exception 'e2e: storage unavailable'; end $$`.execute(t.deps.db);
    await sql`create trigger e2e_refuse_inbound before insert on inbound_emails
      for each row execute function e2e_refuse_inbound()`.execute(t.deps.db);
    const raw = plainMessage({
      from: 'Retry Customer <retry@customer.test>',
      to: 'support@acme.test',
      subject: 'Will this survive?',
      body: 'The first attempt hits a broken database.',
      messageId: 'retry-1@customer.test',
    });
    const envelope = { from: 'retry@customer.test', to: ['support@acme.test'] };
    const before = await counts();
    try {
      await assert.rejects(transport().sendMail({ envelope, raw }), (error: { responseCode?: number }) => {
        assert.ok(
          error.responseCode !== undefined && error.responseCode >= 400 && error.responseCode < 500,
          String(error),
        );
        return true;
      });
      assert.deepEqual(await counts(), before, 'nothing of the refused mail was stored');
    } finally {
      await sql`drop trigger e2e_refuse_inbound on inbound_emails`.execute(t.deps.db);
      await sql`drop function e2e_refuse_inbound()`.execute(t.deps.db);
    }
    assert.match((await transport().sendMail({ envelope, raw })).response, /^250 /);
    const { messages } = await readTicket(await ticketOf('retry-1@customer.test'));
    assert.equal(messages.length, 1);
  });

  test('with a certificate configured, STARTTLS is offered and used', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-tls-'));
    ctx.after(() => rmSync(dir, { recursive: true, force: true }));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    const made = spawnSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost'],
        ...['-keyout', keyFile, '-out', certFile],
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    assert.equal(made.status, 0, made.stderr);
    const options = smtpOptionsFromConfig(
      loadConfig({
        SWITCHBOARD_SMTP_PORT: '2525',
        SWITCHBOARD_SMTP_TLS_CERT_FILE: certFile,
        SWITCHBOARD_SMTP_TLS_KEY_FILE: keyFile,
      }),
    );
    assert.ok(options?.tls);
    const tlsServer = await startSmtpServer(t.deps, {
      ...options,
      port: 0,
      host: '127.0.0.1',
      closeTimeoutMs: 2000,
    });
    try {
      const client = await connectRawSmtp(tlsServer.port);
      const ehlo = await client.send('EHLO client.test');
      client.close();
      assert.match(ehlo.text, /STARTTLS/);
      const info = await nodemailer
        .createTransport({
          host: '127.0.0.1',
          port: tlsServer.port,
          secure: false,
          requireTLS: true,
          tls: { rejectUnauthorized: false },
        })
        .sendMail({
          from: 'secure@customer.test',
          to: 'support@acme.test',
          subject: 'Over STARTTLS',
          text: 'Encrypted on the wire.',
          messageId: '<starttls@customer.test>',
        });
      assert.match(info.response, /^250 /);
      await ticketOf('starttls@customer.test');
    } finally {
      await tlsServer.close();
    }
  });

  test('several clients at once: every mail gets its own ticket', async () => {
    const sends = Array.from({ length: 12 }, (_, i) =>
      transport().sendMail({
        from: `parallel${i}@customer.test`,
        to: 'support@acme.test',
        subject: `Parallel question ${i}`,
        text: `Question number ${i}`,
        messageId: `<parallel-${i}@customer.test>`,
      }),
    );
    for (const info of await Promise.all(sends)) assert.match(info.response, /^250 /);
    const tickets = new Set<string>();
    for (let i = 0; i < 12; i += 1) tickets.add(await ticketOf(`parallel-${i}@customer.test`));
    assert.equal(tickets.size, 12);
  });
});

describe('switchboard start with SWITCHBOARD_SMTP_PORT', { timeout: 300_000 }, () => {
  let scratch: ScratchDatabase | null = null;
  let dataDir = '';
  let dovecot: Dovecot | null = null;
  const imapUser = { user: 'helpdesk', password: 'imap-secret-9' };

  before(async () => {
    dovecot = await startDovecot([imapUser]);
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-smtp-'));
    if (testEngine === 'postgres') {
      scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL ?? '', 'sb_e2e_smtp');
    }
  });

  after(async () => {
    await dovecot?.stop();
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('a real process receives mail over SMTP and polls IMAP, and serves the tickets over HTTP', async () => {
    const env: Record<string, string> = {
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_SEED_DEMO: 'false',
      SWITCHBOARD_SECRET_KEY: TEST_SECRET_KEY,
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    };
    runCli(
      ['admin', 'create', '--email', 'lead@e2e.test', '--name', 'Lead', '--password', 'a-long-password-1'],
      env,
    );
    const token = runCli(['token', 'create', '--email', 'lead@e2e.test'], env).trim();
    const database = await openConfiguredDatabase(loadConfig(env));
    try {
      const workspace = await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
      await insertMailbox(database.db, { workspaceId: workspace.id, address: 'help@e2e.test' });
      const imap = dovecot!;
      await insertMailbox(database.db, {
        workspaceId: workspace.id,
        address: 'imap-help@e2e.test',
        imap: { host: imap.host, port: imap.port, ...imapUser },
      });
    } finally {
      await database.close();
    }
    const smtpPort = await freePort();
    const instance = await startInstance('smtp', {
      ...env,
      SWITCHBOARD_SMTP_PORT: String(smtpPort),
      SWITCHBOARD_SMTP_HOST: '127.0.0.1',
      SWITCHBOARD_IMAP_RESCAN_SECONDS: '1',
    });
    try {
      assert.match(instance.output(), new RegExp(`inbound SMTP: smtp://127\\.0\\.0\\.1:${smtpPort}`));
      const info = await nodemailer
        .createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true })
        .sendMail({
          from: '"박지훈" <jihoon@customer.test>',
          to: 'help@e2e.test',
          subject: '비밀번호를 재설정할 수 없습니다',
          text: '재설정 메일이 오지 않습니다. 확인 부탁드립니다.',
        });
      assert.match(info.response, /^250 /);
      // The 250 came after the commit: the ticket is there on the first read.
      const list = await fetch(`${instance.url}/api/v1/tickets`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(list.status, 200);
      const tickets = ((await list.json()) as { data: { id: string; subject: string }[] }).data;
      const ticket = tickets.find((x) => x.subject === '비밀번호를 재설정할 수 없습니다');
      assert.ok(ticket, JSON.stringify(tickets));
      const response = await fetch(`${instance.url}/api/v1/tickets/${ticket.id}/messages`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const messages = ((await response.json()) as { data: MessageJson[] }).data;
      assert.equal(messages.length, 1);
      assert.match(messages[0]!.bodyText, /재설정 메일이 오지 않습니다/);

      // The background worker polls the IMAP mailbox (its password decrypted with the key).
      const client = new ImapFlow({
        host: dovecot!.host,
        port: dovecot!.port,
        secure: false,
        doSTARTTLS: false,
        auth: { user: imapUser.user, pass: imapUser.password },
        logger: false,
      });
      await client.connect();
      await client.append(
        'INBOX',
        Buffer.from(
          plainMessage({
            from: 'Kai Young <kai@customer.test>',
            to: 'imap-help@e2e.test',
            subject: 'Fetched by the worker',
            body: 'This one waited on the IMAP server.',
            messageId: 'worker-imap@customer.test',
          }),
        ),
      );
      await client.logout();
      const polled = await eventually('the IMAP ticket', async () => {
        const response = await fetch(`${instance.url}/api/v1/tickets`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await response.json()) as { data: { id: string; subject: string }[] };
        return body.data.find((x) => x.subject === 'Fetched by the worker');
      });
      assert.ok(polled.id);
    } finally {
      const code = await instance.stop();
      assert.equal(code, 0, instance.output());
    }
  });
});
