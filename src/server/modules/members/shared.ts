/**
 * What the members module's services share, and what others (the demo
 * loader, imports, applications, the test harness) call to create an
 * enterprise the one way: its actor row, its enterprise row and its home
 * cluster's membership, in the caller's transaction.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { MembershipStatus } from "../../../core/members";
import { compactFa, normalizeFa, sortKeyFa } from "../../../core/normalize";
import type { DB } from "../../db/schema";
import "./migrations/tables";

/** The text an actor is found by: its name and the given terms (products, skills, city), compacted. */
export function actorSearchText(name: string, terms: readonly (string | null | undefined)[]): string {
  return compactFa([name, ...terms].filter((t) => t).join(" "));
}

export interface NewEnterprise {
  id?: string;
  /** The home cluster and its province (the scope of the enterprise's member grants). */
  clusterId: string;
  clusterProvinceCode: string;
  name: string;
  /** Where the enterprise is; the home cluster's province when not given. */
  provinceCode?: string | null;
  city?: string | null;
  status?: MembershipStatus;
  /** ISO date the membership began. */
  joinedOn?: string | null;
  searchTerms?: readonly string[];
  nationalId?: string | null;
  now: string;
  by: string | null;
}

/** Inserts an enterprise with its home membership; returns its id. Run inside the write's transaction. */
export async function insertEnterprise(trx: Kysely<DB>, e: NewEnterprise): Promise<string> {
  const id = e.id ?? randomUUID();
  await trx
    .insertInto("actors")
    .values({
      id,
      kind: "enterprise",
      name: e.name,
      name_norm: normalizeFa(e.name),
      name_sort: sortKeyFa(e.name),
      search_norm: actorSearchText(e.name, [...(e.searchTerms ?? []), e.city]),
      province_code: e.provinceCode === undefined ? e.clusterProvinceCode : e.provinceCode,
      city: e.city ?? null,
      city_norm: e.city ? normalizeFa(e.city) : null,
      created_at: e.now,
      updated_at: e.now,
      created_by: e.by,
    })
    .execute();
  await trx
    .insertInto("enterprises")
    .values({
      id,
      cluster_id: e.clusterId,
      province_code: e.clusterProvinceCode,
      national_id: e.nationalId ?? null,
      created_at: e.now,
      updated_at: e.now,
    })
    .execute();
  await trx
    .insertInto("cluster_actors")
    .values({
      cluster_id: e.clusterId,
      actor_id: id,
      kind: "enterprise",
      status: e.status ?? "member",
      joined_on: e.status === "applicant" ? null : (e.joinedOn ?? e.now.slice(0, 10)),
      created_at: e.now,
      updated_at: e.now,
    })
    .execute();
  return id;
}
