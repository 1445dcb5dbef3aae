/**
 * The server's modules, in the order their routes register. This list is
 * the one place a new module is added on the server (see "Adding a module"
 * in docs/ARCHITECTURE.md).
 */
import { PLATFORM_ERROR_CODES } from "../errors";
import { activitiesModule } from "./activities/module";
import { applicationsModule } from "./applications/module";
import { attachmentsModule } from "./attachments/module";
import { auditModule } from "./audit/module";
import { authModule } from "./auth/module";
import { clustersModule } from "./clusters/module";
import { feasibilityModule } from "./feasibility/module";
import { governanceModule } from "./governance/module";
import { healthModule } from "./health/module";
import { importsModule } from "./imports/module";
import { jobsModule } from "./jobs/module";
import { membersModule } from "./members/module";
import type { AttachmentOwner, ServerModule } from "./module";
import { networkModule } from "./network/module";
import { notificationsModule } from "./notifications/module";
import { planningModule } from "./planning/module";
import { provincesModule } from "./provinces/module";
import { tokensModule } from "./tokens/module";
import { usersModule } from "./users/module";

export const SERVER_MODULES = [
  healthModule,
  authModule,
  usersModule,
  provincesModule,
  clustersModule,
  membersModule,
  applicationsModule,
  importsModule,
  networkModule,
  feasibilityModule,
  governanceModule,
  planningModule,
  activitiesModule,
  auditModule,
  tokensModule,
  notificationsModule,
  attachmentsModule,
  jobsModule,
] as const;

/** The same list, read as plain manifests. */
const MODULES: readonly ServerModule[] = SERVER_MODULES;

export type ModuleErrorCode = (typeof SERVER_MODULES)[number]["errorCodes"][number];
export type MailTemplate = NonNullable<(typeof SERVER_MODULES)[number]["mailTemplates"]>[number];

/** Audit actions written outside any module: the demo loader (src/server/demo). */
export const PLATFORM_AUDIT_ACTIONS = ["demo.load"] as const;

/** Every action writeAudit() accepts: the platform's and those each module declares. */
export type AuditAction =
  | (typeof PLATFORM_AUDIT_ACTIONS)[number]
  | NonNullable<(typeof SERVER_MODULES)[number]["auditActions"]>[number];

/** Every error code the server can answer with: the platform's and each module's. */
export function allErrorCodes(): string[] {
  return [...PLATFORM_ERROR_CODES, ...MODULES.flatMap((m) => m.errorCodes)];
}

export function allAuditActions(): string[] {
  return [...PLATFORM_AUDIT_ACTIONS, ...MODULES.flatMap((m) => m.auditActions ?? [])];
}

export function allMailTemplates(): string[] {
  return MODULES.flatMap((m) => m.mailTemplates ?? []);
}

/** The tables whose SQLite planner statistics are kept (ServerModule.plannerStatistics). */
export function plannerStatisticsTables(): string[] {
  return MODULES.flatMap((m) => m.plannerStatistics ?? []);
}

export function allJobKinds() {
  return MODULES.flatMap((m) => m.jobs ?? []);
}

/** The OpenAPI document's tags, from every module. */
export function apiTags() {
  return MODULES.flatMap((m) => m.apiTags ?? []);
}

/** The record kinds files can be attached to, from every module. */
export function attachmentOwners(): Readonly<Record<string, AttachmentOwner>> {
  return Object.assign({}, ...MODULES.map((m) => m.attachmentOwners ?? {}));
}

/** Registers every module's routes: /api/v1 ones inside `api`, root ones on `app`. */
export const moduleRoutes = {
  api: () => MODULES.flatMap((m) => (m.routes ? [m.routes] : [])),
  root: () => MODULES.flatMap((m) => (m.rootRoutes ? [m.rootRoutes] : [])),
};
