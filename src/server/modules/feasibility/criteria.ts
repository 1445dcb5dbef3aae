/**
 * A province's weighted feasibility criteria: listed, appended one at a
 * time, or replaced as a whole list whose weights total 100.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { normalizeFa } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import type { CriteriaInput, CriteriaOut, CriterionInput } from "../../../core/schemas/feasibility";
import { type Deps, nowIso } from "../../context";
import { badRequest } from "../../errors";
import { writeAudit } from "../audit/service";
import { activeCriteria, type CriterionDto, inProvince, sumWeights, toCriterionDto } from "./shared";

export async function listCriteria(
  deps: Deps,
  actor: Actor | null,
  code: string,
): Promise<z.infer<typeof CriteriaOut>> {
  const db = deps.database.db;
  await inProvince(db, actor, code);
  const rows = await activeCriteria(db, code);
  return { items: rows.map(toCriterionDto), total: rows.length, weightTotal: sumWeights(rows) };
}

function assertDistinctNames(names: string[]) {
  const seen = new Set<string>();
  for (const n of names) {
    const k = normalizeFa(n);
    if (seen.has(k)) throw badRequest("duplicate_criterion");
    seen.add(k);
  }
}

/** Appends one criterion; the weights need not total 100 until a study is scored. */
export async function createCriterion(
  deps: Deps,
  actor: Actor | null,
  code: string,
  input: z.infer<typeof CriterionInput>,
): Promise<CriterionDto> {
  return deps.database.db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, actor, code);
    const rows = await activeCriteria(trx, code);
    const name = input.name.trim();
    assertDistinctNames([...rows.map((r) => r.name), name]);
    const row = {
      id: randomUUID(),
      province_code: code,
      name,
      weight: input.weight,
      position: rows.reduce((m, r) => Math.max(m, Number(r.position)), 0) + 1,
      archived_at: null,
    };
    await trx.insertInto("feasibility_criteria").values(row).execute();
    await writeAudit(trx, a, {
      action: "feasibility.criterion.create",
      targetType: "feasibility_criterion",
      targetId: row.id,
      provinceCode: code,
      summary: { name, weight: input.weight },
    });
    return toCriterionDto(row);
  });
}

/**
 * Replaces the province's whole list in one go: listed ids are kept (renamed,
 * re-weighted, re-ordered), new items are added, and the rest are removed —
 * archived when a study scored them, deleted otherwise. Weights must total 100.
 */
export async function replaceCriteria(
  deps: Deps,
  actor: Actor | null,
  code: string,
  items: z.infer<typeof CriteriaInput>["items"],
): Promise<z.infer<typeof CriteriaOut>> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, actor, code);
    if (items.reduce((s, i) => s + i.weight, 0) !== 100) throw badRequest("weights_must_total_100");
    const current = await activeCriteria(trx, code);
    const byId = new Map(current.map((r) => [r.id, r]));
    const keptIds = new Set<string>();
    for (const i of items) {
      if (!i.id) continue;
      if (!byId.has(i.id)) throw badRequest("unknown_criterion");
      if (keptIds.has(i.id)) throw badRequest("duplicate_criterion");
      keptIds.add(i.id);
    }
    assertDistinctNames(items.map((i) => i.name.trim()));

    const removed = current.filter((r) => !keptIds.has(r.id));
    if (removed.length) {
      const removedIds = removed.map((r) => r.id);
      const scored = await trx
        .selectFrom("feasibility_scores")
        .select("criterion_id")
        .distinct()
        .where("criterion_id", "in", removedIds)
        .execute();
      const scoredIds = scored.map((s) => s.criterion_id);
      const unscored = removedIds.filter((id) => !scoredIds.includes(id));
      if (scoredIds.length) {
        await trx
          .updateTable("feasibility_criteria")
          .set({ archived_at: nowIso() })
          .where("id", "in", scoredIds)
          .execute();
      }
      if (unscored.length) await trx.deleteFrom("feasibility_criteria").where("id", "in", unscored).execute();
    }
    const after: { id: string; name: string; weight: number }[] = [];
    for (const [idx, i] of items.entries()) {
      const name = i.name.trim();
      if (i.id) {
        await trx
          .updateTable("feasibility_criteria")
          .set({ name, weight: i.weight, position: idx + 1 })
          .where("id", "=", i.id)
          .execute();
        after.push({ id: i.id, name, weight: i.weight });
      } else {
        const id = randomUUID();
        await trx
          .insertInto("feasibility_criteria")
          .values({ id, province_code: code, name, weight: i.weight, position: idx + 1, archived_at: null })
          .execute();
        after.push({ id, name, weight: i.weight });
      }
    }
    await writeAudit(trx, a, {
      action: "feasibility.criteria.replace",
      targetType: "province",
      targetId: code,
      provinceCode: code,
      summary: {
        changes: {
          criteria: { before: current.map((r) => ({ id: r.id, name: r.name, weight: Number(r.weight) })), after },
        },
      },
    });
  });
  return listCriteria(deps, actor, code);
}
