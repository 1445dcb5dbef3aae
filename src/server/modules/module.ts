/**
 * What a server module contributes, in one place: its routes, the error
 * codes it answers with, the e-mails it sends, its background job kinds and
 * the record kinds files can be attached to. The app, the error type, the job
 * worker, the attachment service and the locale test read these from
 * SERVER_MODULES (modules/index.ts); a new module is one more entry there.
 */

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { Action, Scope } from "../../core/permissions";
import type { DB } from "../db/schema";
import type { JobKind } from "../jobs/queue";

/** A record kind that owns attachments: how to find its scope, and who reads and adds files. */
export interface AttachmentOwner {
  scope(db: Kysely<DB>, id: string): Promise<Scope>;
  read: Action;
  write: Action;
}

export interface ServerModule<Code extends string = string, Mail extends string = string> {
  name: string;
  /** Registered under /api/v1. */
  routes?: FastifyPluginAsyncZod;
  /** Registered at the root (health answers at /api/health). */
  rootRoutes?: FastifyPluginAsyncZod;
  /** Codes of the AppErrors it throws; each has errors.<code> in both locale files. */
  errorCodes: readonly Code[];
  /** Mail templates it queues; each has mail.<name>.subject and .body in both locale files. */
  mailTemplates?: readonly Mail[];
  jobs?: readonly JobKind[];
  attachmentOwners?: Readonly<Record<string, AttachmentOwner>>;
}

/** Keeps a manifest's codes and template names as literal types (ErrorCode, MailTemplate derive from them). */
export function defineModule<const Code extends string = never, const Mail extends string = never>(
  m: ServerModule<Code, Mail>,
): ServerModule<Code, Mail> {
  return m;
}
