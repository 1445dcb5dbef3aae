/**
 * What a service needs from the outside world, built once per app. Services
 * take it as their first argument; routes pass `request.server.deps`.
 */
import type { Config } from "./config";
import type { Database } from "./db/connection";

export interface Mailer {
  /** Sends now when SMTP is configured; null when sent, else why not and whether retrying could help. */
  send(to: string, subject: string, body: string): Promise<{ message: string; permanent: boolean } | null>;
  readonly configured: boolean;
  /** Closes pooled SMTP connections (on server shutdown). */
  close(): void;
}

export interface Deps {
  database: Database;
  config: Config;
  mailer: Mailer;
  /** Asks this process's job worker to look for due jobs now (after a commit that queued one). */
  kickJobs?: () => void;
}

export const nowIso = () => new Date().toISOString();
