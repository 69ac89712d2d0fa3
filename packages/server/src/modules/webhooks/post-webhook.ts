/**
 * One signed POST of a delivery. Built on node:http rather than fetch because only
 * http.request lets us vet the addresses a name resolves to at connect time (see
 * webhook-target.ts). Redirects are not followed: a 3xx is an answer like any other, and
 * following it would let a receiver bounce us to a private address.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { blockedLiteralHost, guardedLookup } from './webhook-target.ts';

export const USER_AGENT = 'Switchboard-Webhooks/1';

/** `v1=` + hex HMAC-SHA256 over "<unix seconds>.<raw body>" (docs/WEBHOOKS.md). */
export function signWebhookBody(secret: string, timestampSeconds: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex')}`;
}

export type PostResult =
  | { kind: 'response'; statusCode: number }
  | { kind: 'error'; message: string; isTargetRefused: boolean };

export async function postWebhook(input: {
  url: string;
  deliveryId: string;
  secret: string;
  rawBody: string;
  timestampSeconds: number;
  timeoutMs: number;
  allowPrivate: boolean;
}): Promise<PostResult> {
  const url = new URL(input.url);
  const literal = input.allowPrivate ? null : blockedLiteralHost(url);
  if (literal)
    return {
      kind: 'error',
      message: `${literal} is a loopback or private-network address`,
      isTargetRefused: true,
    };
  const signal = AbortSignal.timeout(input.timeoutMs);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<PostResult>((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        signal,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(input.rawBody),
          'user-agent': USER_AGENT,
          'x-switchboard-delivery': input.deliveryId,
          'x-switchboard-timestamp': String(input.timestampSeconds),
          'x-switchboard-signature': signWebhookBody(input.secret, input.timestampSeconds, input.rawBody),
        },
        ...(input.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        // Only the status matters; the body is discarded (the timeout still bounds a slow one).
        response.resume();
        response.on('error', () => {});
        resolve({ kind: 'response', statusCode: response.statusCode ?? 0 });
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const message = signal.aborted
        ? `no response within ${input.timeoutMs} ms`
        : `${error.code ?? error.name}: ${error.message}`;
      resolve({ kind: 'error', message, isTargetRefused: error.code === 'EWEBHOOKTARGET' });
    });
    request.end(input.rawBody);
  });
}
