/**
 * What the registry's parts share (registry.ts, contracts.ts, stats.ts,
 * export.ts): the registry query with its scope and filters, the DTOs and
 * how rows become them, loading a cluster's detail, and the scope of a
 * cluster or a transition for other modules' permission checks.
 */
import { type Kysely, sql } from "kysely";
import type { z } from "zod";
import { addDaysIso, addYearsIso, todayIso } from "../../../core/jalali";
import { type ClusterStateName, implementationYear, nextStates, PROJECT_STATES } from "../../../core/lifecycle";
import { compactFa } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import type {
  ApprovalsInput,
  ClusterFilterQuery,
  ClusterListQuery,
  ClusterOut,
  ClusterRecordOut,
  ContractOut,
  MilestoneOut,
  TransitionOut,
} from "../../../core/schemas/clusters";
import { containsNormalized } from "../../db/dialect";
import type { ClusterRow, DB } from "../../db/schema";
import { fieldError } from "../../errors";
import type { SortKey } from "../../services/keyset";
import { found } from "../../services/load";
import { inScope } from "../../services/scope";

/** Contracts ending within this many days raise a warning. */
export const CONTRACT_WARNING_DAYS = 60;
export type Warning = ClusterDto["warnings"][number];

export type ClusterDto = z.infer<typeof ClusterOut>;
export type MilestoneDto = z.infer<typeof MilestoneOut>;
export type ContractDto = z.infer<typeof ContractOut>;
export type TransitionDto = z.infer<typeof TransitionOut>;
export type ClusterDetailDto = z.infer<typeof ClusterRecordOut>;

export type ClusterJoined = ClusterRow & { province_name_fa: string; province_name_en: string };

/**
 * The registry's rows: clusters not archived. Their province's names are
 * joined by the queries that show them (withProvince), so a count or a
 * filter reads clusters alone (every cluster has its province: a foreign key).
 */
export function baseQuery(db: Kysely<DB>) {
  return db.selectFrom("clusters").where("clusters.archived_at", "is", null);
}

export type Base = ReturnType<typeof baseQuery>;

/** The registry's columns for a DTO: the cluster's own, its province's names and sort key. */
export function withProvince(q: Base) {
  return q
    .innerJoin("provinces", "provinces.code", "clusters.province_code")
    .selectAll("clusters")
    .select([
      "provinces.name_fa as province_name_fa",
      "provinces.name_en as province_name_en",
      "provinces.name_sort as province_name_sort",
    ]);
}

/** A cluster's scope (for permission checks by other modules), or 404. */
export async function clusterScope(db: Kysely<DB>, id: string) {
  const c = found(
    await db.selectFrom("clusters").select(["id", "province_code"]).where("id", "=", id).executeTakeFirst(),
  );
  return { provinceCode: c.province_code, clusterId: c.id };
}

export const parseList = (s: string | null): string[] => (s ? (JSON.parse(s) as string[]) : []);

export async function contractsOf(db: Kysely<DB>, clusterIds: string[], today: string) {
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

export function toDto(r: ClusterJoined, contracts: ContractDto[], today: string): ClusterDto {
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
export function toDetail(r: ClusterJoined, contracts: ContractDto[], today: string): ClusterDetailDto {
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

export type ListClustersQuery = z.infer<typeof ClusterListQuery>;
/** The registry's filters alone: the list's without sort and page. */
export type ClusterFilters = z.infer<typeof ClusterFilterQuery>;

/** The scope and filter part of a registry query, shared by the list, the stats and the export. */
export function applyFilters(base: Base, actor: Actor, q: ClusterFilters): Base {
  let b = inScope(base, actor, "cluster.read", { province: "clusters.province_code", cluster: "clusters.id" });
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

type ClusterSortName = ListClustersQuery["sort"];

/**
 * The registry's order for a sort: the sorted key in the asked direction,
 * then the name and the id ascending (stable pages, names A to Z within a
 * state or province); sorted by name, the id follows the name's direction so
 * one index serves both. The list, its cursors and the export use it; every
 * key is non-null (a missing state date sorts as the earliest).
 */
export function registryOrder(sort: ClusterSortName, order: "asc" | "desc"): SortKey[] {
  const byName: SortKey[] = [
    { expr: "clusters.name_sort", dir: "asc" },
    { expr: "clusters.id", dir: "asc" },
  ];
  switch (sort) {
    case "name":
      return byName.map((k) => ({ ...k, dir: order }));
    case "province":
      return [{ expr: "provinces.name_sort", dir: order }, ...byName];
    case "state":
      return [{ expr: "clusters.state", dir: order }, ...byName];
    case "stateSince":
      return [{ expr: sql`coalesce(${sql.ref("clusters.state_since")}, '')`, dir: order }, ...byName];
  }
}

/** A row's values for registryOrder's keys, in the same order (for its cursor). */
export function registryKeyValues(
  sort: ClusterSortName,
  r: Pick<ClusterRow, "name_sort" | "id" | "state" | "state_since"> & { province_name_sort: string },
): string[] {
  const byName = [r.name_sort, r.id];
  switch (sort) {
    case "name":
      return byName;
    case "province":
      return [r.province_name_sort, ...byName];
    case "state":
      return [r.state, ...byName];
    case "stateSince":
      return [r.state_since ?? "", ...byName];
  }
}

export async function loadDetail(db: Kysely<DB>, id: string): Promise<ClusterDetailDto> {
  const r = found(await withProvince(baseQuery(db).where("clusters.id", "=", id)).executeTakeFirst());
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

/** The scope of a transition's cluster, for attachments on transitions. */
export async function transitionScope(db: Kysely<DB>, transitionId: string) {
  const t = await db
    .selectFrom("cluster_transitions")
    .innerJoin("clusters", "clusters.id", "cluster_transitions.cluster_id")
    .select(["clusters.id", "clusters.province_code"])
    .where("cluster_transitions.id", "=", transitionId)
    .executeTakeFirst()
    .then(found);
  return { provinceCode: t.province_code, clusterId: t.id };
}

type Approvals = z.infer<typeof ApprovalsInput>;

export function notFuture(date: string | null | undefined, field: string) {
  if (date && date > todayIso()) throw fieldError("date_in_future", field);
}
