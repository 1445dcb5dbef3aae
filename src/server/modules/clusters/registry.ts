/**
 * The cluster registry and the project life cycle: the registry list and a
 * cluster's record, registration, changes to the record, and the dated
 * steps of the life cycle. Reads are scoped: a user sees only clusters their
 * grants reach. Contracts are in contracts.ts, counts in stats.ts, the Excel
 * export in export.ts, enterprises in enterprises.ts.
 */
import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { z } from "zod";
import { todayIso } from "../../../core/jalali";
import { type ClusterStateName, checkTransition } from "../../../core/lifecycle";
import { compactFa, normalizeFa, sortKeyFa } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import type { ClusterCreateInput, ClusterUpdateInput, TransitionInput } from "../../../core/schemas/clusters";
import type { CursorPage } from "../../../core/schemas/common";
import { authorize, authorizeAnywhere } from "../../auth/authorize";
import { type Deps, nowIso } from "../../context";
import type { ClusterRow, DB } from "../../db/schema";
import { AppError, badRequest, conflict, fieldError } from "../../errors";
import { diffFields } from "../../services/diff";
import { afterKeys, decodeCursor, encodeCursor, orderByKeys } from "../../services/keyset";
import { authorizeRecord } from "../../services/load";
import { paginate } from "../../services/paginate";
import { writeAudit } from "../audit/service";
import {
  applyFilters,
  baseQuery,
  type ClusterDetailDto,
  type ClusterDto,
  clusterScope,
  contractsOf,
  type ListClustersQuery,
  loadDetail,
  notFuture,
  parseList,
  registryKeyValues,
  registryOrder,
  toDto,
  withProvince,
} from "./shared";

function searchKey(c: { nameFa: string; nameEn?: string | null; place?: string | null; sector?: string | null }) {
  return compactFa([c.nameFa, c.nameEn, c.place, c.sector].filter(Boolean).join(" "));
}

// ----------------------------------------------------------------- reading

export async function listClusters(
  deps: Deps,
  actor: Actor | null,
  q: ListClustersQuery,
): Promise<CursorPage<ClusterDto>> {
  const a = authorizeAnywhere(actor, "cluster.read");
  const db = deps.database.db;
  const keys = registryOrder(q.sort, q.order);
  const tag = `clusters:${q.sort}:${q.order}`;
  if (q.cursor && q.offset > 0) throw new AppError(400, "validation_failed", {}, [{ path: "querystring.offset" }]);
  const after = q.cursor ? decodeCursor(q.cursor, tag, keys.length) : null;
  const base = applyFilters(baseQuery(db), a, q);
  // One row past the page says whether there is a next one.
  const { rows, total } = await paginate(base, { limit: q.limit + 1, offset: q.offset }, (b) => {
    const page = withProvince(b);
    return orderByKeys(after ? page.where(afterKeys(keys, after)) : page, keys);
  });
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeCursor(tag, registryKeyValues(q.sort, last)) : null;
  const today = todayIso();
  const contracts = await contractsOf(
    db,
    shown.map((r) => r.id),
    today,
  );
  return { items: shown.map((r) => toDto(r, contracts.get(r.id) ?? [], today)), total, nextCursor };
}

export async function getCluster(deps: Deps, actor: Actor | null, id: string): Promise<ClusterDetailDto> {
  const db = deps.database.db;
  authorizeRecord(actor, await clusterScope(db, id), "cluster.read");
  return loadDetail(db, id);
}

// ----------------------------------------------------------------- writing

export type ClusterInput = z.infer<typeof ClusterCreateInput>;

/** Names are the same when they differ only in letters' forms, ZWNJ or spacing. */
async function assertNameFree(db: Kysely<DB>, provinceCode: string, nameFa: string, exceptId?: string) {
  let q = db
    .selectFrom("clusters")
    .select("id")
    .where("province_code", "=", provinceCode)
    .where(sql<string>`replace(name_norm, ' ', '')`, "=", compactFa(nameFa));
  if (exceptId) q = q.where("id", "!=", exceptId);
  if (await q.executeTakeFirst()) throw conflict("cluster_name_taken");
}

export async function createCluster(deps: Deps, actor: Actor | null, input: ClusterInput): Promise<ClusterDetailDto> {
  const db = deps.database.db;
  const a = authorize(actor, "cluster.create", { provinceCode: input.provinceCode });
  notFuture(input.identifiedOn, "identifiedOn");
  notFuture(input.estEnterprises?.date, "estEnterprises.date");
  notFuture(input.jobs?.date, "jobs.date");
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom("provinces")
      .select("code")
      .where("code", "=", input.provinceCode)
      .executeTakeFirst();
    if (!p) throw badRequest("unknown_province");
    const nameNorm = normalizeFa(input.nameFa);
    await assertNameFree(trx, input.provinceCode, input.nameFa);
    const now = nowIso();
    const identifiedOn = input.identifiedOn ?? todayIso();
    await trx
      .insertInto("clusters")
      .values({
        id,
        province_code: input.provinceCode,
        name_fa: input.nameFa.trim(),
        name_en: input.nameEn?.trim() || null,
        name_norm: nameNorm,
        name_sort: sortKeyFa(input.nameFa),
        state: "identified",
        created_at: now,
        updated_at: now,
        archived_at: null,
        ...registryColumns(input),
        state_since: identifiedOn,
        resume_state: null,
        search_norm: searchKey(input),
      })
      .execute();
    await trx
      .insertInto("cluster_transitions")
      .values({
        id: randomUUID(),
        cluster_id: id,
        from_state: null,
        to_state: "identified",
        happened_on: identifiedOn,
        note: null,
        reason: null,
        created_by: a.userId,
        created_at: now,
      })
      .execute();
    await writeAudit(trx, a, {
      action: "cluster.create",
      targetType: "cluster",
      targetId: id,
      provinceCode: input.provinceCode,
      clusterId: id,
      summary: { nameFa: input.nameFa.trim(), identifiedOn },
    });
  });
  return loadDetail(db, id);
}

function registryColumns(input: Partial<ClusterInput>) {
  const out: Partial<ClusterRow> = {};
  if (input.place !== undefined) out.place = input.place?.trim() || null;
  if (input.sector !== undefined) out.sector = input.sector?.trim() || null;
  if (input.isicCodes !== undefined) out.isic_codes = JSON.stringify(input.isicCodes);
  if (input.productGroups !== undefined) out.product_groups = JSON.stringify(input.productGroups.map((g) => g.trim()));
  if (input.advantageNote !== undefined) out.advantage_note = input.advantageNote?.trim() || null;
  if (input.estEnterprises !== undefined) {
    out.est_enterprises = input.estEnterprises?.value ?? null;
    out.est_enterprises_source = input.estEnterprises?.source?.trim() || null;
    out.est_enterprises_date = input.estEnterprises?.date ?? null;
  }
  if (input.jobs !== undefined) {
    out.jobs_industrial = input.jobs?.industrial ?? null;
    out.jobs_guild = input.jobs?.guild ?? null;
    out.jobs_source = input.jobs?.source?.trim() || null;
    out.jobs_date = input.jobs?.date ?? null;
  }
  return out;
}

/** A cluster's registry fields as the audit log names them (camelCase, lists as lists). */
function registryView(r: ClusterRow): Record<string, unknown> {
  return {
    nameFa: r.name_fa,
    nameEn: r.name_en,
    place: r.place,
    sector: r.sector,
    isicCodes: parseList(r.isic_codes),
    productGroups: parseList(r.product_groups),
    advantageNote: r.advantage_note,
    estEnterprises: r.est_enterprises,
    estEnterprisesSource: r.est_enterprises_source,
    estEnterprisesDate: r.est_enterprises_date,
    jobsIndustrial: r.jobs_industrial,
    jobsGuild: r.jobs_guild,
    jobsSource: r.jobs_source,
    jobsDate: r.jobs_date,
  };
}

export type ClusterPatch = z.infer<typeof ClusterUpdateInput>;

export async function updateCluster(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: ClusterPatch,
): Promise<ClusterDetailDto> {
  const db = deps.database.db;
  notFuture(input.estEnterprises?.date, "estEnterprises.date");
  notFuture(input.jobs?.date, "jobs.date");
  await db.transaction().execute(async (trx) => {
    const a = authorizeRecord(actor, await clusterScope(trx, id), "cluster.read", "cluster.update");
    const before = await trx.selectFrom("clusters").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const set: Partial<ClusterRow> = { ...registryColumns(input), updated_at: nowIso() };
    if (input.nameFa !== undefined) {
      set.name_fa = input.nameFa.trim();
      set.name_norm = normalizeFa(input.nameFa);
      set.name_sort = sortKeyFa(input.nameFa);
      await assertNameFree(trx, before.province_code, input.nameFa, id);
    }
    if (input.nameEn !== undefined) set.name_en = input.nameEn?.trim() || null;
    set.search_norm = searchKey({
      nameFa: set.name_fa ?? before.name_fa,
      nameEn: set.name_en !== undefined ? set.name_en : before.name_en,
      place: set.place !== undefined ? set.place : before.place,
      sector: set.sector !== undefined ? set.sector : before.sector,
    });
    await trx.updateTable("clusters").set(set).where("id", "=", id).execute();
    const changes = diffFields(registryView(before), registryView({ ...before, ...set }));
    await writeAudit(trx, a, {
      action: "cluster.update",
      targetType: "cluster",
      targetId: id,
      provinceCode: before.province_code,
      clusterId: id,
      summary: { changes },
    });
  });
  return loadDetail(db, id);
}

/** Approval needs both bodies' dates, none after the step; other steps carry none. */
function checkApprovals(input: z.infer<typeof TransitionInput>) {
  const a = input.approvals;
  if (input.toState !== "approved") {
    if (a) throw fieldError("validation_failed", "approvals");
    return;
  }
  if (!a) throw fieldError("approvals_required", "approvals");
  notFuture(a.provincialCommittee, "approvals.provincialCommittee");
  notFuture(a.nationalOrganisation, "approvals.nationalOrganisation");
  for (const [k, d] of Object.entries(a))
    if (d > input.happenedOn) throw fieldError("approval_after_step", `approvals.${k}`);
}

export async function transitionCluster(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: z.infer<typeof TransitionInput>,
): Promise<ClusterDetailDto> {
  const db = deps.database.db;
  notFuture(input.happenedOn, "happenedOn");
  await db.transaction().execute(async (trx) => {
    const a = authorizeRecord(actor, await clusterScope(trx, id), "cluster.read", "cluster.update");
    const c = await trx.selectFrom("clusters").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const from = c.state as ClusterStateName;
    const check = checkTransition(from, input.toState, c.resume_state as ClusterStateName | null);
    if (!check.ok)
      throw badRequest("transition_not_allowed", {
        from: { t: `states.${from}` },
        to: { t: `states.${input.toState}` },
      });
    if (check.needsReason && !input.reason?.trim()) throw badRequest("reason_required");
    checkApprovals(input);
    // The history is a sequence: a step cannot be dated before the one it follows.
    const last = await trx
      .selectFrom("cluster_transitions")
      .select("happened_on")
      .where("cluster_id", "=", id)
      .orderBy("happened_on", "desc")
      .executeTakeFirst();
    if (last && input.happenedOn < last.happened_on) {
      throw badRequest("date_before_previous_step", { date: last.happened_on });
    }
    if (input.toState === "agent_contracted") {
      const agent = await trx
        .selectFrom("contracts")
        .select("id")
        .where("cluster_id", "=", id)
        .where("kind", "=", "agent")
        .executeTakeFirst();
      if (!agent) throw badRequest("contract_required");
    }
    const now = nowIso();
    const transitionId = randomUUID();
    await trx
      .insertInto("cluster_transitions")
      .values({
        id: transitionId,
        cluster_id: id,
        from_state: from,
        to_state: input.toState,
        happened_on: input.happenedOn,
        note: input.note?.trim() || null,
        reason: input.reason?.trim() || null,
        created_by: a.userId,
        created_at: now,
        approvals: input.approvals ? JSON.stringify(input.approvals) : null,
      })
      .execute();
    await writeAudit(trx, a, {
      action: "cluster.transition",
      targetType: "cluster",
      targetId: id,
      provinceCode: c.province_code,
      clusterId: id,
      summary: {
        transitionId,
        from,
        to: input.toState,
        happenedOn: input.happenedOn,
        reason: input.reason ?? null,
        approvals: input.approvals ?? null,
      },
    });
    // The state last: its trigger updates the province's counts (cluster_state_counts),
    // whose rows every step in the province waits for, so they are held only until commit.
    await trx
      .updateTable("clusters")
      .set({
        state: input.toState,
        state_since: input.happenedOn,
        resume_state: input.toState === "on_hold" ? from : null,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
  });
  return loadDetail(db, id);
}
