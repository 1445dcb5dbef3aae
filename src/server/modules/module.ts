/**
 * What a server module contributes, in one place: its routes, the error
 * codes it answers with, the audit actions it writes, the e-mails it sends,
 * its background job kinds, the record kinds files can be attached to and
 * its migrations. The app, the error type, writeAudit(), the job worker, the
 * attachment service, the migrator and the locale tests read these from
 * SERVER_MODULES (modules/index.ts); a new module is one more entry there.
 * Its permission actions and rows are in src/core/policy/<module>.ts, shared
 * with the web app.
 */

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { BenchGenerator, BenchScenario } from "../../../bench/kit";
import type { Action, Scope } from "../../core/permissions";
import type { MigrationModule } from "../db/migrations/index";
import type { DB } from "../db/schema";
import type { JobKind } from "../jobs/queue";

/** A record kind that owns attachments: how to find its scope, and who reads and adds files. */
export interface AttachmentOwner {
  scope(db: Kysely<DB>, id: string): Promise<Scope>;
  read: Action;
  write: Action;
}

export interface ServerModule<
  Code extends string = string,
  Mail extends string = string,
  Audit extends string = string,
> {
  name: string;
  /** The OpenAPI tags its operations use, each described for integrators (the document's top-level list). */
  apiTags?: readonly { name: string; description: string }[];
  /** Registered under /api/v1. */
  routes?: FastifyPluginAsyncZod;
  /** Registered at the root (health answers at /api/health). */
  rootRoutes?: FastifyPluginAsyncZod;
  /** Codes of the AppErrors it throws; each has errors.<code> in both locale files. */
  errorCodes: readonly Code[];
  /**
   * Audit actions it writes (writeAudit() accepts no other); each has
   * auditActions.<action, dots as underscores> in both locale files.
   */
  auditActions?: readonly Audit[];
  /** Mail templates it queues; each has mail.<name>.subject and .body in both locale files. */
  mailTemplates?: readonly Mail[];
  jobs?: readonly JobKind[];
  attachmentOwners?: Readonly<Record<string, AttachmentOwner>>;
  /**
   * Its migrations, by name. The migrator runs them with the platform's
   * (db/migrations) in name order across all modules, so a name continues
   * the one numbering: `0009_<module>_<what>`, after every name already
   * applied anywhere. Its tables' types: `declare module "../../db/schema" {
   * interface DB { … } }` in its own folder.
   */
  migrations?: Readonly<Record<string, MigrationModule>>;
  /**
   * SQLite: tables whose planner statistics the server keeps (ANALYZE after
   * migrating, hourly and on close; connection.ts). For tables so large that
   * the planner's guess without statistics (ten rows for any equality on an
   * indexed column) walks the wrong index: members' 300,000 actors. Tables
   * tuned without statistics stay without them (sampled statistics made the
   * registry's list choose a worse plan, 2×).
   */
  plannerStatistics?: readonly string[];
  /**
   * Its benchmark data generator (`npm run bench:data`) and load scenarios
   * (`npm run bench`), imported only when the benchmark asks. The import
   * names its file by URL — `() => import(new URL("./bench-data.ts",
   * import.meta.url).href) as Promise<typeof import("./bench-data")>` — so
   * the server's bundle leaves it out (esbuild follows a literal import()).
   */
  benchData?: () => Promise<{ default: BenchGenerator }>;
  benchScenarios?: () => Promise<{ default: readonly BenchScenario[] }>;
}

/**
 * Keeps a manifest's codes, template names and audit actions as literal types
 * (ErrorCode, MailTemplate, AuditAction derive from them).
 */
export function defineModule<
  const Code extends string = never,
  const Mail extends string = never,
  const Audit extends string = never,
>(m: ServerModule<Code, Mail, Audit>): ServerModule<Code, Mail, Audit> {
  return m;
}
