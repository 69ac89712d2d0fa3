/**
 * The messenger's visitor API over HTTP, and its WebSocket over a real port: sessions and
 * identity verification, idempotent sends, what a visitor may and may not see, CORS, and an
 * agent reply arriving on the visitor's socket through the realtime bus.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import WebSocket from 'ws';
import { hashVisitorToken } from '../src/modules/messenger/visitor-identity.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let workspaceKey = '';
let baseUrl = '';

before(async () => {
  t = await createTestContext(
    { SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('hex') },
    { realtime: true },
  );
  const settings = await t.call(t.ws.admin.token, 'GET', '/api/v1/messenger/settings');
  assert.equal(settings.statusCode, 200, settings.body);
  workspaceKey = settings.json().workspaceKey;
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
after(async () => {
  await t?.close();
});

const visitorCall = (
  token: string | null,
  method: 'GET' | 'POST' | 'OPTIONS',
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> =>
  t.app.inject({
    method,
    url,
    headers: { origin: 'https://shop.example.kr', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { payload: body as object } : {}),
  });

async function anonymousSession(preChat?: { name?: string; email?: string }): Promise<string> {
  const response = await visitorCall(null, 'POST', '/messenger/v1/sessions', {
    workspaceKey,
    language: 'ko',
    ...(preChat ? { preChat } : {}),
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().token;
}

async function startConversation(
  token: string,
  text: string,
  clientMessageId = randomBytes(8).toString('hex'),
) {
  const response = await visitorCall(token, 'POST', '/messenger/v1/conversations', {
    clientMessageId,
    bodyText: text,
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json() as { conversation: { id: string }; message: { id: string } };
}

describe('settings', () => {
  test('an admin changes the appearance; visitors read it by the public key', async () => {
    const put = await t.call(t.ws.admin.token, 'PUT', '/api/v1/messenger/settings', {
      brandColor: '#0F766E',
      greeting: { ko: '안녕하세요! 무엇을 도와드릴까요?', en: 'Hi! How can we help?' },
      preChat: { email: 'optional' },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().brandColor, '#0f766e');
    const read = await visitorCall(null, 'GET', `/messenger/v1/settings?workspaceKey=${workspaceKey}`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().greeting.ko, '안녕하세요! 무엇을 도와드릴까요?');
    assert.equal(read.headers['access-control-allow-origin'], '*');
    assert.equal('identitySecret' in read.json(), false);
  });

  test('agents may not read or change the settings', async () => {
    const response = await t.call(t.ws.agent.token, 'GET', '/api/v1/messenger/settings');
    assert.equal(response.statusCode, 403);
  });

  test('identity cannot be required before a secret exists', async () => {
    const other = await t.addWorkspace('nosecret');
    const response = await t.call(other.admin.token, 'PUT', '/api/v1/messenger/settings', {
      identityRequired: true,
    });
    assert.equal(response.statusCode, 422, response.body);
    assert.equal(response.json().errors[0].pointer, '/identityRequired');
  });
});

describe('sessions and identity', () => {
  let secret = '';
  before(async () => {
    const rotated = await t.call(t.ws.admin.token, 'POST', '/api/v1/messenger/settings/rotate-secret');
    assert.equal(rotated.statusCode, 200, rotated.body);
    secret = rotated.json().identitySecret;
    const settings = await t.call(t.ws.admin.token, 'GET', '/api/v1/messenger/settings');
    assert.equal(settings.json().identitySecretSet, true);
    assert.equal(JSON.stringify(settings.json()).includes(secret), false);
    const audit = await t.call(
      t.ws.admin.token,
      'GET',
      '/api/v1/events?type=messenger.identity_secret_rotated',
    );
    assert.equal(audit.json().data.length, 1, audit.body);
    assert.equal(audit.body.includes(secret), false);
    const stored = await t.deps.db.selectFrom('messenger_settings').select('identity_secret').execute();
    assert.equal(JSON.stringify(stored).includes(secret), false, 'stored sealed, never in the clear');
  });
  const sign = (id: string) => createHmac('sha256', secret).update(id).digest('hex');

  test('an unknown workspace key is refused', async () => {
    const response = await visitorCall(null, 'POST', '/messenger/v1/sessions', { workspaceKey: 'wk_nope' });
    assert.equal(response.statusCode, 401);
  });

  test('a visitor token unused for longer than the idle limit is refused', async () => {
    const token = await anonymousSession();
    assert.equal((await visitorCall(token, 'GET', '/messenger/v1/conversations')).statusCode, 200);
    const days = t.deps.config.SWITCHBOARD_MESSENGER_SESSION_IDLE_DAYS;
    await t.deps.db
      .updateTable('messenger_visitors')
      .set({ last_seen_at: new Date(Date.now() - (days + 1) * 86_400_000) })
      .where('token_hash', '=', hashVisitorToken(token))
      .execute();
    const expired = await visitorCall(token, 'GET', '/messenger/v1/conversations');
    assert.equal(expired.statusCode, 401);
    assert.match(expired.json().detail, /expired/);
  });

  test('a forged user hash answers 401 problem+json', async () => {
    const response = await visitorCall(null, 'POST', '/messenger/v1/sessions', {
      workspaceKey,
      user: { id: 'user-42', hash: sign('user-43') },
    });
    assert.equal(response.statusCode, 401, response.body);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    assert.equal(response.json().code, 'AUTH_INVALID_CREDENTIALS');
    assert.equal(response.headers['access-control-allow-origin'], '*');
  });

  test('an identified user sees its history from another session, an impostor does not', async () => {
    const session = async (id: string, hash: string) =>
      visitorCall(null, 'POST', '/messenger/v1/sessions', {
        workspaceKey,
        user: { id, hash, name: '이지은', email: 'jieun@example.kr' },
      });
    const first = await session('user-42', sign('user-42'));
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().visitor.identified, true);
    const started = await startConversation(first.json().token, '주문한 상품이 아직 안 왔어요');
    const second = await session('user-42', sign('user-42'));
    const listed = await visitorCall(second.json().token, 'GET', '/messenger/v1/conversations');
    assert.deepEqual(
      listed.json().data.map((c: { id: string }) => c.id),
      [started.conversation.id],
    );
    const ticket = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${started.conversation.id}`);
    assert.equal(ticket.json().channel, 'chat');
    const anonymous = await anonymousSession();
    const foreign = await visitorCall(anonymous, 'GET', '/messenger/v1/conversations');
    assert.deepEqual(foreign.json().data, []);
  });

  test('identity required: anonymous sessions are refused, identified ones accepted', async () => {
    const put = await t.call(t.ws.admin.token, 'PUT', '/api/v1/messenger/settings', {
      identityRequired: true,
    });
    assert.equal(put.statusCode, 200, put.body);
    try {
      const anonymous = await visitorCall(null, 'POST', '/messenger/v1/sessions', { workspaceKey });
      assert.equal(anonymous.statusCode, 401, anonymous.body);
      assert.equal(anonymous.json().code, 'AUTH_REQUIRED');
      const identified = await visitorCall(null, 'POST', '/messenger/v1/sessions', {
        workspaceKey,
        user: { id: 'user-7', hash: sign('user-7') },
      });
      assert.equal(identified.statusCode, 201, identified.body);
    } finally {
      await t.call(t.ws.admin.token, 'PUT', '/api/v1/messenger/settings', { identityRequired: false });
    }
  });
});

describe('conversations', () => {
  test('a conversation is a chat ticket; resending a clientMessageId never duplicates', async () => {
    const token = await anonymousSession({ name: '박서연', email: 'seoyeon@example.kr' });
    const first = await startConversation(token, '환불 요청합니다', 'first-message-1');
    const again = await visitorCall(token, 'POST', '/messenger/v1/conversations', {
      clientMessageId: 'first-message-1',
      bodyText: '환불 요청합니다',
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().conversation.id, first.conversation.id);
    const id = first.conversation.id;
    const send = () =>
      visitorCall(token, 'POST', `/messenger/v1/conversations/${id}/messages`, {
        clientMessageId: 'second-1',
        bodyText: '주문번호는 A-1024입니다',
      });
    const sent = await send();
    assert.equal(sent.statusCode, 201, sent.body);
    const resent = await send();
    assert.equal(resent.statusCode, 200, resent.body);
    assert.equal(resent.json().id, sent.json().id);
    const [x, y] = await Promise.all([
      visitorCall(token, 'POST', `/messenger/v1/conversations/${id}/messages`, {
        clientMessageId: 'race-1',
        bodyText: '동시에',
      }),
      visitorCall(token, 'POST', `/messenger/v1/conversations/${id}/messages`, {
        clientMessageId: 'race-1',
        bodyText: '동시에',
      }),
    ]);
    assert.deepEqual([x.statusCode, y.statusCode].sort(), [200, 201]);
    assert.equal(x.json().id, y.json().id);
    const messages = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}/messages`);
    assert.deepEqual(
      messages.json().data.map((m: { bodyText: string }) => m.bodyText),
      ['환불 요청합니다', '주문번호는 A-1024입니다', '동시에'],
    );
    const ticket = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}`)).json();
    const contact = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${ticket.requesterId}`)).json();
    assert.equal(contact.name, '박서연');
  });

  test('internal notes never reach the visitor; agent replies do, with the agent first name only', async () => {
    const token = await anonymousSession();
    const { conversation } = await startConversation(token, '배송 언제 되나요?');
    const note = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${conversation.id}/messages`, {
      bodyText: 'VIP 고객, 내부 메모: 환불 검토',
      visibility: 'internal',
    });
    assert.equal(note.statusCode, 201, note.body);
    const reply = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${conversation.id}/messages`, {
      bodyText: '내일 도착 예정입니다.',
    });
    assert.equal(reply.statusCode, 201, reply.body);
    const listed = await visitorCall(token, 'GET', `/messenger/v1/conversations/${conversation.id}/messages`);
    assert.equal(listed.statusCode, 200, listed.body);
    const data = listed.json().data as { bodyText: string; author: { type: string; name: string | null } }[];
    assert.deepEqual(
      data.map((m) => [m.author.type, m.bodyText]),
      [
        ['visitor', '배송 언제 되나요?'],
        ['agent', '내일 도착 예정입니다.'],
      ],
    );
    assert.equal(data[1]?.author.name, '김민아');
    assert.equal(listed.body.includes('내부 메모'), false);
  });

  test("another visitor's conversation answers 404, to read and to write", async () => {
    const owner = await anonymousSession();
    const { conversation } = await startConversation(owner, '비밀 대화');
    const stranger = await anonymousSession();
    const read = await visitorCall(
      stranger,
      'GET',
      `/messenger/v1/conversations/${conversation.id}/messages`,
    );
    assert.equal(read.statusCode, 404, read.body);
    const write = await visitorCall(
      stranger,
      'POST',
      `/messenger/v1/conversations/${conversation.id}/messages`,
      {
        clientMessageId: 'intrude-1',
        bodyText: 'hello',
      },
    );
    assert.equal(write.statusCode, 404, write.body);
  });

  test('without a visitor token: 401', async () => {
    const response = await visitorCall(null, 'GET', '/messenger/v1/conversations');
    assert.equal(response.statusCode, 401);
    const bad = await visitorCall('sbv_forged', 'GET', '/messenger/v1/conversations');
    assert.equal(bad.statusCode, 401);
  });

  test('a file uploaded as multipart goes out with a message and downloads again', async () => {
    const token = await anonymousSession();
    const boundary = 'sbboundary42';
    const content = Buffer.from('%PDF-1.7\n영수증\n');
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="영수증.pdf"\r\ncontent-type: application/pdf\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/messenger/v1/attachments',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    assert.equal(uploaded.json().filename, '영수증.pdf');
    const started = await visitorCall(token, 'POST', '/messenger/v1/conversations', {
      clientMessageId: 'with-file-1',
      bodyText: '',
      attachmentIds: [uploaded.json().id],
    });
    assert.equal(started.statusCode, 201, started.body);
    assert.equal(started.json().message.attachments[0].filename, '영수증.pdf');
    const id = started.json().conversation.id;
    const download = await visitorCall(
      token,
      'GET',
      `/messenger/v1/conversations/${id}/attachments/${uploaded.json().id}`,
    );
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, content);
  });

  test('CORS preflight is answered for any origin', async () => {
    const response = await t.app.inject({
      method: 'OPTIONS',
      url: '/messenger/v1/conversations',
      headers: {
        origin: 'https://shop.example.kr',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    assert.equal(response.statusCode, 204);
    assert.equal(response.headers['access-control-allow-origin'], '*');
    assert.match(String(response.headers['access-control-allow-headers']), /authorization/);
    assert.match(String(response.headers['access-control-allow-methods']), /POST/);
  });

  test('read receipts are stored on the conversation', async () => {
    const token = await anonymousSession();
    const { conversation } = await startConversation(token, '확인 부탁드려요');
    const reply = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${conversation.id}/messages`, {
      bodyText: '확인했습니다.',
    });
    const read = await visitorCall(token, 'POST', `/messenger/v1/conversations/${conversation.id}/read`, {
      messageId: reply.json().id,
    });
    assert.equal(read.statusCode, 204, read.body);
    const after = await visitorCall(token, 'GET', `/messenger/v1/conversations/${conversation.id}`);
    assert.equal(after.json().read.visitor, reply.json().id);
  });
});

describe('visitor socket', () => {
  type Frame = Record<string, unknown> & { type: string };
  function connect(token: string) {
    const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/messenger/v1/socket`, [
      'switchboard.v1',
      token,
    ]);
    const frames: Frame[] = [];
    const waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      frames.push(frame);
      for (const w of waiters.filter((w) => w.match(frame))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    });
    const next = (match: (f: Frame) => boolean) =>
      new Promise<Frame>((resolve) => {
        const seen = frames.find(match);
        if (seen) resolve(seen);
        else waiters.push({ match, resolve });
      });
    return { socket, frames, next };
  }

  test('the visitor receives the agent reply and typing, never the internal note', async () => {
    const token = await anonymousSession();
    const { conversation } = await startConversation(token, '상담원 연결해주세요');
    const client = connect(token);
    const ready = await client.next((f) => f.type === 'ready');
    assert.deepEqual(ready.conversations, [conversation.id]);
    await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${conversation.id}/messages`, {
      bodyText: '내부 메모: 환불 대상 아님',
      visibility: 'internal',
    });
    const typing = await t.call(
      t.ws.agent.token,
      'POST',
      `/api/v1/messenger/conversations/${conversation.id}/typing`,
    );
    assert.equal(typing.statusCode, 204, typing.body);
    await client.next((f) => f.type === 'typing');
    await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${conversation.id}/messages`, {
      bodyText: '안녕하세요, 상담원 김민아입니다.',
    });
    const reply = await client.next(
      (f) => f.type === 'message' && (f.message as { author: { type: string } }).author.type === 'agent',
    );
    assert.equal((reply.message as { bodyText: string }).bodyText, '안녕하세요, 상담원 김민아입니다.');
    assert.equal(JSON.stringify(client.frames).includes('내부 메모'), false);
    client.socket.close();
  });

  test('typing crosses over: the agent socket sees the visitor type, the visitor sees the agent type', async () => {
    const token = await anonymousSession({ name: '최유나' });
    const { conversation } = await startConversation(token, '질문이 있어요');
    const visitor = connect(token);
    await visitor.next((f) => f.type === 'ready');
    const agent = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/realtime`, {
      headers: { authorization: `Bearer ${t.ws.agent.token}` },
    });
    const agentFrames: Frame[] = [];
    const agentSaw = (match: (f: Frame) => boolean) =>
      new Promise<Frame>((resolve) => {
        const check = () => {
          const found = agentFrames.find(match);
          if (found) resolve(found);
          else setTimeout(check, 20);
        };
        check();
      });
    agent.on('message', (data) => agentFrames.push(JSON.parse(String(data)) as Frame));
    await new Promise((resolve) => agent.once('open', resolve));
    agent.send(JSON.stringify({ type: 'subscribe', topics: [`ticket:${conversation.id}`] }));
    await agentSaw((f) => f.type === 'subscribed');
    visitor.socket.send(JSON.stringify({ type: 'typing', conversationId: conversation.id }));
    const seen = await agentSaw((f) => f.type === 'messenger.typing');
    assert.equal(seen.side, 'visitor');
    assert.equal(seen.name, '최유나');
    agent.send(JSON.stringify({ type: 'typing', ticketId: conversation.id, public: true }));
    const typing = await visitor.next((f) => f.type === 'typing');
    assert.equal(typing.name, '김민아');
    agent.close();
    visitor.socket.close();
  });

  test("subscribing to another visitor's conversation is refused", async () => {
    const owner = await anonymousSession();
    const { conversation } = await startConversation(owner, '내 대화');
    const stranger = connect(await anonymousSession());
    await stranger.next((f) => f.type === 'ready');
    stranger.socket.send(JSON.stringify({ type: 'subscribe', conversationId: conversation.id }));
    const refused = await stranger.next((f) => f.type === 'error');
    assert.equal(refused.code, 'TICKET_NOT_FOUND');
    stranger.socket.close();
  });

  test('a bad token gets no socket', async () => {
    const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/messenger/v1/socket`, [
      'switchboard.v1',
      'sbv_forged',
    ]);
    const status = await new Promise<number>((resolve) =>
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
    );
    assert.equal(status, 401);
  });

  test('an oversized frame closes the socket with 1009', async () => {
    const client = connect(await anonymousSession());
    await client.next((f) => f.type === 'ready');
    const closed = new Promise<number>((resolve) => client.socket.on('close', (code) => resolve(code)));
    client.socket.send(JSON.stringify({ type: 'typing', conversationId: 'x'.repeat(8000) }));
    assert.equal(await closed, 1009);
  });
});

describe('widget.js', () => {
  test('is bundled on first request, gzipped under the 40 kB budget, and revalidates by ETag', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/widget.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-encoding'], 'gzip');
    assert.match(String(response.headers['content-type']), /javascript/);
    const gzippedBytes = response.rawPayload.length;
    assert.ok(gzippedBytes < 40 * 1024, `widget.js is ${gzippedBytes} bytes gzipped`);
    const again = await t.app.inject({
      method: 'GET',
      url: '/widget.js',
      headers: { 'if-none-match': String(response.headers.etag) },
    });
    assert.equal(again.statusCode, 304);
  });
});

describe('budgets', () => {
  test('a visitor past its per-minute budget gets 429 problem+json, with CORS headers', async () => {
    const token = await anonymousSession();
    let last: LightMyRequestResponse | null = null;
    for (let i = 0; i < 121; i += 1) last = await visitorCall(token, 'GET', '/messenger/v1/conversations');
    assert.equal(last?.statusCode, 429, last?.body);
    assert.equal(last?.json().code, 'RATE_LIMITED');
    assert.equal(last?.headers['access-control-allow-origin'], '*');
    const other = await visitorCall(await anonymousSession(), 'GET', '/messenger/v1/conversations');
    assert.equal(other.statusCode, 200);
  });
});
