import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t?.close();
});

const orderChannel = {
  key: 'order_channel',
  label: 'Order channel',
  type: 'dropdown',
  options: [
    { value: 'web', label: 'Web shop' },
    { value: 'app', label: 'App' },
  ],
};

async function define(body: Record<string, unknown>, token = t.ws.admin.token) {
  const res = await t.call(token, 'POST', '/api/v1/custom-fields', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function newTicket(customFields: Record<string, unknown>, token = t.ws.agent.token) {
  return t.call(token, 'POST', '/api/v1/tickets', {
    subject: '주문 취소',
    requester: { email: 'doyun@example.kr', name: '최도윤' },
    message: { bodyText: '주문을 취소하고 싶습니다.' },
    customFields,
  });
}

async function eventsOfType(type: string) {
  return t.deps.db
    .selectFrom('events')
    .select(['subject_type', 'subject_id', 'data'])
    .where('workspace_id', '=', t.ws.id)
    .where('type', '=', type)
    .orderBy('id')
    .execute();
}

describe('defining fields', () => {
  test('admins define fields, everyone lists them, and the event is written', async () => {
    const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/custom-fields', orderChannel);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers.location, '/api/v1/custom-fields/order_channel');
    const field = res.json();
    assert.equal(field.required, false);
    assert.equal(field.description, null);
    assert.deepEqual(field.options, orderChannel.options);
    await define({
      key: 'order_id',
      label: 'Order id',
      type: 'text',
      required: true,
      description: 'From the shop',
    });

    const list = await t.call(t.ws.lightAgent.token, 'GET', '/api/v1/custom-fields');
    assert.equal(list.statusCode, 200);
    const keys = list.json().data.map((f: { key: string }) => f.key);
    assert.deepEqual(keys.slice(0, 2), ['order_channel', 'order_id']);
    const [created] = await eventsOfType('custom_field.created');
    assert.equal(created?.subject_type, 'custom_field');
    assert.equal((created?.data as { key: string } | undefined)?.key, 'order_channel');
  });

  test('invalid definitions are refused with pointers', async () => {
    const noOptions = await t.call(t.ws.admin.token, 'POST', '/api/v1/custom-fields', {
      key: 'tier',
      label: 'Tier',
      type: 'dropdown',
    });
    assert.equal(noOptions.statusCode, 422);
    assert.deepEqual(
      noOptions.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/options'],
    );
    const textWithOptions = await t.call(t.ws.admin.token, 'POST', '/api/v1/custom-fields', {
      key: 'note',
      label: 'Note',
      type: 'text',
      options: [{ value: 'a', label: 'A' }],
    });
    assert.equal(textWithOptions.statusCode, 422);
    assert.equal(textWithOptions.json().errors[0].pointer, '/options');
    const badKey = await t.call(t.ws.admin.token, 'POST', '/api/v1/custom-fields', {
      key: 'Order-Id',
      label: 'x',
      type: 'text',
    });
    assert.equal(badKey.statusCode, 422);
    assert.equal(badKey.json().errors[0].pointer, '/key');
    const duplicateOption = await t.call(t.ws.admin.token, 'POST', '/api/v1/custom-fields', {
      ...orderChannel,
      key: 'dup',
      options: [
        { value: 'a', label: 'A' },
        { value: 'a', label: 'Again' },
      ],
    });
    assert.equal(duplicateOption.statusCode, 422);
    assert.equal(duplicateOption.json().errors[0].pointer, '/options/1/value');
  });

  test('keys are unique; agents cannot define fields', async () => {
    await define({ key: 'vip_level', label: 'VIP level', type: 'number' });
    const twin = await t.call(t.ws.admin.token, 'POST', '/api/v1/custom-fields', {
      key: 'vip_level',
      label: 'Again',
      type: 'text',
    });
    assert.equal(twin.statusCode, 409);
    assert.equal(twin.json().code, 'CUSTOM_FIELD_KEY_TAKEN');
    const byAgent = await t.call(t.ws.agent.token, 'POST', '/api/v1/custom-fields', {
      key: 'agent_field',
      label: 'x',
      type: 'text',
    });
    assert.equal(byAgent.statusCode, 403);
    const patch = await t.call(t.ws.agent.token, 'PATCH', '/api/v1/custom-fields/vip_level', { label: 'x' });
    assert.equal(patch.statusCode, 403);
    assert.equal(
      (await t.call(t.ws.lightAgent.token, 'DELETE', '/api/v1/custom-fields/vip_level')).statusCode,
      403,
    );
  });
});

describe('changing fields', () => {
  test('label, description, required and options change; key and type do not', async () => {
    await define({ ...orderChannel, key: 'source' });
    const res = await t.call(t.ws.admin.token, 'PATCH', '/api/v1/custom-fields/source', {
      label: 'Source',
      description: 'Where the order was placed',
      required: true,
      options: [...orderChannel.options, { value: 'phone', label: 'Phone' }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const field = res.json();
    assert.equal(field.label, 'Source');
    assert.equal(field.required, true);
    assert.equal(field.options.length, 3);
    assert.equal(field.type, 'dropdown');
    const [updated] = await eventsOfType('custom_field.updated');
    const changes = (updated?.data as { changes: Record<string, unknown> } | undefined)?.changes;
    assert.deepEqual(Object.keys(changes ?? {}).sort(), ['description', 'label', 'options', 'required']);
    const cleared = await t.call(t.ws.admin.token, 'PATCH', '/api/v1/custom-fields/source', {
      description: null,
    });
    assert.equal(cleared.json().description, null);

    const type = await t.call(t.ws.admin.token, 'PATCH', '/api/v1/custom-fields/source', { type: 'text' });
    assert.equal(type.statusCode, 422);
    const key = await t.call(t.ws.admin.token, 'PATCH', '/api/v1/custom-fields/source', { key: 'other' });
    assert.equal(key.statusCode, 422);
    const empty = await t.call(t.ws.admin.token, 'PATCH', '/api/v1/custom-fields/source', { options: [] });
    assert.equal(empty.statusCode, 422);
    assert.equal(empty.json().errors[0].pointer, '/options');
    await define({ key: 'remark', label: 'Remark', type: 'text' });
    const textOptions = await t.call(t.ws.admin.token, 'PATCH', '/api/v1/custom-fields/remark', {
      options: [{ value: 'a', label: 'A' }],
    });
    assert.equal(textOptions.statusCode, 422);
    assert.equal(textOptions.json().errors[0].pointer, '/options');
    const missing = await t.call(t.ws.admin.token, 'PATCH', '/api/v1/custom-fields/nope', { label: 'x' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'CUSTOM_FIELD_NOT_FOUND');
  });

  test('an option still used by tickets may be removed; the tickets keep their value', async () => {
    await define({ ...orderChannel, key: 'shop' });
    const ticket = (await newTicket({ shop: 'app' })).json();
    const res = await t.call(t.ws.admin.token, 'PATCH', '/api/v1/custom-fields/shop', {
      options: [{ value: 'web', label: 'Web shop' }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const after = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    assert.equal(after.customFields.shop, 'app');
    const rejected = await newTicket({ shop: 'app' });
    assert.equal(rejected.statusCode, 422);
    assert.equal(rejected.json().errors[0].pointer, '/customFields/shop');
  });
});

describe('deleting fields', () => {
  test('deleting a field removes its values from every ticket', async () => {
    await define({ key: 'warehouse', label: 'Warehouse', type: 'text' });
    await define({ key: 'parcel_count', label: 'Parcels', type: 'number' });
    const created = await newTicket({ warehouse: '인천 물류센터', parcel_count: 2 });
    assert.equal(created.statusCode, 201, created.body);
    const ticket = created.json();

    const res = await t.call(t.ws.admin.token, 'DELETE', '/api/v1/custom-fields/warehouse');
    assert.equal(res.statusCode, 204, res.body);
    const after = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    assert.deepEqual(after.customFields, { parcel_count: 2 });
    assert.equal(after.version, ticket.version + 1);
    const keys = (await t.call(t.ws.agent.token, 'GET', '/api/v1/custom-fields'))
      .json()
      .data.map((f: { key: string }) => f.key);
    assert.ok(!keys.includes('warehouse'));
    const [deleted] = await eventsOfType('custom_field.deleted');
    assert.equal((deleted?.data as { key: string; ticketsChanged: number } | undefined)?.key, 'warehouse');
    assert.equal((deleted?.data as { ticketsChanged: number } | undefined)?.ticketsChanged, 1);
    const reuse = await newTicket({ warehouse: 'x' });
    assert.equal(reuse.statusCode, 422);
    const again = await t.call(t.ws.admin.token, 'DELETE', '/api/v1/custom-fields/warehouse');
    assert.equal(again.statusCode, 404);
  });

  test('a ticket with an unknown custom field key is refused', async () => {
    const res = await newTicket({ no_such_field: 'x' });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json().errors, [
      { pointer: '/customFields/no_such_field', message: "Unknown custom field 'no_such_field'." },
    ]);
  });
});

describe('workspace isolation', () => {
  test("another workspace's fields are invisible and unusable", async () => {
    const other = await t.addWorkspace('other-fields');
    await define({ key: 'foreign_only', label: 'Foreign', type: 'text' }, other.admin.token);
    const token = t.ws.admin.token;
    assert.equal(
      (await t.call(token, 'PATCH', '/api/v1/custom-fields/foreign_only', { label: 'x' })).statusCode,
      404,
    );
    assert.equal((await t.call(token, 'DELETE', '/api/v1/custom-fields/foreign_only')).statusCode, 404);
    const list = (await t.call(token, 'GET', '/api/v1/custom-fields')).json().data;
    assert.ok(!list.some((f: { key: string }) => f.key === 'foreign_only'));
    assert.equal((await newTicket({ foreign_only: 'x' })).statusCode, 422);
    // The same key may exist in both workspaces.
    await define({ key: 'foreign_only', label: 'Ours', type: 'checkbox' });
    const theirs = (await t.call(other.agent.token, 'GET', '/api/v1/custom-fields')).json().data;
    assert.equal(theirs.find((f: { key: string }) => f.key === 'foreign_only').type, 'text');
  });
});

test('the OpenAPI document describes the custom field endpoints', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const create = doc.paths['/api/v1/custom-fields'].post;
  const schema = create.requestBody.content['application/json'].schema;
  assert.ok(schema.properties.key && schema.properties.type);
  assert.ok(doc.paths['/api/v1/custom-fields/{key}'].patch);
  assert.ok(doc.paths['/api/v1/users/me/password'].post);
  assert.ok(doc.paths['/api/v1/teams/{id}/members'].put);
});
