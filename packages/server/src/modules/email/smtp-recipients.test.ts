import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recipientLookupAddresses } from './smtp-recipients.ts';

test('a plus-addressed recipient also maps to the address without its tag', () => {
  assert.deepEqual(recipientLookupAddresses('Support+T-ab12@Acme.Example'), [
    'support+t-ab12@acme.example',
    'support@acme.example',
  ]);
  assert.deepEqual(recipientLookupAddresses('help@acme.example'), ['help@acme.example']);
  assert.deepEqual(recipientLookupAddresses('+x@acme.example'), ['+x@acme.example']);
  assert.deepEqual(recipientLookupAddresses('nodomain'), ['nodomain']);
});
