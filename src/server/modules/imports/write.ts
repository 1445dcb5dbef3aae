/**
 * Matching a batch of read rows to what the cluster already holds, and
 * writing them: an enterprise or person found (by national ID, else by
 * normalised name + city within the cluster) is updated, one not found is
 * created — enterprises through insertEnterprise, the one way. A batch's
 * lookups are a few queries for the whole batch, never one per row.
 */
import { randomUUID } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import { normalizeFa, sortKeyFa } from "../../../core/normalize";
import type { ImportKindName } from "../../../core/schemas/imports";
import type { DB, EnterprisesTable } from "../../db/schema";
import type {
  ActorsTable,
  ClusterActorsTable,
  EnterpriseProductsTable,
  PeopleTable,
  PersonSkillsTable,
} from "../members/migrations/tables";
import {
  actorSearchText,
  type EnterpriseProfilePatch,
  newEnterpriseRows,
  updateEnterpriseProfile,
} from "../members/shared";
import type { FieldValue, ReadRow, RowProblem } from "./fields";
import "./migrations/tables";

export interface Target {
  clusterId: string;
  provinceCode: string;
  kind: ImportKindName;
}

/** What will be (dry run) or was done with one good row. */
export type Plan =
  | { action: "create" }
  | { action: "update"; actorId: string }
  | { action: "fail"; problem: RowProblem };

const str = (v: FieldValue | undefined): string | null => (typeof v === "string" ? v : null);
const num = (v: FieldValue | undefined): number | null => (typeof v === "number" ? v : null);
const list = (v: FieldValue | undefined): string[] | null => (Array.isArray(v) ? v : null);
const cityKey = (v: FieldValue | undefined) => (typeof v === "string" && v ? normalizeFa(v) : null);

/** The key two rows of one file are the same record by: the national ID, else name + city. */
export function rowKey(r: ReadRow): string {
  const id = str(r.values.nationalId);
  return id ? `id:${id}` : `name:${normalizeFa(str(r.values.name) ?? "")}|${cityKey(r.values.city) ?? ""}`;
}

/**
 * Finds each row's record in the cluster: by national ID (an enterprise's
 * is unique nationwide; one whose enterprise is not in this cluster fails
 * rather than change another cluster's profile), else by normalised name
 * and city among the cluster's actors of the kind whose national ID is not
 * another one.
 */
export async function planBatch(db: Kysely<DB>, t: Target, rows: readonly ReadRow[]): Promise<Plan[]> {
  const ids = [...new Set(rows.map((r) => str(r.values.nationalId)).filter((x): x is string => !!x))];
  const names = [...new Set(rows.map((r) => normalizeFa(str(r.values.name) ?? "")))];
  const byId = new Map<string, { id: string; inCluster: boolean }>();
  if (ids.length) {
    const found =
      t.kind === "enterprise"
        ? await db
            .selectFrom("enterprises")
            .leftJoin("cluster_actors", (j) =>
              j
                .onRef("cluster_actors.actor_id", "=", "enterprises.id")
                .on("cluster_actors.cluster_id", "=", t.clusterId),
            )
            .select(["enterprises.id", "enterprises.national_id", "cluster_actors.actor_id as member"])
            .where("enterprises.national_id", "in", ids)
            .execute()
        : await db
            .selectFrom("people")
            .innerJoin("cluster_actors", (j) =>
              j.onRef("cluster_actors.actor_id", "=", "people.id").on("cluster_actors.cluster_id", "=", t.clusterId),
            )
            .select(["people.id", "people.national_id", "cluster_actors.actor_id as member"])
            .where("people.national_id", "in", ids)
            .execute();
    for (const f of found) if (f.national_id) byId.set(f.national_id, { id: f.id, inCluster: f.member !== null });
  }
  const byName = new Map<string, { id: string; nationalId: string | null }>();
  if (names.length) {
    const q = db
      .selectFrom("actors")
      .innerJoin("cluster_actors", "cluster_actors.actor_id", "actors.id")
      .where("cluster_actors.cluster_id", "=", t.clusterId)
      .where("actors.kind", "=", t.kind)
      .where("actors.name_norm", "in", names);
    const found =
      t.kind === "enterprise"
        ? await q
            .innerJoin("enterprises", "enterprises.id", "actors.id")
            .select(["actors.id", "actors.name_norm", "actors.city_norm", "enterprises.national_id"])
            .execute()
        : await q
            .innerJoin("people", "people.id", "actors.id")
            .select(["actors.id", "actors.name_norm", "actors.city_norm", "people.national_id"])
            .execute();
    for (const f of found) {
      const k = `${f.name_norm}|${f.city_norm ?? ""}`;
      if (!byName.has(k)) byName.set(k, { id: f.id, nationalId: f.national_id });
    }
  }
  return rows.map((r): Plan => {
    const id = str(r.values.nationalId);
    if (id) {
      const hit = byId.get(id);
      if (hit && !hit.inCluster) {
        return { action: "fail", problem: { code: "national_id_elsewhere", column: null, value: id } };
      }
      if (hit) return { action: "update", actorId: hit.id };
    }
    const named = byName.get(`${normalizeFa(str(r.values.name) ?? "")}|${cityKey(r.values.city) ?? ""}`);
    if (named && (!id || named.nationalId === null)) return { action: "update", actorId: named.id };
    return { action: "create" };
  });
}

/** The enterprises (by national ID) people's rows name as their employer, among the cluster's members. */
export async function employersOf(db: Kysely<DB>, clusterId: string, rows: readonly ReadRow[]) {
  const ids = [...new Set(rows.map((r) => str(r.values.enterpriseNationalId)).filter((x): x is string => !!x))];
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const found = await db
    .selectFrom("enterprises")
    .innerJoin("cluster_actors", "cluster_actors.actor_id", "enterprises.id")
    .select(["enterprises.id", "enterprises.national_id"])
    .where("cluster_actors.cluster_id", "=", clusterId)
    .where("enterprises.national_id", "in", ids)
    .execute();
  for (const f of found) if (f.national_id) out.set(f.national_id, f.id);
  return out;
}

/** The actor-row contact fields a row gives (only those it gives: a blank cell keeps what is there). */
function actorFields(v: Record<string, FieldValue>) {
  const out: Record<string, string | null> = {};
  for (const [field, column] of [
    ["address", "address"],
    ["postalCode", "postal_code"],
    ["phone", "phone"],
    ["mobile", "mobile"],
    ["email", "email"],
    ["website", "website"],
  ] as const) {
    const s = str(v[field]);
    if (s !== null) out[column] = s;
  }
  const city = str(v.city);
  if (city !== null) {
    out.city = city;
    out.city_norm = normalizeFa(city);
  }
  return out;
}

function enterpriseFields(v: Record<string, FieldValue>) {
  const out: Record<string, string | number> = {};
  const id = str(v.nationalId);
  if (id) out.national_id = id;
  for (const [field, column] of [
    ["employeesIndustrial", "employees_industrial"],
    ["employeesGuild", "employees_guild"],
    ["capacity", "capacity"],
  ] as const) {
    const n = num(v[field]);
    if (n !== null) out[column] = n;
  }
  for (const [field, column] of [
    ["capacityUnit", "capacity_unit"],
    ["contactPerson", "contact_person"],
  ] as const) {
    const s = str(v[field]);
    if (s !== null) out[column] = s;
  }
  return out;
}

const productRows = (enterpriseId: string, products: readonly string[]): Insertable<EnterpriseProductsTable>[] =>
  products.map((p, i) => ({
    id: randomUUID(),
    enterprise_id: enterpriseId,
    name: p,
    name_norm: normalizeFa(p),
    product_group: null,
    position: i,
  }));

/**
 * The rows a batch creates, written together: one multi-row insert per
 * table and chunk instead of three to six statements a row, which on
 * PostgreSQL (a round trip each) was most of an import's time. Tables go in
 * the order their foreign keys need. The batch writes what is held before
 * each update, so a row's write still sees every row before it.
 */
export class PendingCreates {
  private actors: Insertable<ActorsTable>[] = [];
  private enterprises: Insertable<EnterprisesTable>[] = [];
  private people: Insertable<PeopleTable>[] = [];
  private memberships: Insertable<ClusterActorsTable>[] = [];
  private products: Insertable<EnterpriseProductsTable>[] = [];
  private skills: Insertable<PersonSkillsTable>[] = [];

  addEnterprise(rows: ReturnType<typeof newEnterpriseRows>, products: Insertable<EnterpriseProductsTable>[]) {
    this.actors.push(rows.actor);
    this.enterprises.push(rows.enterprise);
    this.memberships.push(rows.membership);
    this.products.push(...products);
  }

  addPerson(
    actor: Insertable<ActorsTable>,
    person: Insertable<PeopleTable>,
    membership: Insertable<ClusterActorsTable>,
    skills: Insertable<PersonSkillsTable>[],
  ) {
    this.actors.push(actor);
    this.people.push(person);
    this.memberships.push(membership);
    this.skills.push(...skills);
  }

  async write(trx: Kysely<DB>): Promise<void> {
    // 100 rows × the actor's 20 columns keeps a statement far below either engine's parameter limit.
    const chunks = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += 100) await insert(rows.slice(i, i + 100));
      rows.length = 0;
    };
    await chunks(this.actors, (v) => trx.insertInto("actors").values(v).execute());
    await chunks(this.enterprises, (v) => trx.insertInto("enterprises").values(v).execute());
    await chunks(this.people, (v) => trx.insertInto("people").values(v).execute());
    await chunks(this.memberships, (v) => trx.insertInto("cluster_actors").values(v).execute());
    await chunks(this.products, (v) => trx.insertInto("enterprise_products").values(v).execute());
    await chunks(this.skills, (v) => trx.insertInto("person_skills").values(v).execute());
  }
}

export interface WriteContext {
  target: Target;
  now: string;
  by: string | null;
  /** Skill words → skill ids, for people. */
  skills?: (words: readonly string[]) => string[];
  skillLabel?: (skill: string) => string;
  /** Where created rows wait to be written with the batch's others. */
  creates: PendingCreates;
}

/** Creates or updates an enterprise from one row; returns its id. In the batch's transaction. */
export async function writeEnterprise(trx: Kysely<DB>, w: WriteContext, r: ReadRow, plan: Plan): Promise<string> {
  const v = r.values;
  const name = str(v.name) ?? "";
  const products = list(v.products);
  const actorSet = actorFields(v);
  const entSet = enterpriseFields(v);
  if (plan.action === "create") {
    const rows = newEnterpriseRows({
      clusterId: w.target.clusterId,
      clusterProvinceCode: w.target.provinceCode,
      name,
      city: str(v.city),
      nationalId: str(v.nationalId),
      joinedOn: str(v.joinedOn),
      searchTerms: products ?? [],
      now: w.now,
      by: w.by,
    });
    Object.assign(rows.actor, actorSet);
    Object.assign(rows.enterprise, entSet);
    w.creates.addEnterprise(rows, productRows(rows.id, products ?? []));
    return rows.id;
  }
  if (plan.action !== "update") throw new Error("a failed row is not written");
  // The members module's one profile write: name forms, search_norm and products kept in step,
  // the identity rules checked. Only what the row gives changes; a blank cell keeps the profile's value.
  const patch: EnterpriseProfilePatch = { name };
  for (const f of PATCH_FIELDS) {
    const x = v[f];
    if (x !== null && x !== undefined && !Array.isArray(x)) (patch as Record<string, unknown>)[f] = x;
  }
  if (products) patch.products = products.map((p) => ({ name: p }));
  await w.creates.write(trx);
  await updateEnterpriseProfile(trx, plan.actorId, patch, { now: w.now });
  return plan.actorId;
}

/** The row fields an update passes on to the profile as they are (same names as the profile API's). */
const PATCH_FIELDS = [
  "nationalId",
  "city",
  "address",
  "postalCode",
  "phone",
  "mobile",
  "email",
  "website",
  "contactPerson",
  "employeesIndustrial",
  "employeesGuild",
  "capacity",
  "capacityUnit",
] as const;

/** Creates or updates a person (actor, person row, skills, membership of the cluster); returns their id. */
export async function writePerson(
  trx: Kysely<DB>,
  w: WriteContext,
  r: ReadRow,
  plan: Plan,
  employerId: string | null,
): Promise<string> {
  const v = r.values;
  const name = str(v.name) ?? "";
  const skills = w.skills?.(list(v.skills) ?? []) ?? [];
  const givenSkills = list(v.skills) !== null;
  const actorSet = actorFields(v);
  const personSet: Record<string, string> = {};
  if (str(v.nationalId)) personSet.national_id = str(v.nationalId)!;
  if (str(v.jobTitle)) personSet.job_title = str(v.jobTitle)!;
  if (employerId) personSet.enterprise_id = employerId;
  const searchOf = (sk: readonly string[], city: string | null) =>
    actorSearchText(name, [...sk.map((s) => w.skillLabel?.(s) ?? s), str(v.jobTitle), city]);
  if (plan.action === "create") {
    const id = randomUUID();
    w.creates.addPerson(
      {
        id,
        kind: "person",
        name,
        name_norm: normalizeFa(name),
        name_sort: sortKeyFa(name),
        search_norm: searchOf(skills, str(v.city)),
        province_code: w.target.provinceCode,
        city: null,
        city_norm: null,
        address: null,
        postal_code: null,
        phone: null,
        mobile: null,
        email: null,
        website: null,
        notes: null,
        fts_rowid: null,
        ...actorSet,
        created_at: w.now,
        updated_at: w.now,
        created_by: w.by,
      },
      { id, enterprise_id: null, national_id: null, job_title: null, bio: null, ...personSet },
      {
        cluster_id: w.target.clusterId,
        actor_id: id,
        kind: "person",
        status: "member",
        joined_on: w.now.slice(0, 10),
        left_on: null,
        created_at: w.now,
        updated_at: w.now,
      },
      skills.map((skill) => ({ person_id: id, skill })),
    );
    return id;
  }
  if (plan.action !== "update") throw new Error("a failed row is not written");
  const id = plan.actorId;
  await w.creates.write(trx);
  const before = await trx.selectFrom("actors").select(["city"]).where("id", "=", id).executeTakeFirstOrThrow();
  const kept = givenSkills
    ? skills
    : (await trx.selectFrom("person_skills").select("skill").where("person_id", "=", id).execute()).map((s) => s.skill);
  await trx
    .updateTable("actors")
    .set({
      ...actorSet,
      name,
      name_norm: normalizeFa(name),
      name_sort: sortKeyFa(name),
      search_norm: searchOf(kept, str(v.city) ?? before.city),
      updated_at: w.now,
    })
    .where("id", "=", id)
    .execute();
  if (Object.keys(personSet).length) await trx.updateTable("people").set(personSet).where("id", "=", id).execute();
  if (givenSkills) {
    await trx.deleteFrom("person_skills").where("person_id", "=", id).execute();
    if (skills.length) {
      await trx
        .insertInto("person_skills")
        .values(skills.map((skill) => ({ person_id: id, skill })))
        .execute();
    }
  }
  return id;
}
