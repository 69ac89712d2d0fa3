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
  SWITCHBOARD_LOGIN_RATE_LIMIT_PER_MINUTE: positiveInt
    .default(10)
    .describe('Login attempts per minute per address and email.'),
  SWITCHBOARD_WORKER: flag('true').describe(
    'Run background work in this process: the rules engine, timers, SLA sweeps, webhooks.',
  ),
  SWITCHBOARD_SWEEP_INTERVAL_SECONDS: positiveInt
    .default(60)
    .describe('How often time rules and SLA clocks are checked (once per interval across all instances).'),
  SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE: flag('false').describe(
    'Allow webhooks to loopback and private-network addresses (for local integrations and tests).',
  ),
  SWITCHBOARD_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024).describe('Largest JSON request body.'),
  SWITCHBOARD_ATTACHMENT_MAX_BYTES: positiveInt.default(25 * 1024 * 1024).describe('Largest attachment.'),
  SWITCHBOARD_ATTACHMENT_TYPES: z
    .string()
    .default(
      'image/*,application/pdf,text/plain,text/csv,application/zip,application/json,' +
        'application/vnd.openxmlformats-officedocument.*,application/msword,application/vnd.ms-excel,' +
        'application/haansofthwp,application/x-hwp,audio/*,video/mp4,message/rfc822,application/octet-stream',
    )
    .describe('Allowed attachment media types (comma-separated, `type/*` wildcards).'),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = Readonly<
  z.output<typeof configSchema> & {
    publicUrl: string;
    cookieSecure: boolean;
    attachmentTypes: readonly string[];
  }
>;

/** Secrets may be given as X_FILE: a path to read X from (Docker/Kubernetes secrets). */
const fileBackedKeys = ['DATABASE_URL', 'SWITCHBOARD_DEMO_PASSWORD'] as const;

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
  const publicUrl = (
    c.SWITCHBOARD_PUBLIC_URL ?? `http://${c.SWITCHBOARD_HOST}:${c.SWITCHBOARD_PORT}`
  ).replace(/\/$/, '');
  return Object.freeze({
    ...c,
    publicUrl,
    cookieSecure: c.SWITCHBOARD_COOKIE_SECURE ?? publicUrl.startsWith('https:'),
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
