/**
 * The province's decisions which studied cluster goes first, newest first;
 * a decision names a cluster the province has studied.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { ClusterStateName } from "../../../core/lifecycle";
import type { Actor } from "../../../core/permissions";
import type { DecisionInput, DecisionsOut } from "../../../core/schemas/feasibility";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { badRequest } from "../../errors";
import { found } from "../../services/load";
import { writeAudit } from "../audit/service";
import { type DecisionDto, inProvince, notInFuture } from "./shared";

function decisionQuery(db: Kysely<DB>) {
  return db
    .selectFrom("feasibility_decisions")
    .innerJoin("clusters", "clusters.id", "feasibility_decisions.chosen_cluster_id")
    .leftJoin("users", "users.id", "feasibility_decisions.created_by")
    .selectAll("feasibility_decisions")
    .select(["clusters.name_fa as cluster_name", "clusters.state as cluster_state", "users.name as user_name"]);
}

type DecisionSel = Awaited<ReturnType<ReturnType<typeof decisionQuery>["executeTakeFirstOrThrow"]>>;

function toDecisionDto(r: DecisionSel): DecisionDto {
  return {
    id: r.id,
    provinceCode: r.province_code,
    decidedOn: r.decided_on,
    chosenClusterId: r.chosen_cluster_id,
    chosenClusterName: r.cluster_name,
    chosenClusterState: r.cluster_state as ClusterStateName,
    reason: r.reason,
    createdBy: r.created_by,
    createdByName: r.user_name ?? null,
    createdAt: r.created_at,
  };
}

/** Decisions of a province, newest first. */
export async function listDecisions(
  deps: Deps,
  actor: Actor | null,
  code: string,
): Promise<z.infer<typeof DecisionsOut>> {
  const db = deps.database.db;
  await inProvince(db, actor, code);
  const rows = await decisionQuery(db)
    .where("feasibility_decisions.province_code", "=", code)
    .orderBy("feasibility_decisions.decided_on", "desc")
    .orderBy("feasibility_decisions.created_at", "desc")
    .orderBy("feasibility_decisions.id", "desc")
    .execute();
  return { items: rows.map(toDecisionDto), total: rows.length };
}

export async function createDecision(
  deps: Deps,
  actor: Actor | null,
  code: string,
  input: z.infer<typeof DecisionInput>,
): Promise<DecisionDto> {
  const db = deps.database.db;
  const id = await db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, actor, code);
    notInFuture(input.decidedOn);
    const study = await trx
      .selectFrom("feasibility_studies")
      .select("id")
      .where("province_code", "=", code)
      .where("cluster_id", "=", input.chosenClusterId)
      .executeTakeFirst();
    if (!study) throw badRequest("no_study_for_cluster");
    const decisionId = randomUUID();
    await trx
      .insertInto("feasibility_decisions")
      .values({
        id: decisionId,
        province_code: code,
        decided_on: input.decidedOn,
        chosen_cluster_id: input.chosenClusterId,
        reason: input.reason.trim(),
        created_by: a.userId,
        created_at: nowIso(),
      })
      .execute();
    await writeAudit(trx, a, {
      action: "feasibility.decision.create",
      targetType: "feasibility_decision",
      targetId: decisionId,
      provinceCode: code,
      clusterId: input.chosenClusterId,
      summary: { decidedOn: input.decidedOn, chosenClusterId: input.chosenClusterId, reason: input.reason.trim() },
    });
    return decisionId;
  });
  return toDecisionDto(await decisionQuery(db).where("feasibility_decisions.id", "=", id).executeTakeFirstOrThrow());
}

/** Removes a decision recorded by mistake (audited with its content). */
export async function deleteDecision(deps: Deps, actor: Actor | null, code: string, id: string): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, actor, code);
    const d = found(
      await trx
        .selectFrom("feasibility_decisions")
        .selectAll()
        .where("id", "=", id)
        .where("province_code", "=", code)
        .executeTakeFirst(),
    );
    await trx.deleteFrom("feasibility_decisions").where("id", "=", id).execute();
    await writeAudit(trx, a, {
      action: "feasibility.decision.delete",
      targetType: "feasibility_decision",
      targetId: id,
      provinceCode: code,
      clusterId: d.chosen_cluster_id,
      summary: { decidedOn: d.decided_on, chosenClusterId: d.chosen_cluster_id, reason: d.reason },
    });
  });
}
