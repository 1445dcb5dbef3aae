/**
 * The cluster registry (modules/clusters): a cluster's record and its life
 * cycle, its contracts and milestones, the registry's filters and counts.
 */
import { z } from "zod";
import { CLUSTER_STATES, type ClusterStateName, transitionNeedsReason } from "../lifecycle";
import {
  Cursor,
  cursorPageOf,
  IsoDate,
  Locale,
  Order,
  Paging,
  ProvinceCode,
  QueryBool,
  queryInt,
  SearchText,
} from "./common";

export const ClusterState = z.enum(CLUSTER_STATES);

// ----------------------------------------------------------------- cluster registry

const ShortText = z.string().trim().min(1).max(200);
const LongText = z.string().trim().max(4000);
/** ISIC Rev.4: a section letter, or a 2–4 digit division/group/class code. */
export const IsicCode = z.string().regex(/^([A-U]|\d{2,4})$/);
const Count = z.number().int().min(0).max(100_000_000);
const Rials = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const FigureInput = z.strictObject({
  value: Count,
  source: ShortText.nullish(),
  date: IsoDate.nullish(),
});

export const JobsInput = z.strictObject({
  industrial: Count,
  guild: Count,
  source: ShortText.nullish(),
  date: IsoDate.nullish(),
});

export const ClusterCreateInput = z.strictObject({
  nameFa: ShortText,
  nameEn: z.string().trim().max(200).nullish(),
  provinceCode: ProvinceCode,
  place: z.string().trim().max(500).nullish(),
  sector: z.string().trim().max(200).nullish(),
  isicCodes: z.array(IsicCode).max(20).optional(),
  productGroups: z.array(ShortText).max(30).optional(),
  advantageNote: LongText.nullish(),
  estEnterprises: FigureInput.nullish(),
  jobs: JobsInput.nullish(),
  identifiedOn: IsoDate.optional(),
});

export const ClusterUpdateInput = ClusterCreateInput.omit({ provinceCode: true, identifiedOn: true }).partial();

/** The two approvals a cluster needs before its project starts (DOMAIN: life cycle step 3). */
export const ApprovalsInput = z.strictObject({
  provincialCommittee: IsoDate,
  nationalOrganisation: IsoDate,
});

export const TransitionInput = z.strictObject({
  toState: ClusterState,
  happenedOn: IsoDate,
  /** Required when moving to "approved", refused otherwise. */
  approvals: ApprovalsInput.nullish(),
  note: LongText.nullish(),
  reason: LongText.nullish(),
});

/**
 * The life-cycle dialog's form: TransitionInput, with the reason a step out
 * of `from` needs (going back, cancelling, reopening) asked for before the
 * request, by the rule and under the code (reason_required) the server
 * answers with. It runs while other fields are still wrong, so every missing
 * field shows at once.
 */
export function transitionForm(from: ClusterStateName) {
  return TransitionInput.refine((v) => !transitionNeedsReason(from, v.toState) || !!v.reason?.trim(), {
    path: ["reason"],
    params: { code: "reason_required" },
    when: ({ value }) => ClusterState.safeParse((value as { toState?: unknown } | null)?.toState).success,
  });
}

export const MilestoneInput = z.strictObject({
  title: ShortText,
  plannedDate: IsoDate,
  actualDate: IsoDate.nullish(),
  amountRials: Rials.nullish(),
});

export const ContractInput = z.strictObject({
  kind: z.enum(["agent", "supervisor"]),
  organisation: ShortText,
  leadPerson: z.string().trim().max(200).nullish(),
  contractNumber: z.string().trim().max(100).nullish(),
  startDate: IsoDate,
  endDate: IsoDate.nullish(),
  amountRials: Rials.nullish(),
  milestones: z.array(MilestoneInput).max(50).optional(),
});

export const ContractUpdateInput = ContractInput.omit({ kind: true }).partial();

/** The registry's filters, shared by the list, the counts and the export. */
export const ClusterFilters = {
  q: SearchText.optional(),
  provinceCode: ProvinceCode.optional(),
  sector: SearchText.optional(),
  state: ClusterState.optional(),
  /** The running project's year (1–3), counted from its development agent's contract. */
  year: queryInt(1, 3).optional(),
  /** Only projects whose agent's contract ends within the warning window. */
  contractEnding: QueryBool.optional(),
};
export const ClusterSort = z.enum(["name", "province", "state", "stateSince"]).default("name");

/** GET /clusters/stats: the filters alone. */
export const ClusterFilterQuery = z.strictObject({ ...ClusterFilters });
/** GET /clusters: the filters, a sort and a page (by offset, or after a cursor). */
export const ClusterListQuery = z.strictObject({
  ...ClusterFilters,
  sort: ClusterSort,
  order: Order,
  ...Paging,
  cursor: Cursor.optional(),
});
/** GET /clusters/export.xlsx: the filters and a sort, no paging; lang: a plain download link gets the sheet in the UI's language, whatever the browser sends. */
export const ClusterExportQuery = z.strictObject({
  ...ClusterFilters,
  sort: ClusterSort,
  order: Order,
  lang: Locale.optional(),
});

// ----------------------------------------------------------------- registry responses

const Nullable = { s: z.string().nullable(), n: z.number().nullable() };

export const MilestoneOut = z.object({
  id: z.string(),
  title: z.string(),
  plannedDate: z.string(),
  actualDate: Nullable.s,
  amountRials: Nullable.n,
  overdue: z.boolean(),
});

export const TransitionOut = z.object({
  id: z.string(),
  fromState: ClusterState.nullable(),
  toState: ClusterState,
  happenedOn: z.string(),
  note: Nullable.s,
  reason: Nullable.s,
  approvals: ApprovalsInput.nullable(),
  createdBy: Nullable.s,
  createdByName: Nullable.s,
  createdAt: z.string(),
  attachments: z.array(z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number() })),
});

export const CLUSTER_WARNINGS = ["contract_ending", "milestone_overdue"] as const;

export const ClusterOut = z.object({
  id: z.string(),
  nameFa: z.string(),
  nameEn: Nullable.s,
  provinceCode: z.string(),
  provinceNameFa: z.string(),
  provinceNameEn: z.string(),
  state: ClusterState,
  stateSince: Nullable.s,
  place: Nullable.s,
  sector: Nullable.s,
  estEnterprises: Nullable.n,
  jobsIndustrial: Nullable.n,
  jobsGuild: Nullable.n,
  implementationYear: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  agentContractEnd: Nullable.s,
  warnings: z.array(z.enum(CLUSTER_WARNINGS)),
});

/** GET /clusters: a page of the registry, its total, and the cursor of the next page. */
export const ClusterPageOut = cursorPageOf(ClusterOut);

export const ContractOut = z.object({
  id: z.string(),
  kind: z.enum(["agent", "supervisor"]),
  organisation: z.string(),
  leadPerson: Nullable.s,
  contractNumber: Nullable.s,
  startDate: z.string(),
  endDate: z.string(),
  amountRials: Nullable.n,
  endingSoon: z.boolean(),
  milestones: z.array(MilestoneOut),
});

/** One cluster's record with its history and contracts, as services build it (and the PDF and export use). */
export const ClusterRecordOut = ClusterOut.extend({
  isicCodes: z.array(z.string()),
  productGroups: z.array(z.string()),
  advantageNote: Nullable.s,
  estEnterprisesSource: Nullable.s,
  estEnterprisesDate: Nullable.s,
  jobsSource: Nullable.s,
  jobsDate: Nullable.s,
  resumeState: ClusterState.nullable(),
  nextStates: z.array(ClusterState),
  transitions: z.array(TransitionOut),
  contracts: z.array(ContractOut),
});

/** What the caller may do with this cluster, from the same can() the server decides with. */
export const ClusterAbilitiesOut = z.object({
  /** Edit the record, move it through its life cycle, attach evidence. */
  update: z.boolean(),
  manageContracts: z.boolean(),
  readGovernance: z.boolean(),
  manageGovernance: z.boolean(),
  /** Read the diagnostic study, the action plans and the council's meetings (planning). */
  readPlanning: z.boolean(),
});

/** GET /clusters/{id} and every write that returns the cluster: its record and the caller's abilities on it. */
export const ClusterDetailOut = ClusterRecordOut.extend({ can: ClusterAbilitiesOut });

/** Clusters per life-cycle state; a state with none is left out. */
const StateCounts = z.partialRecord(ClusterState, z.number());

/** GET /clusters/stats: the counts per province and state, in total, and in four groups. */
export const ClusterStatsOut = z.object({
  byProvince: z.array(
    z.object({
      provinceCode: z.string(),
      nameFa: z.string(),
      nameEn: z.string(),
      total: z.number(),
      counts: StateCounts,
    }),
  ),
  totals: StateCounts,
  total: z.number(),
  groups: z.object({
    identified: z.number(),
    underDevelopment: z.number(),
    handedOver: z.number(),
    stopped: z.number(),
  }),
});

// ----------------------------------------------------------------- enterprises

/** One list of the registry's home card: the first rows and how many there are. */
const agendaList = <T extends z.ZodType>(item: T) => z.object({ total: z.number().int(), items: z.array(item) });

const AgendaCluster = { clusterId: z.string(), clusterNameFa: z.string(), clusterNameEn: z.string().nullable() };

/** GET /clusters/agenda: what needs doing next in the clusters in the caller's reach. */
export const ClusterAgendaOut = z.object({
  today: z.string(),
  /** Contracts ending within the warning window or already ended, while the project runs and none replaced them. */
  contracts: agendaList(
    z.object({
      ...AgendaCluster,
      contractId: z.string(),
      kind: z.enum(["agent", "supervisor"]),
      organisation: z.string(),
      endDate: z.string(),
      ended: z.boolean(),
    }),
  ),
  /** Milestones past their planned date with no actual date. */
  milestones: agendaList(
    z.object({
      ...AgendaCluster,
      milestoneId: z.string(),
      kind: z.enum(["agent", "supervisor"]),
      title: z.string(),
      plannedDate: z.string(),
    }),
  ),
  /** Running projects and their year, the agent contract ending first on top. */
  projects: agendaList(
    z.object({
      ...AgendaCluster,
      state: ClusterState,
      year: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
      agentContractEnd: z.string(),
    }),
  ),
});
