/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Validated when the process starts. A missing or malformed value stops the process with one
| line naming the variable (see server/lib/startup_error.ts). Names follow API.md.
|
*/

import { Env } from '@adonisjs/core/env'
import { addressList, integer, isUrlWith, oneOf, optional, required } from '#lib/env_rules'

export default await Env.create(new URL('../../', import.meta.url), {
  NODE_ENV: oneOf(['development', 'production', 'test'] as const, 'development'),
  PORT: integer('a port number between 0 and 65535', 3333, 0, 65535),
  HOST: required('a host name or address to listen on, such as 0.0.0.0'),
  APP_KEY: required('a random secret of at least 32 characters', (v) => v.length >= 32),
  PUBLIC_URL: optional(
    'the absolute http(s) URL the server is reached at',
    isUrlWith('http:', 'https:')
  ),
  // Proxies whose X-Forwarded-For is believed (the client address behind them); default none.
  TRUSTED_PROXIES: addressList(
    'a comma-separated list of IP addresses or CIDR ranges, such as 10.0.0.0/8,127.0.0.1'
  ),
  // DNS servers for custom-domain checks (host:port, comma-separated); default the system's.
  DNS_SERVERS: optional('a comma-separated list of host:port, such as 127.0.0.1:5353', (v) =>
    v.split(',').every((s) => /^(\[[0-9a-fA-F:]+\]|[^\s:,]+)(:\d{1,5})?$/.test(s.trim()))
  ),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),

  DATABASE_URL: required(
    'a postgres:// URL (npm run dev starts an embedded PostgreSQL and sets it)',
    isUrlWith('postgres:', 'postgresql:')
  ),
  DATABASE_APP_URL: optional(
    'a postgres:// URL for the least-privileged application role',
    isUrlWith('postgres:', 'postgresql:')
  ),
  DATABASE_APP_ROLE: optional('a PostgreSQL role name (lowercase letters, digits, _)', (v) =>
    /^[a-z_][a-z0-9_]{0,62}$/.test(v)
  ),
  DB_POOL_MAX: integer('an integer from 1 to 100', 10, 1, 100),
  REDIS_URL: required(
    'a redis:// URL (npm run dev starts a local redis-server and sets it)',
    isUrlWith('redis:', 'rediss:')
  ),

  RATE_LIMIT_SESSIONS_PER_MINUTE: integer('an integer from 1 to 1000000', 600, 1, 1_000_000),
  RATE_LIMIT_CONFIG_PER_MINUTE: integer('an integer from 1 to 1000000', 300, 1, 1_000_000),
  RATE_LIMIT_VISITORS_PER_MINUTE: integer('an integer from 1 to 1000000', 20, 1, 1_000_000),
  RATE_LIMIT_CHAT_PER_MINUTE: integer('an integer from 1 to 1000000', 60, 1, 1_000_000),

  /** Run the outbox relay in this process (servers and workers; at least one process must). */
  OUTBOX_RELAY: oneOf(['true', 'false'] as const, 'true'),

  REALTIME_RETENTION_HOURS: integer('hours from 1 to 720', 24, 1, 720),
  REALTIME_HEARTBEAT_SECONDS: integer('seconds from 1 to 120', 25, 1, 120),

  /** Where npm run build:widgets wrote the loader and chunks, relative to the root. */
  PARLEY_PUBLIC_DIR: optional('a directory relative to the project root (default dist/public)'),

  DRIVE_DISK: oneOf(['fs', 's3'] as const, 'fs'),
  DRIVE_ROOT: optional('a directory for uploaded files (default storage/uploads)'),
  S3_BUCKET: optional('an S3 bucket name'),
  S3_REGION: optional('an S3 region, such as us-east-1'),
  S3_ENDPOINT: optional(
    'the http(s) URL of an S3-compatible service',
    isUrlWith('http:', 'https:')
  ),
  S3_ACCESS_KEY_ID: optional('an S3 access key id'),
  S3_SECRET_ACCESS_KEY: optional('an S3 secret access key'),
  ATTACHMENT_MAX_MB: integer('megabytes from 1 to 100', 25, 1, 100),
  UPLOAD_TMP_DIR: optional(
    'a directory for uploads being received and scratch files (default parley-uploads in the system temp directory)'
  ),

  OUTBOUND_ALLOW_PRIVATE: oneOf(['true', 'false'] as const, 'false'),
  /** The former name of OUTBOUND_ALLOW_PRIVATE, still honoured (either one true allows). */
  WEBHOOKS_ALLOW_PRIVATE: oneOf(['true', 'false'] as const, 'false'),

  FFMPEG_PATH: optional('the path of an ffmpeg binary'),
  RECORDING_PIECE_SECONDS: integer('seconds from 10 to 3600', 600, 10, 3600),
  RECORDING_MAX_MB: integer('megabytes from 1 to 2000', 500, 1, 2000),
  RECORDING_MAX_MINUTES: integer('minutes from 1 to 1440', 240, 1, 1440),
  OPENAI_TRANSCRIPTION_MODEL: optional('an OpenAI transcription model, such as whisper-1'),
  OPENAI_SUMMARY_MODEL: optional('an OpenAI chat model for summaries, such as gpt-4o-mini'),
  OPENAI_API_KEY: optional('an OpenAI API key'),
  OPENAI_BASE_URL: optional(
    'an http(s) URL of an OpenAI-compatible API',
    isUrlWith('http:', 'https:')
  ),
  STRIPE_SECRET_KEY: optional('a Stripe secret key (sk_…)', (v) => v.startsWith('sk_')),
  /** Connect mode: the platform's publishable key (Stripe.js runs under it with the account) and its webhook endpoint's secret. */
  STRIPE_PUBLISHABLE_KEY: optional('a Stripe publishable key (pk_…)', (v) => v.startsWith('pk_')),
  STRIPE_WEBHOOK_SECRET: optional('a Stripe webhook signing secret (whsec_…)', (v) =>
    v.startsWith('whsec_')
  ),
  /** For tests and local doubles only (ignored in production): where the Stripe SDK connects. */
  STRIPE_API_BASE: optional('an http(s) URL of a Stripe API double', isUrlWith('http:', 'https:')),
})
