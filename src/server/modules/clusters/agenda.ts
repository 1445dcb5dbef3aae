/**
 * The registry's "what needs doing next" for a person's home page, over the
 * clusters in their reach: contracts ending soon or already ended while the
 * project runs, milestones past their planned date with no actual date, and
 * each running project's year. Each list is the first few rows and a total,
 * so the card stays small however many clusters a national admin sees.
 */
import type { Kysely } from "kysely";
import type { z } from "zod";
import { addDaysIso, todayIso } from "../../../core/jalali";
import { implementationYear, PROJECT_STATES } from "../../../core/lifecycle";
import type { Actor } from "../../../core/permissions";
import type { ClusterAgendaOut } from "../../../core/schemas/clusters";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { paginate } from "../../services/paginate";
import { inScope } from "../../services/scope";
import { CONTRACT_WARNING_DAYS } from "./shared";

/** Rows per list on the card; the totals say how many more there are. */
export const AGENDA_ROWS = 5;

type Agenda = z.infer<typeof ClusterAgendaOut>;

/** Clusters whose project runs, in the actor's reach. */
function runningClusters(db: Kysely<DB>, actor: Actor) {
  return inScope(
    db
      .selectFrom("clusters")
      .where("clusters.archived_at", "is", null)
      .where("clusters.state", "in", [...PROJECT_STATES]),
    actor,
    "cluster.read",
    { province: "clusters.province_code", cluster: "clusters.id" },
  );
}

/** Their contracts that no newer one of the same kind has replaced (the same start: the later id). */
function currentContracts(db: Kysely<DB>, actor: Actor) {
  return runningClusters(db, actor)
    .innerJoin("contracts", "contracts.cluster_id", "clusters.id")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("contracts as later")
            .select("later.id")
            .whereRef("later.cluster_id", "=", "contracts.cluster_id")
            .whereRef("later.kind", "=", "contracts.kind")
            .where((eb) =>
              eb.or([
                eb("later.start_date", ">", eb.ref("contracts.start_date")),
                eb.and([
                  eb("later.start_date", "=", eb.ref("contracts.start_date")),
                  eb("later.id", ">", eb.ref("contracts.id")),
                ]),
              ]),
            ),
        ),
      ),
    );
}

/** Each list is its first rows and its total. */
const FIRST_ROWS = { limit: AGENDA_ROWS, offset: 0 };
const CLUSTER_COLUMNS = ["clusters.id as cluster_id", "clusters.name_fa", "clusters.name_en"] as const;

const clusterOf = (r: { cluster_id: string; name_fa: string; name_en: string | null }) => ({
  clusterId: r.cluster_id,
  clusterNameFa: r.name_fa,
  clusterNameEn: r.name_en,
});

async function contractsDue(db: Kysely<DB>, actor: Actor, today: string) {
  const base = currentContracts(db, actor).where("contracts.end_date", "<=", addDaysIso(today, CONTRACT_WARNING_DAYS));
  const { rows, total } = await paginate(base, FIRST_ROWS, (q) =>
    q
      .select([...CLUSTER_COLUMNS, "contracts.id", "contracts.kind", "contracts.organisation", "contracts.end_date"])
      .orderBy("contracts.end_date")
      .orderBy("contracts.id"),
  );
  return {
    total,
    items: rows.map((r) => ({
      ...clusterOf(r),
      contractId: r.id,
      kind: r.kind as Agenda["contracts"]["items"][number]["kind"],
      organisation: r.organisation,
      endDate: r.end_date,
      ended: r.end_date < today,
    })),
  };
}

async function milestonesOverdue(db: Kysely<DB>, actor: Actor, today: string) {
  // A replaced contract's unpaid milestones went with it.
  const base = currentContracts(db, actor)
    .innerJoin("contract_milestones", "contract_milestones.contract_id", "contracts.id")
    .where("contract_milestones.actual_date", "is", null)
    .where("contract_milestones.planned_date", "<", today);
  const { rows, total } = await paginate(base, FIRST_ROWS, (q) =>
    q
      .select([
        ...CLUSTER_COLUMNS,
        "contracts.kind",
        "contract_milestones.id",
        "contract_milestones.title",
        "contract_milestones.planned_date",
      ])
      .orderBy("contract_milestones.planned_date")
      .orderBy("contract_milestones.id"),
  );
  return {
    total,
    items: rows.map((r) => ({
      ...clusterOf(r),
      milestoneId: r.id,
      kind: r.kind as Agenda["milestones"]["items"][number]["kind"],
      title: r.title,
      plannedDate: r.planned_date,
    })),
  };
}

/** Running projects with their agent's current contract, the one ending first on top. */
async function projects(db: Kysely<DB>, actor: Actor, today: string) {
  const base = currentContracts(db, actor).where("contracts.kind", "=", "agent");
  const { rows, total } = await paginate(base, FIRST_ROWS, (q) =>
    q
      .select([...CLUSTER_COLUMNS, "clusters.state", "contracts.start_date", "contracts.end_date"])
      .orderBy("contracts.end_date")
      .orderBy("clusters.id"),
  );
  return {
    total,
    items: rows.map((r) => ({
      ...clusterOf(r),
      state: r.state as Agenda["projects"]["items"][number]["state"],
      year: implementationYear(r.start_date, today),
      agentContractEnd: r.end_date,
    })),
  };
}

export async function clusterAgenda(deps: Deps, actor: Actor | null): Promise<Agenda> {
  const a = authorizeAnywhere(actor, "cluster.read");
  const db = deps.database.db;
  const today = todayIso();
  // One list after another: each already runs its page and its count side by side, and a
  // home page should not hold more of the PostgreSQL pool than that.
  const contracts = await contractsDue(db, a, today);
  const milestones = await milestonesOverdue(db, a, today);
  const running = await projects(db, a, today);
  return { today, contracts, milestones, projects: running };
}
