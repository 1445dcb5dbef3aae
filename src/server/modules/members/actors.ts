/**
 * What people and institutions share as actors: their contact and place
 * columns, and the clusters a new one is linked to (each readable by the
 * caller, else a field error; each one they may act in, else 403).
 */
import type { Kysely } from "kysely";
import { normalizeFa } from "../../../core/normalize";
import { type Action, type Actor, can } from "../../../core/permissions";
import type { DB } from "../../db/schema";
import { fieldError, forbidden } from "../../errors";
import type { ActorsTable } from "./migrations/tables";

/** The contact and place fields of the API, as the actors table's columns; undefined fields are left out. */
export interface ContactPatch {
  provinceCode?: string | null;
  city?: string | null;
  address?: string | null;
  postalCode?: string | null;
  phone?: string | null;
  mobile?: string | null;
  email?: string | null;
  website?: string | null;
  notes?: string | null;
}

type ContactColumns = Partial<
  Pick<
    ActorsTable,
    | "province_code"
    | "city"
    | "city_norm"
    | "address"
    | "postal_code"
    | "phone"
    | "mobile"
    | "email"
    | "website"
    | "notes"
  >
>;

export function contactColumns(p: ContactPatch): ContactColumns {
  const out: ContactColumns = {};
  if (p.provinceCode !== undefined) out.province_code = p.provinceCode;
  if (p.city !== undefined) {
    out.city = p.city;
    out.city_norm = p.city ? normalizeFa(p.city) : null;
  }
  if (p.address !== undefined) out.address = p.address;
  if (p.postalCode !== undefined) out.postal_code = p.postalCode;
  if (p.phone !== undefined) out.phone = p.phone;
  if (p.mobile !== undefined) out.mobile = p.mobile;
  if (p.email !== undefined) out.email = p.email;
  if (p.website !== undefined) out.website = p.website;
  if (p.notes !== undefined) out.notes = p.notes;
  return out;
}

/**
 * The clusters of a new record's links, checked: one the caller may not
 * read (or that does not exist) is a field error on `field`, one they may
 * read but not `write` in is 403. Returns them with their provinces.
 */
export async function clustersForLinks(
  db: Kysely<DB>,
  actor: Actor,
  ids: readonly string[],
  write: Action,
  field: string,
): Promise<{ id: string; province_code: string }[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db.selectFrom("clusters").select(["id", "province_code"]).where("id", "in", unique).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of unique) {
    const c = byId.get(id);
    if (!c || !can(actor, "cluster.read", { provinceCode: c.province_code, clusterId: c.id })) {
      throw fieldError("cluster_not_found", field);
    }
  }
  for (const c of rows) if (!can(actor, write, { provinceCode: c.province_code, clusterId: c.id })) throw forbidden();
  return unique.map((id) => byId.get(id)!);
}
