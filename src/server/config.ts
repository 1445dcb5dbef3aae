/**
 * Configuration from the environment, validated once at start. A bad value
 * stops the server with a one-line message instead of a stack trace.
 */
import path from "node:path";
import { z } from "zod";

export class ConfigError extends Error {}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().optional(),
  ATTACHMENTS_DIR: z.string().optional(),
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(200).default(10),
  // smtp://… or smtps://…; an empty value means no SMTP (mail is kept in the outbox).
  SMTP_URL: z.union([z.literal(""), z.url({ protocol: /^smtps?$/ })]).optional(),
  MAIL_FROM: z.string().default("Khooshe <no-reply@khooshe.local>"),
  // The address users reach Khooshe at, for links in mail (https://khooshe.example.ir).
  PUBLIC_URL: z.union([z.literal(""), z.url({ protocol: /^https?$/ })]).optional(),
  COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEMO: z.enum(["auto", "off"]).default("auto"),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  JOBS_WORKER: z.enum(["on", "off"]).default("on"),
  JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  JOBS_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  // auto: on when NODE_ENV is test (the test suites), off otherwise.
  RESPONSE_CHECK: z.enum(["auto", "on", "off"]).default("auto"),
  NODE_ENV: z.string().optional(),
});

export type DatabaseConfig = { dialect: "sqlite"; file: string } | { dialect: "postgres"; url: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  attachmentsDir: string;
  attachmentMaxBytes: number;
  smtpUrl: string | null;
  mailFrom: string;
  /**
   * The site's origin for links in mail, without a trailing slash; null: the
   * address the server listens on (a laptop). Never taken from a request's
   * Host header, which anyone can set.
   */
  publicUrl: string | null;
  cookieSecure: "auto" | boolean;
  trustProxy: boolean;
  logLevel: string;
  demo: "auto" | "off";
  rateLimitPerMinute: number;
  jobs: {
    /** off: this process queues jobs but leaves running them to other instances. */
    worker: boolean;
    pollMs: number;
    /** The first retry's delay; each further retry doubles it. */
    retryBaseMs: number;
  };
  /**
   * Every response is also parsed by its zod schema (a wrong shape is a 500)
   * and the compiled serializer's output compared with zod's
   * (src/server/http/serializer.ts). For tests: it costs what compiling saves.
   */
  responseCheck: boolean;
}

/** Parses a postgres:// URL or explains in one line what is wrong with it. */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a valid URL (expected postgres://user@host:5432/database).`);
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got "${u.protocol}").`);
  }
  if (!u.hostname || u.pathname.length < 2) {
    throw new ConfigError("DATABASE_URL must name a host and a database, e.g. postgres://user@127.0.0.1:5432/khooshe.");
  }
  return { dialect: "postgres", url };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${String(first?.path.join("."))}: ${first?.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const database: DatabaseConfig = e.DATABASE_URL
    ? parseDatabaseUrl(e.DATABASE_URL)
    : { dialect: "sqlite", file: path.join(dataDir, "khooshe.db") };
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    attachmentsDir: path.resolve(e.ATTACHMENTS_DIR ?? path.join(dataDir, "attachments")),
    attachmentMaxBytes: Math.round(e.ATTACHMENT_MAX_MB * 1024 * 1024),
    smtpUrl: e.SMTP_URL || null,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : null,
    cookieSecure: e.COOKIE_SECURE === "auto" ? "auto" : e.COOKIE_SECURE === "true",
    trustProxy: e.TRUST_PROXY === "true",
    logLevel: e.LOG_LEVEL,
    demo: e.DEMO,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    jobs: { worker: e.JOBS_WORKER === "on", pollMs: e.JOBS_POLL_MS, retryBaseMs: e.JOBS_RETRY_BASE_MS },
    responseCheck: e.RESPONSE_CHECK === "auto" ? e.NODE_ENV === "test" : e.RESPONSE_CHECK === "on",
  };
}
