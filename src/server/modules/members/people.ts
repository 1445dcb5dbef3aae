/**
 * People: designers, trainers, consultants, enterprise staff. A person is
 * linked to clusters directly and/or works for an enterprise, whose member
 * clusters they take part in (clustersOfPerson). Their personal data —
 * national ID, phones, e-mail, address, postal code — goes only to callers
 * with personal.read, or who keep the person's record (person.manage: the
 * cluster office, and the member users of the enterprise they work for,
 * who enter it); others get nulls and personalHidden.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Skill } from "../../../core/members";
import { normalizeFa, sortKeyFa } from "../../../core/normalize";
import { type Action, type Actor, can, type Scope } from "../../../core/permissions";
import type { PersonCreate, PersonDetail, PersonUpdate } from "../../../core/schemas/members";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { fieldError, forbidden } from "../../errors";
import { t } from "../../i18n";
import { diffFields, hasChanges } from "../../services/diff";
import { authorizeAny, found } from "../../services/load";
import { writeAudit } from "../audit/service";
import { clustersForLinks, contactColumns } from "./actors";
import { actorSearchText, clustersOfPerson, membershipsOf, scopesOf } from "./shared";

/** A skill's names as people search for it: its id and its Persian and English labels when the locale has them. */
function skillTerms(skills: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of skills) {
    out.push(s);
    for (const lang of ["fa", "en"] as const) {
      const label = t(lang, `skills.${s}`);
      if (label !== `skills.${s}`) out.push(label);
    }
  }
  return out;
}

export function personSearchText(
  name: string,
  jobTitle: string | null,
  skills: readonly string[],
  city: string | null,
) {
  return actorSearchText(name, [jobTitle, ...skillTerms(skills), city]);
}

function personQuery(db: Kysely<DB>) {
  return db
    .selectFrom("people")
    .innerJoin("actors", "actors.id", "people.id")
    .leftJoin("actors as employer", "employer.id", "people.enterprise_id")
    .select([
      "people.id",
      "people.enterprise_id",
      "people.national_id",
      "people.job_title",
      "people.portfolio",
      "people.bio",
      "actors.name",
      "actors.province_code",
      "actors.city",
      "actors.address",
      "actors.postal_code",
      "actors.phone",
      "actors.mobile",
      "actors.email",
      "actors.website",
      "actors.notes",
      "actors.created_at",
      "actors.updated_at",
      "employer.name as enterprise_name",
    ]);
}

/** Every scope a person is seen in: their own memberships and their enterprise's (with the enterprise as scope too). */
async function personScopes(db: Kysely<DB>, id: string, enterpriseId: string | null) {
  const ids = enterpriseId ? [id, enterpriseId] : [id];
  const all = await membershipsOf(db, ids);
  const own = all.get(id) ?? [];
  const employer = enterpriseId ? (all.get(enterpriseId) ?? []) : [];
  return { own, employer, scopes: [...scopesOf(own, enterpriseId), ...scopesOf(employer, enterpriseId)] };
}

/** Whether the caller sees this person's personal data: personal.read, or keeping the record (person.manage). */
export function seesPersonal(actor: Actor, scopes: readonly Scope[]): boolean {
  return scopes.some((s) => can(actor, "personal.read", s) || can(actor, "person.manage", s));
}

export async function getPerson(deps: Deps, actor: Actor | null, id: string): Promise<PersonDetail> {
  const db = deps.database.db;
  const r = found(await personQuery(db).where("people.id", "=", id).executeTakeFirst());
  const { own, employer, scopes } = await personScopes(db, id, r.enterprise_id);
  const a = authorizeAny(actor, scopes, "person.read");
  const [skills, clusters] = await Promise.all([
    db.selectFrom("person_skills").select("skill").where("person_id", "=", id).orderBy("skill").execute(),
    clustersOfPerson(db, id),
  ]);
  const personal = seesPersonal(a, scopes);
  const hide = <T>(v: T) => (personal ? v : null);
  return {
    id,
    kind: "person",
    name: r.name,
    jobTitle: r.job_title,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    skills: skills.map((s) => s.skill as Skill),
    portfolio: JSON.parse(r.portfolio) as string[],
    bio: r.bio,
    provinceCode: r.province_code,
    city: r.city,
    website: r.website,
    notes: r.notes,
    nationalId: hide(r.national_id),
    phone: hide(r.phone),
    mobile: hide(r.mobile),
    email: hide(r.email),
    address: hide(r.address),
    postalCode: hide(r.postal_code),
    personalHidden: !personal,
    memberships: [
      ...own,
      ...employer.filter((m) => m.status === "member").map((m) => ({ ...m, home: false, actorId: m.actorId })),
    ],
    clusterIds: clusters.map((c) => c.clusterId),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    can: { update: scopes.some((s) => can(a, "person.manage", s)), readPersonal: personal },
  };
}

/** An enterprise a person is attached to: one the caller may read (else a field error) and keep staff of (else 403). */
async function checkEmployer(db: Kysely<DB>, actor: Actor, enterpriseId: string, write: Action) {
  const e = await db.selectFrom("enterprises").select("id").where("id", "=", enterpriseId).executeTakeFirst();
  const scopes = e ? scopesOf((await membershipsOf(db, [enterpriseId])).get(enterpriseId) ?? [], enterpriseId) : [];
  if (!scopes.some((s) => can(actor, "enterprise.read", s))) throw fieldError("enterprise_not_found", "enterpriseId");
  if (!scopes.some((s) => can(actor, write, s))) throw forbidden();
}

async function writeSkills(trx: Kysely<DB>, id: string, skills: readonly string[]) {
  await trx.deleteFrom("person_skills").where("person_id", "=", id).execute();
  const unique = [...new Set(skills)];
  if (unique.length) {
    await trx
      .insertInto("person_skills")
      .values(unique.map((skill) => ({ person_id: id, skill })))
      .execute();
  }
}

/** POST /people. */
export async function createPerson(deps: Deps, actor: Actor | null, input: PersonCreate): Promise<PersonDetail> {
  const db = deps.database.db;
  const a = authorizeAnywhere(actor, "person.manage");
  const clusters = await clustersForLinks(db, a, input.clusterIds ?? [], "person.manage", "clusterIds");
  if (input.enterpriseId) await checkEmployer(db, a, input.enterpriseId, "person.manage");
  const id = randomUUID();
  const now = new Date().toISOString();
  const skills = input.skills ?? [];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("actors")
      .values({
        id,
        kind: "person",
        name: input.name,
        name_norm: normalizeFa(input.name),
        name_sort: sortKeyFa(input.name),
        search_norm: personSearchText(input.name, input.jobTitle ?? null, skills, input.city ?? null),
        ...contactColumns(input),
        created_at: now,
        updated_at: now,
        created_by: a.userId === "system" ? null : a.userId,
      })
      .execute();
    await trx
      .insertInto("people")
      .values({
        id,
        enterprise_id: input.enterpriseId ?? null,
        national_id: input.nationalId ?? null,
        job_title: input.jobTitle ?? null,
        portfolio: JSON.stringify(input.portfolio ?? []),
        bio: input.bio ?? null,
      })
      .execute();
    await writeSkills(trx, id, skills);
    for (const c of clusters) {
      await trx
        .insertInto("cluster_actors")
        .values({
          cluster_id: c.id,
          actor_id: id,
          kind: "person",
          status: "member",
          joined_on: now.slice(0, 10),
          left_on: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await writeAudit(trx, a, {
      action: "person.create",
      targetType: "person",
      targetId: id,
      provinceCode: clusters[0]?.province_code ?? null,
      clusterId: clusters[0]?.id ?? null,
      // No personal data in the log: who reads the log may not be who may read it.
      summary: {
        name: input.name,
        enterpriseId: input.enterpriseId ?? null,
        clusterIds: clusters.map((c) => c.id),
        skills,
      },
    });
  });
  return getPerson(deps, a, id);
}

const PERSONAL = new Set(["nationalId", "phone", "mobile", "email", "address", "postalCode"]);

/** PATCH /people/{id}: who keeps the record (person.manage in one of its scopes). */
export async function updatePerson(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: PersonUpdate,
): Promise<PersonDetail> {
  const db = deps.database.db;
  const r = found(await personQuery(db).where("people.id", "=", id).executeTakeFirst());
  const { scopes } = await personScopes(db, id, r.enterprise_id);
  const a = authorizeAny(actor, scopes, "person.read", "person.manage");
  if (input.enterpriseId && input.enterpriseId !== r.enterprise_id) {
    await checkEmployer(db, a, input.enterpriseId, "person.manage");
  }
  const before = await getPerson(deps, a, id);
  await db.transaction().execute(async (trx) => {
    const name = input.name ?? r.name;
    const jobTitle = input.jobTitle !== undefined ? input.jobTitle : r.job_title;
    const city = input.city !== undefined ? input.city : r.city;
    const skills = input.skills ?? before.skills;
    await trx
      .updateTable("actors")
      .set({
        name,
        name_norm: normalizeFa(name),
        name_sort: sortKeyFa(name),
        search_norm: personSearchText(name, jobTitle ?? null, skills, city ?? null),
        ...contactColumns(input),
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .execute();
    const personRow: Record<string, unknown> = {};
    if (input.enterpriseId !== undefined) personRow.enterprise_id = input.enterpriseId;
    if (input.nationalId !== undefined) personRow.national_id = input.nationalId;
    if (input.jobTitle !== undefined) personRow.job_title = input.jobTitle;
    if (input.bio !== undefined) personRow.bio = input.bio;
    if (input.portfolio !== undefined) personRow.portfolio = JSON.stringify(input.portfolio);
    if (Object.keys(personRow).length) await trx.updateTable("people").set(personRow).where("id", "=", id).execute();
    if (input.skills) await writeSkills(trx, id, input.skills);
    const changes = diffFields(before as unknown as Record<string, unknown>, input as Record<string, unknown>);
    // Personal fields: that they changed, not their values.
    for (const k of Object.keys(changes)) if (PERSONAL.has(k)) changes[k] = { before: "…", after: "…" };
    if (!hasChanges(changes)) return;
    const home = scopes[0];
    await writeAudit(trx, a, {
      action: "person.update",
      targetType: "person",
      targetId: id,
      provinceCode: home?.provinceCode ?? null,
      clusterId: home?.clusterId ?? null,
      summary: { name, changes },
    });
  });
  return getPerson(deps, a, id);
}
