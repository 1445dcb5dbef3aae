/**
 * A province's own intervention areas, beside the built-in ones
 * (INTERVENTION_AREAS): added by its admins, archived rather than deleted so
 * the programmes filed under one keep their area.
 */

import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Actor } from "../../../core/permissions";
import type { AreaInput, AreasOut } from "../../../core/schemas/planning";
import { trimmedOrNull } from "../../../core/text";
import { requireActor } from "../../auth/authorize";
import { type Deps, nowIso } from "../../context";
import { conflict } from "../../errors";
import { authorizeRecord, found } from "../../services/load";
import { writeAudit } from "../audit/service";

async function province(deps: Deps, code: string) {
  found(await deps.database.db.selectFrom("provinces").select("code").where("code", "=", code).executeTakeFirst());
}

/** The province's current areas: names of headings, shown to any signed-in caller (plan forms, printed plans). */
export async function listAreas(deps: Deps, actor: Actor | null, code: string): Promise<z.infer<typeof AreasOut>> {
  requireActor(actor);
  await province(deps, code);
  const rows = await deps.database.db
    .selectFrom("planning_areas")
    .select(["id", "name_fa", "name_en"])
    .where("province_code", "=", code)
    .where("archived_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const items = rows.map((r) => ({ id: r.id, nameFa: r.name_fa, nameEn: r.name_en }));
  return { items, total: items.length };
}

export async function addArea(deps: Deps, actor: Actor | null, code: string, input: z.infer<typeof AreaInput>) {
  // Provinces are public: a caller without the right is told so (403), not 404.
  const a = authorizeRecord(actor, { provinceCode: code }, () => true, "planning.areas");
  await province(deps, code);
  await deps.database.db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom("planning_areas")
      .select("id")
      .where("province_code", "=", code)
      .where("name_fa", "=", input.nameFa)
      .where("archived_at", "is", null)
      .executeTakeFirst();
    if (taken) throw conflict("area_exists");
    const id = randomUUID();
    await trx
      .insertInto("planning_areas")
      .values({
        id,
        province_code: code,
        name_fa: input.nameFa,
        name_en: trimmedOrNull(input.nameEn),
        archived_at: null,
        created_at: nowIso(),
      })
      .execute();
    await writeAudit(trx, a, {
      action: "planning.area.add",
      targetType: "planning_area",
      targetId: id,
      provinceCode: code,
      summary: { nameFa: input.nameFa, nameEn: trimmedOrNull(input.nameEn) },
    });
  });
  return listAreas(deps, actor, code);
}

export async function archiveArea(deps: Deps, actor: Actor | null, code: string, id: string) {
  const a = authorizeRecord(actor, { provinceCode: code }, () => true, "planning.areas");
  await deps.database.db.transaction().execute(async (trx) => {
    const area = found(
      await trx
        .selectFrom("planning_areas")
        .selectAll()
        .where("id", "=", id)
        .where("province_code", "=", code)
        .where("archived_at", "is", null)
        .executeTakeFirst(),
    );
    await trx.updateTable("planning_areas").set({ archived_at: nowIso() }).where("id", "=", id).execute();
    await writeAudit(trx, a, {
      action: "planning.area.archive",
      targetType: "planning_area",
      targetId: id,
      provinceCode: code,
      summary: { nameFa: area.name_fa },
    });
  });
}
