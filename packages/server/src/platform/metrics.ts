/** Prometheus metrics: one registry per app instance, so tests never share counters. */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export type Metrics = {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  ticketsCreated: Counter<'channel'>;
  webFormRejected: Counter<'reason'>;
};

export function createMetrics(options: { collectProcessMetrics: boolean }): Metrics {
  const registry = new Registry();
  if (options.collectProcessMetrics) collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'switchboard_http_request_duration_seconds',
      help: 'HTTP request duration by route and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    ticketsCreated: new Counter({
      name: 'switchboard_tickets_created_total',
      help: 'Tickets created, by channel.',
      labelNames: ['channel'],
      registers: [registry],
    }),
    webFormRejected: new Counter({
      name: 'switchboard_web_form_rejected_total',
      help: 'Contact form submissions refused as spam, by reason (honeypot, too_fast, expired, rate_limited).',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
