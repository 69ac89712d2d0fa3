import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createTestContext, type TestContext } from './support/test-app.ts';

const MAX_BYTES = 64 * 1024;

let t: TestContext;
before(async () => {
  t = await createTestContext({ SWITCHBOARD_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
});
after(async () => {
  await t?.close();
});

const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from('견적 금액: 1,200,000원\n'),
  Buffer.alloc(300, 7),
]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function upload(token: string, filename: string | undefined, content: Buffer, contentType?: string) {
  const query = filename === undefined ? '' : `?filename=${encodeURIComponent(filename)}`;
  return t.call(
    token,
    'POST',
    `/api/v1/attachments${query}`,
    content,
    contentType ? { 'content-type': contentType } : {},
  );
}

const newTicket = (attachmentIds: string[]) => ({
  subject: '견적서 보내드립니다',
  requester: { email: 'seoyeon.park@example.kr', name: '박서연' },
  message: { bodyText: '요청하신 견적서를 첨부합니다.', attachmentIds },
  channel: 'email',
});

/** The decoded `filename*` of a Content-Disposition header (RFC 8187). */
function extendedFilename(header: string | undefined): string | undefined {
  const match = /filename\*=UTF-8''([^;\s]+)/.exec(header ?? '');
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

async function countRows(table: 'attachments' | 'tickets', workspaceId: string): Promise<number> {
  const row = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('upload, claim and download', () => {
  test('a Korean-named PDF round-trips byte for byte through a ticket message', async () => {
    const uploaded = await upload(t.ws.agent.token, '견적서.pdf', pdf, 'application/pdf');
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const attachment = uploaded.json();
    assert.equal(attachment.filename, '견적서.pdf');
    assert.equal(attachment.contentType, 'application/pdf');
    assert.equal(attachment.sizeBytes, pdf.length);
    assert.equal(attachment.sha256, sha256(pdf));
    assert.equal(attachment.messageId, null);
    assert.equal(uploaded.headers.location, `/api/v1/attachments/${attachment.id}`);

    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', newTicket([attachment.id]));
    assert.equal(created.statusCode, 201, created.body);
    const messages = (
      await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${created.json().id}/messages`)
    ).json();
    const message = messages.data[0];
    assert.deepEqual(
      message.attachments.map((a: { id: string }) => a.id),
      [attachment.id],
    );
    const meta = await t.call(t.ws.lightAgent.token, 'GET', `/api/v1/attachments/${attachment.id}`);
    assert.equal(meta.statusCode, 200, meta.body);
    assert.equal(meta.json().messageId, message.id);

    const download = await t.call(
      t.ws.lightAgent.token,
      'GET',
      `/api/v1/attachments/${attachment.id}/content`,
    );
    assert.equal(download.statusCode, 200, download.body);
    assert.ok(download.rawPayload.equals(pdf));
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['content-length'], String(pdf.length));
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(download.headers['cache-control'], 'private, max-age=31536000, immutable');
    assert.equal(download.headers.etag, `"${sha256(pdf)}"`);
    const disposition = download.headers['content-disposition'] as string;
    assert.match(disposition, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    assert.equal(extendedFilename(disposition), '견적서.pdf');

    const cached = await t.call(
      t.ws.agent.token,
      'GET',
      `/api/v1/attachments/${attachment.id}/content`,
      undefined,
      {
        'if-none-match': `"${sha256(pdf)}"`,
      },
    );
    assert.equal(cached.statusCode, 304);
    assert.equal(cached.rawPayload.length, 0);

    const reused = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', newTicket([attachment.id]));
    assert.equal(reused.statusCode, 422, 'an attachment belongs to one message only');
    assert.equal(reused.json().errors[0].pointer, '/message/attachmentIds');
  });

  test('a reply claims an attachment and the upload is in the event log', async () => {
    const ticket = (
      await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
        ...newTicket([]),
        message: { bodyText: '문의드립니다' },
      })
    ).json();
    const csv = Buffer.from('주문번호,금액\n10234,55000\n');
    const attachment = (
      await upload(t.ws.agent.token, '주문 내역.csv', csv, 'text/csv; charset=UTF-8')
    ).json();
    assert.equal(attachment.contentType, 'text/csv; charset=utf-8');
    const reply = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      attachmentIds: [attachment.id],
    });
    assert.equal(reply.statusCode, 201, reply.body);
    assert.equal(reply.json().attachments[0].id, attachment.id);
    assert.equal(reply.json().attachments[0].messageId, reply.json().id);

    const events = (
      await t.call(
        t.ws.admin.token,
        'GET',
        `/api/v1/events?subjectType=attachment&subjectId=${attachment.id}`,
      )
    ).json();
    assert.equal(events.data.length, 1);
    assert.equal(events.data[0].type, 'attachment.uploaded');
    assert.deepEqual(events.data[0].data, {
      filename: '주문 내역.csv',
      contentType: 'text/csv; charset=utf-8',
      sizeBytes: csv.length,
      sha256: sha256(csv),
    });

    const download = await t.call(t.ws.agent.token, 'GET', `/api/v1/attachments/${attachment.id}/content`);
    assert.equal(download.headers['content-type'], 'text/csv; charset=utf-8');
    assert.ok(download.rawPayload.equals(csv));
  });

  test('a JSON file is stored as raw bytes, not parsed', async () => {
    const json = Buffer.from('{ "주문": 10234,\n  "items": [] }\n');
    const uploaded = await upload(t.ws.agent.token, 'order.json', json, 'application/json');
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const download = await t.call(
      t.ws.agent.token,
      'GET',
      `/api/v1/attachments/${uploaded.json().id}/content`,
    );
    assert.ok(download.rawPayload.equals(json));
  });

  test('SVG is accepted but served as opaque bytes', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const uploaded = await upload(t.ws.agent.token, 'logo.svg', svg, 'image/svg+xml');
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    assert.equal(uploaded.json().contentType, 'image/svg+xml');
    const download = await t.call(
      t.ws.agent.token,
      'GET',
      `/api/v1/attachments/${uploaded.json().id}/content`,
    );
    assert.equal(download.headers['content-type'], 'application/octet-stream');
    assert.match(download.headers['content-disposition'] as string, /^attachment;/);
  });

  test('identical content is stored once, under its sha256, for two attachment rows', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(500, 3),
    ]);
    const first = (await upload(t.ws.agent.token, 'screenshot.png', png, 'image/png')).json();
    const second = (await upload(t.ws.lightAgent.token, '화면 캡처.png', png, 'image/png')).json();
    assert.notEqual(first.id, second.id);
    assert.equal(first.sha256, second.sha256);
    const digest = sha256(png);
    const dir = join(t.deps.config.SWITCHBOARD_DATA_DIR, 'attachments', digest.slice(0, 2));
    assert.deepEqual(readdirSync(dir), [digest.slice(2)]);
    const rows = await t.database.db
      .selectFrom('attachments')
      .select('id')
      .where('sha256', '=', digest)
      .execute();
    assert.equal(rows.length, 2);
  });

  test('file names lose path segments and control characters and are NFC-normalised', async () => {
    const cases: [string, string][] = [
      ['C:\\Users\\kim\\Desktop\\report.pdf', 'report.pdf'],
      ['../../etc/passwd.txt', 'passwd.txt'],
      ['invoice\u202Efdp.txt', 'invoicefdp.txt'],
      ['line\r\nbreak\u0000.txt', 'linebreak.txt'],
      ['\u1100\u1161\u11a8.txt', '각.txt'],
    ];
    for (const [given, stored] of cases) {
      const res = await upload(t.ws.agent.token, given, Buffer.from('hello'), 'text/plain');
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().filename, stored);
    }
  });
});

describe('upload refusals', () => {
  test('a body over the limit answers 413 ATTACHMENT_TOO_LARGE; exactly the limit is fine', async () => {
    const before = await countRows('attachments', t.ws.id);
    const over = await upload(t.ws.agent.token, 'big.pdf', Buffer.alloc(MAX_BYTES + 1, 1), 'application/pdf');
    assert.equal(over.statusCode, 413, over.body);
    assert.equal(over.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(over.json().code, 'ATTACHMENT_TOO_LARGE');
    assert.equal(over.json().maxBytes, MAX_BYTES);
    assert.equal(await countRows('attachments', t.ws.id), before);

    const atLimit = await upload(t.ws.agent.token, 'big.pdf', Buffer.alloc(MAX_BYTES, 1), 'application/pdf');
    assert.equal(atLimit.statusCode, 201, atLimit.body);
  });

  test('a chunked body running past the limit is cut off with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments?filename=stream.pdf',
      headers: { authorization: `Bearer ${t.ws.agent.token}`, 'content-type': 'application/pdf' },
      payload: Readable.from([Buffer.alloc(MAX_BYTES, 1), Buffer.alloc(10, 1)]),
    });
    assert.equal(res.statusCode, 413, res.body);
    // No Content-Length to refuse up front: the body parser stops at the limit instead.
    assert.equal(res.json().code, 'REQUEST_TOO_LARGE');
  });

  test('a media type outside the allow-list answers 415', async () => {
    for (const type of ['application/x-msdownload', 'text/html', 'application/x-sh']) {
      const res = await upload(t.ws.agent.token, 'file.bin', Buffer.from('data'), type);
      assert.equal(res.statusCode, 415, `${type}: ${res.body}`);
      assert.equal(res.json().code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    }
    const untyped = await upload(t.ws.agent.token, 'file.bin', Buffer.from('data'));
    assert.equal(untyped.statusCode, 415, untyped.body);
    assert.equal(untyped.json().code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  test('an executable is refused whatever type it claims', async () => {
    const before = await countRows('attachments', t.ws.id);
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(200, 0)]);
    for (const [content, type] of [
      [pe, 'application/pdf'],
      [pe, 'application/octet-stream'],
      [elf, 'image/png'],
    ] as const) {
      const res = await upload(t.ws.agent.token, 'invoice.pdf', content, type);
      assert.equal(res.statusCode, 415, res.body);
      assert.equal(res.json().code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    }
    assert.equal(await countRows('attachments', t.ws.id), before);
  });

  test('a missing or empty file name, or an empty file, answers 422', async () => {
    for (const filename of [undefined, '', '../', '\u0000\u0001']) {
      const res = await upload(t.ws.agent.token, filename, Buffer.from('hello'), 'text/plain');
      assert.equal(res.statusCode, 422, `${JSON.stringify(filename)}: ${res.body}`);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
      assert.equal(res.json().errors[0].parameter, 'filename');
    }
    const long = await upload(t.ws.agent.token, `${'가'.repeat(256)}.txt`, Buffer.from('x'), 'text/plain');
    assert.equal(long.statusCode, 422, long.body);
    const empty = await upload(t.ws.agent.token, 'empty.txt', Buffer.alloc(0), 'text/plain');
    assert.equal(empty.statusCode, 422, empty.body);
  });

  test('uploads need a token; JSON elsewhere still parses as JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments?filename=a.txt',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    assert.equal(res.statusCode, 401);
    const created = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      ...newTicket([]),
      message: { bodyText: 'JSON still works' },
    });
    assert.equal(created.statusCode, 201, created.body);
  });
});

describe('workspace isolation', () => {
  test("another workspace's attachment is invisible and cannot be claimed", async () => {
    const other = await t.addWorkspace('other-attachments');
    const attachment = (await upload(t.ws.agent.token, '견적서.pdf', pdf, 'application/pdf')).json();

    for (const url of [
      `/api/v1/attachments/${attachment.id}`,
      `/api/v1/attachments/${attachment.id}/content`,
    ]) {
      const res = await t.call(other.agent.token, 'GET', url);
      assert.equal(res.statusCode, 404, res.body);
      assert.equal(res.json().code, 'ATTACHMENT_NOT_FOUND');
    }

    const claimed = await t.call(other.agent.token, 'POST', '/api/v1/tickets', newTicket([attachment.id]));
    assert.equal(claimed.statusCode, 422, claimed.body);
    assert.equal(claimed.json().errors[0].pointer, '/message/attachmentIds');
    assert.equal(await countRows('tickets', other.id), 0);
    const meta = (await t.call(t.ws.agent.token, 'GET', `/api/v1/attachments/${attachment.id}`)).json();
    assert.equal(meta.messageId, null, 'the failed claim left the attachment unclaimed');
  });
});
