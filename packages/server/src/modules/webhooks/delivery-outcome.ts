/**
 * What a receiver's answer means for a delivery. 2xx: delivered. 408 (request timeout) and
 * 429 (too many requests) say "later", like 5xx and network failures: retried with backoff.
 * Any other 4xx says the request itself is unwanted (410 Gone, 401 wrong secret, 404 no
 * such endpoint): repeating the same bytes cannot succeed, so it fails at once. A 3xx is
 * retried: redirects are not followed, and the receiver may be mid-migration.
 */
export type DeliveryVerdict = 'delivered' | 'retry' | 'permanent';

export function classifyStatusCode(statusCode: number): DeliveryVerdict {
  if (statusCode >= 200 && statusCode < 300) return 'delivered';
  if (statusCode === 408 || statusCode === 429) return 'retry';
  if (statusCode >= 400 && statusCode < 500) return 'permanent';
  return 'retry';
}
