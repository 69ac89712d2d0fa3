import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../config/config.ts';
import { checkWebhookUrl, isPrivateAddress } from './webhook-target.ts';

test('loopback, private, link-local and mapped addresses are private; public ones are not', () => {
  for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0'])
    assert.equal(isPrivateAddress(address), true, address);
  for (const address of ['::1', '::', 'fd00::1', 'fe80::1', '::ffff:7f00:1', '::ffff:10.0.0.1'])
    assert.equal(isPrivateAddress(address), true, address);
  for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1'])
    assert.equal(isPrivateAddress(address), false, address);
});

test('saving refuses private literals and localhost unless the flag allows them', () => {
  const strict = loadConfig({});
  const open = loadConfig({ SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE: 'true' });
  for (const url of ['http://127.0.0.1:8080/x', 'http://localhost/x', 'http://[::1]/', 'http://2130706433/'])
    assert.equal(checkWebhookUrl(url, strict).length, 1, url);
  assert.deepEqual(checkWebhookUrl('https://hooks.example.com/in', strict), []);
  assert.deepEqual(checkWebhookUrl('http://127.0.0.1:8080/x', open), []);
});
