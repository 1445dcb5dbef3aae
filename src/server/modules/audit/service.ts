/**
 * The audit log: every write records who did what to which record, when, and a
 * summary of the change. Reads are scoped like everything else.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Actor } from "../../../core/permissions";
import type { AuditEntryOut, AuditListQuery } from "../../../core/schemas/audit";
import type { Page } from "../../../core/schemas/common";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { paginate } from "../../services/paginate";
import { inScope } from "../../services/scope";
// Type only: the module list imports this module's routes, which import this file.
import type { AuditAction } from "../index";

export interface AuditEntry {
  /** Declared on the writing module's manifest (auditActions), so the audit page has its label. */
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  provinceCode?: string | null;
  clusterId?: string | null;
  /**
   * Small JSON-able summary, never secrets: the record's fields for a
   * creation, `{ changes: diffFields(…) }` (services/diff.ts) for an update.
   */
  summary: Record<string, unknown>;
}

export async function writeAudit(trx: Kysely<DB>, actor: Actor | null, e: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      at: new Date().toISOString(),
      actor_id: actor?.userId ?? null,
      via: actor?.via ?? "system",
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      province_code: e.provinceCode ?? null,
      cluster_id: e.clusterId ?? null,
      summary: JSON.stringify(e.summary),
    })
    .execute();
}

/**
 * An entry on a record of a cluster (its province and cluster set from the
 * scope): what the planning and activities modules write with every change.
 */
export function auditOnCluster(
  trx: Kysely<DB>,
  actor: Actor,
  scope: { provinceCode: string; clusterId: string },
  target: { action: AuditAction; type: string; id: string },
  summary: Record<string, unknown>,
): Promise<void> {
  return writeAudit(trx, actor, {
    action: target.action,
    targetType: target.type,
    targetId: target.id,
    provinceCode: scope.provinceCode,
    clusterId: scope.clusterId,
    summary,
  });
}

export type AuditQuery = z.infer<typeof AuditListQuery>;

/** Next day as ISO date, for an inclusive `to` filter against instants. */
function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function listAudit(
  deps: Deps,
  actor: Actor | null,
  q: AuditQuery,
): Promise<Page<z.infer<typeof AuditEntryOut>>> {
  const a = authorizeAnywhere(actor, "audit.read");
  const db = deps.database.db;
  let base = inScope(db.selectFrom("audit_log"), a, "audit.read", { province: "audit_log.province_code" });
  if (q.userId) base = base.where("audit_log.actor_id", "=", q.userId);
  if (q.action) base = base.where("audit_log.action", "=", q.action);
  // Dates are Iran calendar days; instants are UTC. Shift by Tehran's offset.
  if (q.from) base = base.where("audit_log.at", ">=", tehranDayStartUtc(q.from));
  if (q.to) base = base.where("audit_log.at", "<", tehranDayStartUtc(dayAfter(q.to)));
  // The names shown join only the page: the count reads audit_log alone (689 → 39 µs for
  // one user's month of a million rows, bench/explain.ts).
  const { rows, total } = await paginate(base, q, (b) =>
    b
      .leftJoin("users", "users.id", "audit_log.actor_id")
      .leftJoin("clusters", "clusters.id", "audit_log.cluster_id")
      .select([
        "audit_log.id",
        "audit_log.at",
        "audit_log.actor_id",
        "users.name as actor_name",
        "audit_log.via",
        "audit_log.action",
        "audit_log.target_type",
        "audit_log.target_id",
        "audit_log.summary",
        "audit_log.cluster_id",
        "clusters.name_fa as cluster_name",
      ])
      .orderBy("audit_log.at", "desc")
      .orderBy("audit_log.id", "desc"),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name ?? null,
      via: r.via,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      summary: r.summary,
      clusterId: r.cluster_id,
      clusterName: r.cluster_name ?? null,
    })),
    total,
  };
}

/** The actions that occur in the part of the log the caller may read (indexed by province and action). */
export async function listAuditActions(deps: Deps, actor: Actor | null): Promise<string[]> {
  const a = authorizeAnywhere(actor, "audit.read");
  const q = inScope(deps.database.db.selectFrom("audit_log").select("action").distinct(), a, "audit.read", {
    province: "province_code",
  });
  const rows = await q.orderBy("action").execute();
  return rows.map((r) => r.action);
}

/** 00:00 in Tehran (UTC+3:30) of an ISO date, as a UTC instant string. */
function tehranDayStartUtc(isoDate: string): string {
  return new Date(new Date(`${isoDate}T00:00:00Z`).getTime() - 3.5 * 3600_000).toISOString();
}
