/**
 * Feasibility and prioritisation, the province's own work: the weighted
 * criteria a province defines, feasibility studies of candidate clusters
 * scored on them and ranked side by side, and the decision which goes first.
 * This file holds what the three parts share (criteria.ts, studies.ts,
 * decisions.ts). Everything here is guarded by feasibility.manage on the province; out of
 * scope answers 404.
 */
import type { Kysely } from "kysely";
import type { z } from "zod";
import { todayIso } from "../../../core/jalali";
import type { Actor } from "../../../core/permissions";
import type { CriterionOut, DecisionOut, StudyOut } from "../../../core/schemas/feasibility";
import type { DB } from "../../db/schema";
import { badRequest } from "../../errors";
import { authorizeRecord, found } from "../../services/load";

export type CriterionDto = z.infer<typeof CriterionOut>;
export type StudyDto = z.infer<typeof StudyOut>;
export type DecisionDto = z.infer<typeof DecisionOut>;

/** Authorises feasibility work in a province that exists; 404 otherwise. */
export async function inProvince(db: Kysely<DB>, actor: Actor | null, code: string): Promise<Actor> {
  const a = authorizeRecord(actor, { provinceCode: code }, "feasibility.manage");
  found(await db.selectFrom("provinces").select("code").where("code", "=", code).executeTakeFirst());
  return a;
}

/** The province's current criteria, in their order. */
export function activeCriteria(db: Kysely<DB>, code: string) {
  return db
    .selectFrom("feasibility_criteria")
    .selectAll()
    .where("province_code", "=", code)
    .where("archived_at", "is", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export const toCriterionDto = (r: { id: string; name: string; weight: number; position: number }): CriterionDto => ({
  id: r.id,
  name: r.name,
  weight: Number(r.weight),
  position: Number(r.position),
});

export const sumWeights = (rows: { weight: number }[]) => rows.reduce((s, r) => s + Number(r.weight), 0);

export function notInFuture(date: string) {
  if (date > todayIso()) throw badRequest("date_in_future");
}
