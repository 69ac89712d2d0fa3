/**
 * Where a webhook may point. A helpdesk that POSTs to any URL an admin types is a server-side
 * request forgery tool: it could reach the database, the cloud metadata service or the admin
 * pages of routers on the private network. So loopback, private, link-local and other
 * non-public addresses are refused unless SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE is set. The check
 * runs twice: on save for IP literals and `localhost`, and at delivery on the addresses the
 * name actually resolves to (`guardedLookup`), which also defeats DNS rebinding.
 */
import { type LookupAddress, type LookupOptions, lookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { FieldError } from '@switchboard/core';
import type { Config } from '../../config/config.ts';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is one a webhook may not reach by default. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  // BlockList applies the IPv4 subnets to IPv4-mapped addresses (::ffff:7f00:1) too.
  return family === 6 && blocked.check(address, 'ipv6');
}

export function allowsPrivateTargets(config: Config): boolean {
  return config.SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** The save-time check: names that are private by themselves. */
export function checkWebhookUrl(value: string, config: Config, pointer = '/url'): FieldError[] {
  if (allowsPrivateTargets(config)) return [];
  const host = hostOf(new URL(value));
  const isLocalName = host === 'localhost' || host.endsWith('.localhost');
  if (isLocalName || isPrivateAddress(host))
    return [{ pointer, message: 'must not point at a loopback or private-network address' }];
  return [];
}

/** The host of `url` when it is an IP literal that may not be reached, else null. */
export function blockedLiteralHost(url: URL): string | null {
  const host = hostOf(url);
  return isIP(host) !== 0 && isPrivateAddress(host) ? host : null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup for http.request that fails when the name resolves to a non-public address. */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) {
      const refused: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to ${bad.address}, a loopback or private-network address`,
      );
      refused.code = 'EWEBHOOKTARGET';
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new Error(`${hostname} has no address`), []);
    callback(null, first.address, first.family);
  });
}
