/**
 * The cluster registry and the project life cycle: registration, the state
 * history, the agent's and supervisor's contracts, the registry list with its
 * filters, counts per province and state, and the Excel export. Reads are
 * scoped: a user sees only clusters their grants reach.
 */
import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { z } from "zod";
import { addDaysIso, addYearsIso, todayIso } from "../../../core/jalali";
import {
  type ClusterStateName,
  checkTransition,
  implementationYear,
  nextStates,
  PROJECT_STATES,
} from "../../../core/lifecycle";
import { compactFa, normalizeFa, sortKeyFa } from "../../../core/normalize";
import { type Actor, scopeFilter } from "../../../core/permissions";
import type { ClusterOut, ClusterRecordOut, ContractOut, MilestoneOut, TransitionOut } from "../../../core/schemas";
import { authorize, authorizeAnywhere } from "../../auth/authorize";
import { type Deps, nowIso } from "../../context";
import { containsNormalized, inList } from "../../db/dialect";
import type { ClusterRow, DB } from "../../db/schema";
import { badRequest, conflict, fieldError, notFound } from "../../errors";
import { writeAudit } from "../audit/service";

/** Contracts ending within this many days raise a warning. */
export const CONTRACT_WARNING_DAYS = 60;
/** The development agent's contract runs three years unless told otherwise. */
export const DEFAULT_CONTRACT_YEARS = 3;

export type Warning = ClusterDto["warnings"][number];

export type ClusterDto = z.infer<typeof ClusterOut>;
export type MilestoneDto = z.infer<typeof MilestoneOut>;
export type ContractDto = z.infer<typeof ContractOut>;
export type TransitionDto = z.infer<typeof TransitionOut>;
export type ClusterDetailDto = z.infer<typeof ClusterRecordOut>;

type ClusterJoined = ClusterRow & { province_name_fa: string; province_name_en: string };

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom("clusters")
    .innerJoin("provinces", "provinces.code", "clusters.province_code")
    .where("clusters.archived_at", "is", null);
}

type Base = ReturnType<typeof baseQuery>;

/** A cluster's scope (for permission checks by other modules), or 404. */
export async function clusterScope(db: Kysely<DB>, id: string) {
  const c = await db.selectFrom("clusters").select(["id", "province_code"]).where("id", "=", id).executeTakeFirst();
  if (!c) throw notFound();
  return { provinceCode: c.province_code, clusterId: c.id };
}

const parseList = (s: string | null): string[] => (s ? (JSON.parse(s) as string[]) : []);

function searchKey(c: { nameFa: string; nameEn?: string | null; place?: string | null; sector?: string | null }) {
  return compactFa([c.nameFa, c.nameEn, c.place, c.sector].filter(Boolean).join(" "));
}

// ----------------------------------------------------------------- reading

async function contractsOf(db: Kysely<DB>, clusterIds: string[], today: string) {
  const byCluster = new Map<string, ContractDto[]>();
  if (clusterIds.length === 0) return byCluster;
  const contracts = await db
    .selectFrom("contracts")
    .selectAll()
    .where("cluster_id", "in", clusterIds)
    .orderBy("start_date", "desc")
    .execute();
  const milestones = contracts.length
    ? await db
        .selectFrom("contract_milestones")
        .selectAll()
        .where(
          "contract_id",
          "in",
          contracts.map((c) => c.id),
        )
        .orderBy("position")
        .execute()
    : [];
  const warnUntil = addDaysIso(today, CONTRACT_WARNING_DAYS);
  for (const c of contracts) {
    const list = byCluster.get(c.cluster_id) ?? [];
    list.push({
      id: c.id,
      kind: c.kind as ContractDto["kind"],
      organisation: c.organisation,
      leadPerson: c.lead_person,
      contractNumber: c.contract_number,
      startDate: c.start_date,
      endDate: c.end_date,
      amountRials: c.amount_rials === null ? null : Number(c.amount_rials),
      endingSoon: c.end_date >= today && c.end_date <= warnUntil,
      milestones: milestones
        .filter((m) => m.contract_id === c.id)
        .map((m) => ({
          id: m.id,
          title: m.title,
          plannedDate: m.planned_date,
          actualDate: m.actual_date,
          amountRials: m.amount_rials === null ? null : Number(m.amount_rials),
          overdue: !m.actual_date && m.planned_date < today,
        })),
    });
    byCluster.set(c.cluster_id, list);
  }
  return byCluster;
}

function toDto(r: ClusterJoined, contracts: ContractDto[], today: string): ClusterDto {
  const state = r.state as ClusterStateName;
  const agent = contracts.find((c) => c.kind === "agent");
  const inProject = PROJECT_STATES.includes(state);
  const warnings: Warning[] = [];
  if (inProject && contracts.some((c) => c.endingSoon)) warnings.push("contract_ending");
  if (inProject && contracts.some((c) => c.milestones.some((m) => m.overdue))) warnings.push("milestone_overdue");
  return {
    id: r.id,
    nameFa: r.name_fa,
    nameEn: r.name_en,
    provinceCode: r.province_code,
    provinceNameFa: r.province_name_fa,
    provinceNameEn: r.province_name_en,
    state,
    stateSince: r.state_since,
    place: r.place,
    sector: r.sector,
    estEnterprises: r.est_enterprises === null ? null : Number(r.est_enterprises),
    jobsIndustrial: r.jobs_industrial === null ? null : Number(r.jobs_industrial),
    jobsGuild: r.jobs_guild === null ? null : Number(r.jobs_guild),
    implementationYear: inProject && agent ? implementationYear(agent.startDate, today) : null,
    agentContractEnd: agent?.endDate ?? null,
    warnings,
  };
}

/** The registry record with its contracts; the history is added by the caller that loads it. */
function toDetail(r: ClusterJoined, contracts: ContractDto[], today: string): ClusterDetailDto {
  const resume = r.resume_state as ClusterStateName | null;
  return {
    ...toDto(r, contracts, today),
    isicCodes: parseList(r.isic_codes),
    productGroups: parseList(r.product_groups),
    advantageNote: r.advantage_note,
    estEnterprisesSource: r.est_enterprises_source,
    estEnterprisesDate: r.est_enterprises_date,
    jobsSource: r.jobs_source,
    jobsDate: r.jobs_date,
    resumeState: resume,
    nextStates: nextStates(r.state as ClusterStateName, resume),
    contracts,
    transitions: [],
  };
}

export interface ListClustersQuery {
  q?: string;
  provinceCode?: string;
  sector?: string;
  state?: ClusterStateName;
  year?: 1 | 2 | 3;
  contractEnding?: boolean;
  sort: "name" | "province" | "state" | "stateSince";
  order: "asc" | "desc";
  limit: number;
  offset: number;
}

/** The scope and filter part of a registry query, shared by the list, the stats and the export. */
function applyFilters(
  base: Base,
  actor: Actor,
  q: Omit<ListClustersQuery, "sort" | "order" | "limit" | "offset">,
): Base {
  const scope = scopeFilter(actor, "cluster.read");
  let b = base;
  if (scope) {
    b = b.where((eb) =>
      eb.or([inList("clusters.province_code", scope.provinceCodes), inList("clusters.id", scope.clusterIds)]),
    );
  }
  if (q.provinceCode) b = b.where("clusters.province_code", "=", q.provinceCode);
  if (q.state) b = b.where("clusters.state", "=", q.state);
  if (q.sector) b = b.where(containsNormalized("clusters.search_norm", compactFa(q.sector)));
  if (q.q) b = b.where(containsNormalized("clusters.search_norm", compactFa(q.q)));
  const today = todayIso();
  if (q.year || q.contractEnding) {
    // Both filters speak of running projects and their development agent's contract.
    b = b.where("clusters.state", "in", [...PROJECT_STATES]);
    b = b.where((eb) => {
      let sub = eb
        .selectFrom("contracts")
        .select("contracts.id")
        .whereRef("contracts.cluster_id", "=", "clusters.id")
        .where("contracts.kind", "=", "agent");
      if (q.year) {
        // Year N: the contract started within (today − N years, today − (N−1) years]; year 3 includes later.
        sub = sub.where("contracts.start_date", "<=", addYearsIso(today, -(q.year - 1)));
        if (q.year < 3) sub = sub.where("contracts.start_date", ">", addYearsIso(today, -q.year));
      }
      if (q.contractEnding) {
        sub = sub
          .where("contracts.end_date", ">=", today)
          .where("contracts.end_date", "<=", addDaysIso(today, CONTRACT_WARNING_DAYS));
      }
      return eb.exists(sub);
    });
  }
  return b;
}

const SORTS = {
  name: "clusters.name_sort",
  province: "provinces.name_sort",
  state: "clusters.state",
  stateSince: "clusters.state_since",
} as const;

export async function listClusters(deps: Deps, actor: Actor | null, q: ListClustersQuery) {
  const a = authorizeAnywhere(actor, "cluster.read");
  const db = deps.database.db;
  const base = applyFilters(baseQuery(db), a, q);
  const [rows, total] = await Promise.all([
    base
      .selectAll("clusters")
      .select(["provinces.name_fa as province_name_fa", "provinces.name_en as province_name_en"])
      .orderBy(SORTS[q.sort], q.order)
      .orderBy("clusters.name_sort")
      .orderBy("clusters.id")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const today = todayIso();
  const contracts = await contractsOf(
    db,
    rows.map((r) => r.id),
    today,
  );
  return { items: rows.map((r) => toDto(r, contracts.get(r.id) ?? [], today)), total: Number(total.n) };
}

async function loadDetail(db: Kysely<DB>, id: string): Promise<ClusterDetailDto> {
  const r = await baseQuery(db)
    .selectAll("clusters")
    .select(["provinces.name_fa as province_name_fa", "provinces.name_en as province_name_en"])
    .where("clusters.id", "=", id)
    .executeTakeFirst();
  if (!r) throw notFound();
  const today = todayIso();
  const contracts = (await contractsOf(db, [id], today)).get(id) ?? [];
  const transitions = await db
    .selectFrom("cluster_transitions")
    .leftJoin("users", "users.id", "cluster_transitions.created_by")
    .selectAll("cluster_transitions")
    .select("users.name as created_by_name")
    .where("cluster_transitions.cluster_id", "=", id)
    .orderBy("cluster_transitions.happened_on", "desc")
    .orderBy("cluster_transitions.created_at", "desc")
    .execute();
  const files = transitions.length
    ? await db
        .selectFrom("attachments")
        .select(["id", "owner_id", "file_name", "mime", "size"])
        .where("owner_type", "=", "transition")
        .where(
          "owner_id",
          "in",
          transitions.map((t) => t.id),
        )
        .orderBy("created_at")
        .execute()
    : [];
  return {
    ...toDetail(r, contracts, today),
    transitions: transitions.map((t) => ({
      id: t.id,
      fromState: t.from_state as ClusterStateName | null,
      toState: t.to_state as ClusterStateName,
      happenedOn: t.happened_on,
      note: t.note,
      reason: t.reason,
      approvals: t.approvals ? (JSON.parse(t.approvals) as Approvals) : null,
      createdBy: t.created_by,
      createdByName: t.created_by_name ?? null,
      createdAt: t.created_at,
      attachments: files
        .filter((f) => f.owner_id === t.id)
        .map((f) => ({ id: f.id, fileName: f.file_name, mime: f.mime, size: Number(f.size) })),
    })),
  };
}

export async function getCluster(deps: Deps, actor: Actor | null, id: string): Promise<ClusterDetailDto> {
  const db = deps.database.db;
  authorize(actor, "cluster.read", await clusterScope(db, id), true);
  return loadDetail(db, id);
}

// ----------------------------------------------------------------- writing

export interface FigureInput {
  value: number;
  source?: string | null;
  date?: string | null;
}

export interface ClusterInput {
  nameFa: string;
  nameEn?: string | null;
  provinceCode: string;
  place?: string | null;
  sector?: string | null;
  isicCodes?: string[];
  productGroups?: string[];
  advantageNote?: string | null;
  estEnterprises?: FigureInput | null;
  jobs?: { industrial: number; guild: number; source?: string | null; date?: string | null } | null;
  identifiedOn?: string;
}

function notFuture(date: string | null | undefined, field: string) {
  if (date && date > todayIso()) throw fieldError("date_in_future", field);
}

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

export type ClusterPatch = Partial<Omit<ClusterInput, "provinceCode" | "identifiedOn">>;

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
    const scope = await clusterScope(trx, id);
    authorize(actor, "cluster.read", scope, true);
    const a = authorize(actor, "cluster.update", scope);
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
    const changed: Record<string, { before: unknown; after: unknown }> = {};
    for (const [k, v] of Object.entries(set)) {
      if (k === "updated_at" || k === "search_norm" || k === "name_norm") continue;
      const old = before[k as keyof ClusterRow];
      if (old !== v) changed[k] = { before: old, after: v };
    }
    await writeAudit(trx, a, {
      action: "cluster.update",
      targetType: "cluster",
      targetId: id,
      provinceCode: before.province_code,
      clusterId: id,
      summary: changed,
    });
  });
  return loadDetail(db, id);
}

export interface Approvals {
  provincialCommittee: string;
  nationalOrganisation: string;
}

export interface TransitionInput {
  toState: ClusterStateName;
  happenedOn: string;
  approvals?: Approvals | null;
  note?: string | null;
  reason?: string | null;
}

/** Approval needs both bodies' dates, none after the step; other steps carry none. */
function checkApprovals(input: TransitionInput) {
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
  input: TransitionInput,
): Promise<ClusterDetailDto> {
  const db = deps.database.db;
  notFuture(input.happenedOn, "happenedOn");
  await db.transaction().execute(async (trx) => {
    const scope = await clusterScope(trx, id);
    authorize(actor, "cluster.read", scope, true);
    const a = authorize(actor, "cluster.update", scope);
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
  });
  return loadDetail(db, id);
}

/** The scope of a transition's cluster, for attachments on transitions. */
export async function transitionScope(db: Kysely<DB>, transitionId: string) {
  const t = await db
    .selectFrom("cluster_transitions")
    .innerJoin("clusters", "clusters.id", "cluster_transitions.cluster_id")
    .select(["clusters.id", "clusters.province_code"])
    .where("cluster_transitions.id", "=", transitionId)
    .executeTakeFirst();
  if (!t) throw notFound();
  return { provinceCode: t.province_code, clusterId: t.id };
}

export interface ContractInput {
  kind: "agent" | "supervisor";
  organisation: string;
  leadPerson?: string | null;
  contractNumber?: string | null;
  startDate: string;
  endDate?: string | null;
  amountRials?: number | null;
  milestones?: { title: string; plannedDate: string; actualDate?: string | null; amountRials?: number | null }[];
}

function checkContractDates(c: { startDate: string; endDate: string; milestones?: ContractInput["milestones"] }) {
  if (c.endDate < c.startDate) throw badRequest("end_before_start");
  for (const [i, m] of (c.milestones ?? []).entries()) notFuture(m.actualDate, `milestones.${i}.actualDate`);
}

async function writeMilestones(
  trx: Kysely<DB>,
  contractId: string,
  milestones: NonNullable<ContractInput["milestones"]>,
) {
  await trx.deleteFrom("contract_milestones").where("contract_id", "=", contractId).execute();
  let position = 0;
  for (const m of milestones) {
    await trx
      .insertInto("contract_milestones")
      .values({
        id: randomUUID(),
        contract_id: contractId,
        position: position++,
        title: m.title.trim(),
        planned_date: m.plannedDate,
        actual_date: m.actualDate ?? null,
        amount_rials: m.amountRials ?? null,
      })
      .execute();
  }
}

export async function addContract(deps: Deps, actor: Actor | null, clusterId: string, input: ContractInput) {
  const db = deps.database.db;
  const endDate =
    input.endDate ?? addDaysIso(addYearsIso(input.startDate, input.kind === "agent" ? DEFAULT_CONTRACT_YEARS : 1), -1);
  checkContractDates({ ...input, endDate });
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const scope = await clusterScope(trx, clusterId);
    authorize(actor, "cluster.read", scope, true);
    const a = authorize(actor, "contract.manage", scope);
    const now = nowIso();
    await trx
      .insertInto("contracts")
      .values({
        id,
        cluster_id: clusterId,
        province_code: scope.provinceCode,
        kind: input.kind,
        organisation: input.organisation.trim(),
        lead_person: input.leadPerson?.trim() || null,
        contract_number: input.contractNumber?.trim() || null,
        start_date: input.startDate,
        end_date: endDate,
        amount_rials: input.amountRials ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeMilestones(trx, id, input.milestones ?? []);
    await writeAudit(trx, a, {
      action: "contract.create",
      targetType: "contract",
      targetId: id,
      provinceCode: scope.provinceCode,
      clusterId,
      summary: { kind: input.kind, organisation: input.organisation, startDate: input.startDate, endDate },
    });
  });
  return loadDetail(db, clusterId);
}

export async function updateContract(
  deps: Deps,
  actor: Actor | null,
  contractId: string,
  input: Partial<Omit<ContractInput, "kind">>,
) {
  const db = deps.database.db;
  const clusterId = await db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom("contracts").selectAll().where("id", "=", contractId).executeTakeFirst();
    if (!c) throw notFound();
    const scope = { provinceCode: c.province_code, clusterId: c.cluster_id };
    authorize(actor, "cluster.read", scope, true);
    const a = authorize(actor, "contract.manage", scope);
    const startDate = input.startDate ?? c.start_date;
    const endDate = input.endDate ?? c.end_date;
    checkContractDates({ startDate, endDate, milestones: input.milestones });
    const set = {
      organisation: input.organisation?.trim() ?? c.organisation,
      lead_person: input.leadPerson !== undefined ? input.leadPerson?.trim() || null : c.lead_person,
      contract_number: input.contractNumber !== undefined ? input.contractNumber?.trim() || null : c.contract_number,
      start_date: startDate,
      end_date: endDate,
      amount_rials: input.amountRials !== undefined ? input.amountRials : c.amount_rials,
      updated_at: nowIso(),
    };
    await trx.updateTable("contracts").set(set).where("id", "=", contractId).execute();
    if (input.milestones) await writeMilestones(trx, contractId, input.milestones);
    await writeAudit(trx, a, {
      action: "contract.update",
      targetType: "contract",
      targetId: contractId,
      provinceCode: c.province_code,
      clusterId: c.cluster_id,
      summary: {
        before: { startDate: c.start_date, endDate: c.end_date, organisation: c.organisation },
        after: { startDate, endDate, organisation: set.organisation },
        milestones: input.milestones?.length ?? null,
      },
    });
    return c.cluster_id;
  });
  return loadDetail(db, clusterId);
}

// ----------------------------------------------------------------- the whole picture

export interface ClusterStats {
  byProvince: { provinceCode: string; nameFa: string; nameEn: string; total: number; counts: Record<string, number> }[];
  totals: Record<string, number>;
  total: number;
  groups: { identified: number; underDevelopment: number; handedOver: number; stopped: number };
}

export async function clusterStats(
  deps: Deps,
  actor: Actor | null,
  q: Omit<ListClustersQuery, "sort" | "order" | "limit" | "offset">,
): Promise<ClusterStats> {
  const a = authorizeAnywhere(actor, "cluster.read");
  const db = deps.database.db;
  const rows = await applyFilters(baseQuery(db), a, q)
    .select(["clusters.province_code", "clusters.state", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(["clusters.province_code", "clusters.state"])
    .execute();
  const provinces = await db.selectFrom("provinces").selectAll().orderBy("code").execute();
  const totals: Record<string, number> = {};
  const byCode = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const n = Number(r.n);
    totals[r.state] = (totals[r.state] ?? 0) + n;
    const counts = byCode.get(r.province_code) ?? {};
    counts[r.state] = n;
    byCode.set(r.province_code, counts);
  }
  const scope = scopeFilter(a, "cluster.read");
  const visible = scope
    ? provinces.filter((p) => scope.provinceCodes.includes(p.code) || byCode.has(p.code))
    : provinces;
  const sum = (states: string[]) => states.reduce((s, k) => s + (totals[k] ?? 0), 0);
  return {
    byProvince: visible.map((p) => {
      const counts = byCode.get(p.code) ?? {};
      return {
        provinceCode: p.code,
        nameFa: p.name_fa,
        nameEn: p.name_en,
        counts,
        total: Object.values(counts).reduce((s, n) => s + n, 0),
      };
    }),
    totals,
    total: sum(Object.keys(totals)),
    groups: {
      identified: sum(["identified", "feasibility", "approved"]),
      underDevelopment: sum([...PROJECT_STATES]),
      handedOver: sum(["handed_over", "network"]),
      stopped: sum(["on_hold", "cancelled"]),
    },
  };
}

/** All registry rows matching the filters, for the export (bounded by the registry's size). */
export async function clustersForExport(
  deps: Deps,
  actor: Actor | null,
  q: Omit<ListClustersQuery, "limit" | "offset">,
): Promise<ClusterDetailDto[]> {
  const a = authorizeAnywhere(actor, "cluster.read");
  const db = deps.database.db;
  const rows = await applyFilters(baseQuery(db), a, q)
    .selectAll("clusters")
    .select(["provinces.name_fa as province_name_fa", "provinces.name_en as province_name_en"])
    .orderBy(SORTS[q.sort], q.order)
    .orderBy("clusters.name_sort")
    .limit(50_000)
    .execute();
  const today = todayIso();
  const contracts = new Map<string, ContractDto[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const part = await contractsOf(
      db,
      rows.slice(i, i + 500).map((r) => r.id),
      today,
    );
    for (const [k, v] of part) contracts.set(k, v);
  }
  return rows.map((r) => toDetail(r, contracts.get(r.id) ?? [], today));
}

// ----------------------------------------------------------------- enterprises

export async function listEnterprises(
  deps: Deps,
  actor: Actor | null,
  q: { clusterId?: string; q?: string; limit: number; offset: number },
) {
  const a = authorizeAnywhere(actor, "enterprise.read");
  const scope = scopeFilter(a, "enterprise.read");
  let base = deps.database.db.selectFrom("enterprises").innerJoin("clusters", "clusters.id", "enterprises.cluster_id");
  if (scope) {
    base = base.where((eb) =>
      eb.or([
        inList("enterprises.province_code", scope.provinceCodes),
        inList("enterprises.cluster_id", scope.clusterIds),
        inList("enterprises.id", scope.enterpriseIds),
      ]),
    );
  }
  if (q.clusterId) base = base.where("enterprises.cluster_id", "=", q.clusterId);
  if (q.q) base = base.where(containsNormalized("enterprises.name_norm", normalizeFa(q.q)));
  const [rows, total] = await Promise.all([
    base
      .select([
        "enterprises.id",
        "enterprises.name",
        "enterprises.cluster_id",
        "clusters.name_fa as cluster_name",
        "enterprises.province_code",
      ])
      .orderBy("enterprises.name_sort")
      .orderBy("enterprises.id")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      clusterId: r.cluster_id,
      clusterName: r.cluster_name,
      provinceCode: r.province_code,
    })),
    total: Number(total.n),
  };
}
