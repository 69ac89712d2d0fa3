/**
 * Outbound mail end to end: a real `switchboard start` process receives a customer's mail on
 * its SMTP port, an agent answers over HTTP, the process's job worker sends the answer to a
 * real SMTP sink on loopback, and the headers thread with the customer's mail; the
 * customer's answer to it (a new subject, only the headers to go by) lands on the same ticket.
 * Runs on both engines.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { openConfiguredDatabase } from '../packages/server/src/bootstrap.ts';
import { loadConfig } from '../packages/server/src/config/config.ts';
import { type SmtpSink, startSmtpSink } from '../packages/server/test/support/smtp-sink.ts';
import { testEngine } from '../packages/server/test/support/test-database.ts';
import { freePort } from './support/dovecot.ts';
import { createScratchDatabase, runCli, type ScratchDatabase, startInstance } from './support/instances.ts';
import { eventually, insertMailbox, TEST_SECRET_KEY } from './support/smtp-mailbox.ts';

const CUSTOMER = 'jihoon@customer.test';
const MAILBOX = 'help@e2e.test';

describe('outbound mail from a running server', { timeout: 300_000 }, () => {
  let scratch: ScratchDatabase | null = null;
  let dataDir = '';
  let sink: SmtpSink;

  before(async () => {
    sink = await startSmtpSink();
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-outbound-'));
    if (testEngine === 'postgres') {
      scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL ?? '', 'sb_e2e_outbound');
    }
  });

  after(async () => {
    await sink?.close();
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('an agent reply reaches the SMTP sink threaded with the mail it answers, and the answer threads back', async () => {
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
      await insertMailbox(database.db, { workspaceId: workspace.id, address: MAILBOX, name: 'E2E Help' });
      await database.db
        .updateTable('mailboxes')
        .set({ from_name: 'E2E 고객센터', signature_text: 'E2E 고객센터 드림' })
        .where('address', '=', MAILBOX)
        .execute();
    } finally {
      await database.close();
    }
    const smtpPort = await freePort();
    const instance = await startInstance('outbound', {
      ...env,
      SWITCHBOARD_SMTP_PORT: String(smtpPort),
      SWITCHBOARD_SMTP_HOST: '127.0.0.1',
      SWITCHBOARD_SMTP_OUTBOUND_URL: sink.url,
    });
    const api = async (method: string, path: string, body?: object) => {
      const response = await fetch(`${instance.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      assert.ok(
        response.status < 300,
        `${method} ${path}: ${response.status} ${await response.clone().text()}`,
      );
      return response.json() as Promise<Record<string, unknown>>;
    };
    const inbound = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await inbound.sendMail({
        from: `"박지훈" <${CUSTOMER}>`,
        to: MAILBOX,
        subject: '비밀번호를 재설정할 수 없습니다',
        text: '재설정 메일이 오지 않습니다.',
        messageId: '<first-question@customer.test>',
        references: '<earlier@customer.test>',
      });
      const tickets = (await api('GET', '/tickets')).data as {
        id: string;
        number: number;
        subject: string;
      }[];
      assert.equal(tickets.length, 1);
      const ticket = tickets[0]!;

      const reply = await api('POST', `/tickets/${ticket.id}/messages`, {
        bodyText: '재설정 링크를 다시 보내드렸습니다.',
        visibility: 'public',
      });
      assert.deepEqual(reply.delivery, { status: 'queued', error: null, sentAt: null });

      const [mail] = await sink.waitFor(CUSTOMER);
      assert.ok(mail);
      assert.deepEqual(mail.parsed.from, { address: MAILBOX, name: 'E2E 고객센터' });
      assert.deepEqual(mail.envelopeTo, [CUSTOMER]);
      assert.equal(mail.parsed.subject, `Re: [#${ticket.number}] 비밀번호를 재설정할 수 없습니다`);
      const ourId = mail.header('Message-ID') ?? '';
      assert.match(ourId, /^<[0-9a-f-]{36}@e2e\.test>$/);
      assert.equal(mail.header('In-Reply-To'), '<first-question@customer.test>');
      assert.equal(mail.header('References'), '<earlier@customer.test> <first-question@customer.test>');
      assert.match(mail.parsed.replyTo?.[0]?.address ?? '', /^help\+[0-9a-f]{42}@e2e\.test$/);
      assert.match(mail.parsed.text ?? '', /재설정 링크를 다시 보내드렸습니다\./);
      assert.match(mail.parsed.text ?? '', /E2E 고객센터 드림/);

      const delivered = await eventually('the delivery state', async () => {
        const messages = (await api('GET', `/tickets/${ticket.id}/messages`)).data as {
          id: string;
          delivery: { status: string; sentAt: string | null } | null;
        }[];
        const ours = messages.find((m) => m.id === reply.id);
        return ours?.delivery?.status === 'sent' ? ours.delivery : undefined;
      });
      assert.ok(delivered.sentAt);

      // The customer's client answers our mail under a subject of its own: the headers decide.
      await inbound.sendMail({
        from: CUSTOMER,
        to: MAILBOX,
        subject: 'Re: that link',
        text: '받았습니다. 감사합니다.',
        messageId: '<second@customer.test>',
        inReplyTo: ourId,
        references: `<first-question@customer.test> ${ourId}`,
      });
      const after = (await api('GET', '/tickets')).data as { id: string }[];
      assert.equal(after.length, 1, 'no new ticket');
      const messages = (await api('GET', `/tickets/${ticket.id}/messages`)).data as { bodyText: string }[];
      assert.equal(messages.length, 3);
      assert.match(messages[2]!.bodyText, /받았습니다/);
    } finally {
      inbound.close();
      const code = await instance.stop();
      assert.equal(code, 0, instance.output());
    }
  });
});
