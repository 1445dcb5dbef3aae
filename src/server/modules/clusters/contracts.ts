/**
 * The development agent's and the supervisor's contracts of a cluster, with
 * their milestones: the province's to record (contract.manage).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { addDaysIso, addYearsIso } from "../../../core/jalali";
import type { Actor } from "../../../core/permissions";
import type { ContractInput, ContractUpdateInput } from "../../../core/schemas/clusters";
import { type Deps, nowIso } from "../../context";
import type { ContractsTable, DB } from "../../db/schema";
import { badRequest } from "../../errors";
import { diffFields } from "../../services/diff";
import { authorizeRecord, loadAuthorized } from "../../services/load";
import { writeAudit } from "../audit/service";
import { clusterScope, loadDetail, notFuture } from "./shared";

/** The development agent's contract runs three years unless told otherwise. */
export const DEFAULT_CONTRACT_YEARS = 3;

type Contract = z.infer<typeof ContractInput>;

function checkContractDates(c: { startDate: string; endDate: string; milestones?: Contract["milestones"] }) {
  if (c.endDate < c.startDate) throw badRequest("end_before_start");
  for (const [i, m] of (c.milestones ?? []).entries()) notFuture(m.actualDate, `milestones.${i}.actualDate`);
}

async function writeMilestones(trx: Kysely<DB>, contractId: string, milestones: NonNullable<Contract["milestones"]>) {
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

export async function addContract(deps: Deps, actor: Actor | null, clusterId: string, input: Contract) {
  const db = deps.database.db;
  const endDate =
    input.endDate ?? addDaysIso(addYearsIso(input.startDate, input.kind === "agent" ? DEFAULT_CONTRACT_YEARS : 1), -1);
  checkContractDates({ ...input, endDate });
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const scope = await clusterScope(trx, clusterId);
    const a = authorizeRecord(actor, scope, "cluster.read", "contract.manage");
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

/** A contract's fields as the audit log names them. */
function contractView(
  c: Pick<
    ContractsTable,
    "organisation" | "lead_person" | "contract_number" | "start_date" | "end_date" | "amount_rials"
  >,
): Record<string, unknown> {
  return {
    organisation: c.organisation,
    leadPerson: c.lead_person,
    contractNumber: c.contract_number,
    startDate: c.start_date,
    endDate: c.end_date,
    amountRials: c.amount_rials === null ? null : Number(c.amount_rials),
  };
}

export async function updateContract(
  deps: Deps,
  actor: Actor | null,
  contractId: string,
  input: z.infer<typeof ContractUpdateInput>,
) {
  const db = deps.database.db;
  const clusterId = await db.transaction().execute(async (trx) => {
    const { row: c, actor: a } = await loadAuthorized(
      actor,
      trx.selectFrom("contracts").selectAll().where("id", "=", contractId).executeTakeFirst(),
      (r) => ({ provinceCode: r.province_code, clusterId: r.cluster_id }),
      "cluster.read",
      "contract.manage",
    );
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
        changes: diffFields(contractView(c), contractView({ ...c, ...set })),
        milestones: input.milestones?.length ?? null,
      },
    });
    return c.cluster_id;
  });
  return loadDetail(db, clusterId);
}
