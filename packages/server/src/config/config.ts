/**
 * The one configuration schema. Parsed once at start-up from the environment; the result is
 * frozen and passed down. No other file reads `process.env` (a lint rule keeps it so).
 * Defaults need nothing installed: no DATABASE_URL means the embedded PGlite database.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const flagValues = z.enum(['true', 'false', '1', '0', 'yes', 'no']);
const toBoolean = (v: z.infer<typeof flagValues>) => v === 'true' || v === '1' || v === 'yes';
/** A boolean setting; the default is given as text so that it shows in the documentation. */
const flag = (defaultValue: 'true' | 'false') => flagValues.default(defaultValue).transform(toBoolean);
const optionalFlag = () =>
  flagValues.optional().transform((v) => (v === undefined ? undefined : toBoolean(v)));

const positiveInt = z.coerce.number().int().positive();

/** Each entry: env name → schema with its default. The README's configuration table is generated from `describeConfig`. */
export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('PostgreSQL 15+ server URL. Unset: embedded PGlite under SWITCHBOARD_DATA_DIR.'),
  SWITCHBOARD_DATA_DIR: z.string().default('./data').describe('Embedded database files and attachments.'),
  SWITCHBOARD_HOST: z.string().default('127.0.0.1').describe('Interface to listen on (0.0.0.0 for all).'),
  SWITCHBOARD_PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port.'),
  SWITCHBOARD_PUBLIC_URL: z
    .url()
    .optional()
    .describe('External base URL, used in links. Default http://HOST:PORT.'),
  SWITCHBOARD_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level.'),
  SWITCHBOARD_SEED_DEMO: flag('true').describe(
    'Create the demo workspace on first start with an empty database.',
  ),
  SWITCHBOARD_DEMO_PASSWORD: z
    .string()
    .min(8)
    .optional()
    .describe('Password for the demo agents. Unset: a random one, printed once.'),
  SWITCHBOARD_SESSION_TTL_HOURS: positiveInt.default(24 * 14).describe('Agent session lifetime (sliding).'),
  SWITCHBOARD_COOKIE_SECURE: optionalFlag().describe(
    'Mark cookies Secure. Default: true when SWITCHBOARD_PUBLIC_URL is https.',
  ),
  SWITCHBOARD_RATE_LIMIT_PER_MINUTE: positiveInt
    .default(1200)
    .describe('API requests per minute per caller.'),
  SWITCHBOARD_RATE_LIMIT_STORE: z
    .enum(['auto', 'memory', 'database'])
    .default('auto')
    .describe(
      'Where rate-limit counters live: database (shared by all instances), memory (per process). auto: database with DATABASE_URL, else memory.',
    ),
  SWITCHBOARD_TRUST_PROXY: z
    .string()
    .default('false')
    .describe(
      'Whom to believe X-Forwarded-For from: false (nobody: the socket address is the client), true (any proxy), a hop count, or comma-separated addresses/CIDRs of your proxies.',
    ),
  SWITCHBOARD_MESSENGER_SESSION_IDLE_DAYS: positiveInt
    .default(90)
    .describe(
      'A messenger visitor token expires after this many days without use (the widget then starts a new session).',
    ),
  SWITCHBOARD_LOGIN_RATE_LIMIT_PER_MINUTE: positiveInt
    .default(10)
    .describe('Login attempts per minute per address and email.'),
  SWITCHBOARD_WORKER: flag('true').describe(
    'Run background work in this process: the rules engine, timers, SLA sweeps, webhooks.',
  ),
  SWITCHBOARD_SWEEP_INTERVAL_SECONDS: positiveInt
    .default(60)
    .describe('How often time rules and SLA clocks are checked (once per interval across all instances).'),
  SWITCHBOARD_REALTIME_PRESENCE_TTL_SECONDS: positiveInt
    .default(30)
    .describe('Agent presence ("viewing", "replying") expires this long after the last heartbeat.'),
  SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE: flag('false').describe(
    'Allow webhooks to loopback and private-network addresses (for local integrations and tests).',
  ),
  SWITCHBOARD_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024).describe('Largest JSON request body.'),
  SWITCHBOARD_WEB_FORM_SUBMISSIONS_PER_HOUR: positiveInt
    .default(10)
    .describe('Public contact form submissions accepted per IP address per hour (spam guard).'),
  SWITCHBOARD_WEB_FORM_MAX_FILE_BYTES: positiveInt
    .default(10 * 1024 * 1024)
    .describe(
      'Largest file on the public contact form (at most 5 files; never above SWITCHBOARD_ATTACHMENT_MAX_BYTES).',
    ),
  SWITCHBOARD_ATTACHMENT_MAX_BYTES: positiveInt.default(25 * 1024 * 1024).describe('Largest attachment.'),
  SWITCHBOARD_ATTACHMENT_TYPES: z
    .string()
    .default(
      'image/*,application/pdf,text/plain,text/csv,application/zip,application/json,' +
        'application/vnd.openxmlformats-officedocument.*,application/msword,application/vnd.ms-excel,' +
        'application/haansofthwp,application/x-hwp,audio/*,video/mp4,message/rfc822,application/octet-stream',
    )
    .describe('Allowed attachment media types (comma-separated, `type/*` wildcards).'),
  SWITCHBOARD_SECRET_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes as 64 hex digits or base64')
    .optional()
    .describe(
      'Key (32 bytes, hex or base64) encrypting stored secrets such as IMAP passwords. Unset: storing them is refused.',
    ),
  SWITCHBOARD_EMAIL_MAX_BYTES: positiveInt
    .default(40 * 1024 * 1024)
    .describe('Largest inbound email (raw, so a 25 MB attachment fits after base64).'),
  SWITCHBOARD_EMAIL_SENDER_LIMIT_PER_HOUR: positiveInt
    .default(30)
    .describe(
      'Inbound mails per sender address per hour before more are stored as ignored (mail-loop guard).',
    ),
  SWITCHBOARD_SMTP_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(0)
    .describe('Port of the built-in inbound SMTP server (e.g. 2525, or 25 behind an MX). 0: off.'),
  SWITCHBOARD_SMTP_HOST: z.string().default('127.0.0.1').describe('Interface the SMTP server listens on.'),
  SWITCHBOARD_SMTP_TLS_CERT_FILE: z
    .string()
    .optional()
    .describe('PEM certificate (chain) for STARTTLS. Unset: the SMTP server offers no STARTTLS.'),
  SWITCHBOARD_SMTP_TLS_KEY_FILE: z.string().optional().describe('PEM private key for STARTTLS.'),
  SWITCHBOARD_SMTP_MAX_CLIENTS: positiveInt.default(100).describe('Concurrent SMTP connections accepted.'),
  SWITCHBOARD_SMTP_SOCKET_TIMEOUT_SECONDS: positiveInt
    .default(60)
    .describe('Idle SMTP connections are closed after this long.'),
  SWITCHBOARD_IMAP_RESCAN_SECONDS: positiveInt
    .default(30)
    .describe('How often the IMAP poller reloads mailbox settings and renews its leases (a lease lasts 3×).'),
  SWITCHBOARD_SMTP_OUTBOUND_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .describe('Outbound mail relay, e.g. smtp://user:pass@host:587. Unset: mail stays queued until set.'),
  SWITCHBOARD_EMAIL_FROM: z
    .string()
    .default('support@switchboard.invalid')
    .describe('From address of mail on tickets that no mailbox received (and its Message-ID domain).'),
  SWITCHBOARD_AUTOMATIC_EMAILS_PER_HOUR: positiveInt
    .default(10)
    .describe('Automatic mails (notifications, acknowledgements) one recipient gets per hour at most.'),
  SWITCHBOARD_CHAT_EMAIL_FALLBACK_MINUTES: positiveInt
    .default(10)
    .describe('An unanswered chat whose visitor left an email address continues by email after this long.'),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = Readonly<
  z.output<typeof configSchema> & {
    publicUrl: string;
    cookieSecure: boolean;
    attachmentTypes: readonly string[];
    /** Fastify's trustProxy: which X-Forwarded-For hops to believe. */
    trustProxy: boolean | number | string;
    rateLimitStore: 'memory' | 'database';
  }
>;

/** proxy-addr's names for address ranges, accepted in SWITCHBOARD_TRUST_PROXY lists. */
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseTrustProxy(value: string): boolean | number | string | { error: string } {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '0' || v === 'no') return false;
  if (v === 'true' || v === 'yes') return true;
  if (/^[1-9]\d*$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !proxyRangeNames.has(e) && !/^[0-9a-f:.]+(\/\d{1,3})?$/.test(e));
  if (entries.length === 0 || bad.length > 0)
    return { error: `SWITCHBOARD_TRUST_PROXY: not an address, CIDR or range name: ${bad.join(', ')}` };
  return entries.join(',');
}

/** Secrets may be given as X_FILE: a path to read X from (Docker/Kubernetes secrets). */
const fileBackedKeys = ['DATABASE_URL', 'SWITCHBOARD_DEMO_PASSWORD', 'SWITCHBOARD_SECRET_KEY'] as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const source: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') source[key] = value;
  }
  const problems: string[] = [];
  for (const key of fileBackedKeys) {
    const path = env[`${key}_FILE`];
    if (!path) continue;
    try {
      source[key] = readFileSync(path, 'utf8').trim();
    } catch (error) {
      problems.push(`${key}_FILE: cannot read ${path} (${(error as Error).message})`);
    }
  }
  const parsed = configSchema.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  if (problems.length > 0 || !parsed.success) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const c = parsed.data;
  const trustProxy = parseTrustProxy(c.SWITCHBOARD_TRUST_PROXY);
  if (typeof trustProxy === 'object') throw new ConfigError(`Invalid configuration:\n  ${trustProxy.error}`);
  const publicUrl = (
    c.SWITCHBOARD_PUBLIC_URL ?? `http://${c.SWITCHBOARD_HOST}:${c.SWITCHBOARD_PORT}`
  ).replace(/\/$/, '');
  return Object.freeze({
    ...c,
    publicUrl,
    cookieSecure: c.SWITCHBOARD_COOKIE_SECURE ?? publicUrl.startsWith('https:'),
    trustProxy,
    rateLimitStore:
      c.SWITCHBOARD_RATE_LIMIT_STORE === 'auto'
        ? c.DATABASE_URL
          ? 'database'
          : 'memory'
        : c.SWITCHBOARD_RATE_LIMIT_STORE,
    attachmentTypes: Object.freeze(
      c.SWITCHBOARD_ATTACHMENT_TYPES.split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  });
}

/** Name, default and description of every setting, for the README table and `.env.example`. */
export function describeConfig(): { name: string; defaultValue: string; description: string }[] {
  return Object.entries(configSchema.shape).map(([name, schema]) => {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      default?: unknown;
      description?: string;
    };
    return {
      name,
      defaultValue: json.default === undefined ? '' : String(json.default),
      description: schema.description ?? json.description ?? '',
    };
  });
}
