import { z } from 'zod';

import { TOKEN_PATTERN } from './domains/curation/apiKeys.js';

/**
 * Every environment variable the API reads, parsed and validated once at start-up.
 * A malformed value stops the process with one line naming the variable.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt://, neo4j://, bolt+s:// or neo4j+s:// address')
    .optional(),
  NEO4J_USERNAME: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  NEO4J_EMBEDDED_PORT: z.coerce.number().int().min(0).max(65535).default(7687),
  NEO4J_EMBEDDED_DATA_DIR: z.string().optional(),
  NEO4J_EMBEDDED_HEAP: z.string().regex(/^\d+[mMgG]$/, 'must look like 512m or 1g').default('1g'),
  NEO4J_EMBEDDED_PAGECACHE_MIB: z.coerce.number().int().min(16).default(256),
  NEO4J_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  SEED_ON_START: booleanFlag.default(true),
  INTROSPECTION: booleanFlag.default(true),
  CORS_ORIGINS: z.string().default('*'),
  BODY_LIMIT: z.string().default('100kb'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1000),
  MAX_NODES_PER_REQUEST: z.coerce.number().int().min(1).default(100_000),
  PERSISTED_QUERIES: booleanFlag.default(true),
  MCP_CURATION: booleanFlag.default(false),
  /** Browser origins allowed on /mcp besides PUBLIC_URL's, comma-separated (requests without Origin, from non-browser clients, always pass). */
  MCP_ALLOWED_ORIGINS: z.string().max(2_000).default(''),
  /** Requests one client may have in flight at once, with the rate limit on (0: no bound); past it, 429. */
  MAX_CONCURRENT_REQUESTS_PER_CLIENT: z.coerce.number().int().min(0).max(10_000).default(12),
  RESPONSE_CACHE_MIB: z.coerce.number().min(0).max(100_000).default(64),
  RESPONSE_CACHE_VERSION_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(100),
  RESPONSE_CACHE_CONTROL: z.string().max(200).default('no-cache'),
  TRUSTED_DOCUMENTS_FILE: z.string().optional(),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'must be the http(s) address clients reach the API at, e.g. https://graph.example.org')
    .optional(),
  METRICS_TOKEN: z.string().regex(/^[A-Za-z0-9._~+/=-]{16,200}$/, 'must be 16 to 200 URL-safe characters').optional(),
  ADMIN_API_KEY: z
    .string()
    .regex(TOKEN_PATTERN, 'must be <id>.<secret>: an id of 3 to 64 lower-case letters, digits and dashes, a dot, then at least 32 URL-safe characters')
    .optional(),
});

export type Config = z.infer<typeof environmentSchema>;

export class ConfigError extends Error {}

/** Where clients reach the API (absolute ids in exports): PUBLIC_URL, else this machine's port. */
export function publicUrlOf(config: Config): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/** Reads the configuration; throws a ConfigError whose message names each bad variable. */
export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
