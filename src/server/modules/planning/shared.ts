/**
 * What the planning module's parts share (study.ts, plans.ts, council.ts,
 * chain.ts): reaching a cluster with a permission, the caller's abilities
 * and the audit entry every write leaves.
 */

import type { Kysely } from "kysely";
import type { z } from "zod";
import { type Action, type Actor, can, type Scope } from "../../../core/permissions";
import type { PlanningAbilitiesOut } from "../../../core/schemas/planning";
import type { DB } from "../../db/schema";
import { authorizeRecord, found } from "../../services/load";
import { auditOnCluster } from "../audit/service";

export type ClusterScope = { provinceCode: string; clusterId: string };

export interface ClusterRef {
  scope: ClusterScope;
  name: string;
}

/** The cluster (404 when missing or unreadable; 403 when `write` is not allowed). */
export async function reachCluster(
  db: Kysely<DB>,
  actor: Actor | null,
  clusterId: string,
  write?: Action,
): Promise<{ a: Actor; cluster: ClusterRef }> {
  const c = found(
    await db
      .selectFrom("clusters")
      .select(["id", "province_code", "name_fa"])
      .where("id", "=", clusterId)
      .executeTakeFirst(),
  );
  const scope = { provinceCode: c.province_code, clusterId: c.id };
  return { a: authorizeRecord(actor, scope, "planning.read", write), cluster: { scope, name: c.name_fa } };
}

export function abilities(actor: Actor, scope: Scope): z.infer<typeof PlanningAbilitiesOut> {
  return {
    edit: can(actor, "planning.edit", scope),
    comment: can(actor, "planning.comment", scope),
    council: can(actor, "planning.council", scope),
  };
}

/** One audit entry of this module's, on the cluster. */
export const audit = auditOnCluster;

/** Keeps the given ids that are rows of the cluster; throws `code` on any other. */
export async function ensureOfCluster(
  trx: Kysely<DB>,
  table: "planning_pressure_points" | "planning_strategies",
  clusterId: string,
  ids: readonly string[],
  onUnknown: () => Error,
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await trx
    .selectFrom(table)
    .select("id")
    .where("cluster_id", "=", clusterId)
    .where("id", "in", unique)
    .execute();
  if (rows.length !== unique.length) throw onUnknown();
}
