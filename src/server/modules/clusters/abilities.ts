/**
 * What an actor may do with one cluster, sent with its detail so the web app
 * shows exactly the buttons the server would accept (decided by the same
 * can(), per record, not "somewhere").
 */
import type { z } from "zod";
import { type Actor, can } from "../../../core/permissions";
import type { ClusterAbilitiesOut, ClusterDetailOut } from "../../../core/schemas/clusters";
import { requireActor } from "../../auth/authorize";
import type { ClusterDetailDto } from "./shared";

export function clusterAbilities(
  actor: Actor,
  c: { id: string; provinceCode: string },
): z.infer<typeof ClusterAbilitiesOut> {
  const scope = { provinceCode: c.provinceCode, clusterId: c.id };
  return {
    update: can(actor, "cluster.update", scope),
    manageContracts: can(actor, "contract.manage", scope),
    readGovernance: can(actor, "governance.read", scope),
    manageGovernance: can(actor, "governance.manage", scope),
    readPlanning: can(actor, "planning.read", scope),
  };
}

/** A cluster's detail with the caller's abilities on it. */
export async function withAbilities(
  actor: Actor | null,
  detail: Promise<ClusterDetailDto>,
): Promise<z.infer<typeof ClusterDetailOut>> {
  const c = await detail;
  return { ...c, can: clusterAbilities(requireActor(actor), c) };
}
