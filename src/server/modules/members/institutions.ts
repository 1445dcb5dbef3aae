/**
 * Institutions and other stakeholders of every kind the Isfahan report
 * names (suppliers, unions, banks, …), each linked to the clusters it
 * serves (cluster_actors rows of kind institution). Every member of such a
 * cluster may see who they are (institution.read); the office keeps them.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { normalizeFa, sortKeyFa } from "../../../core/normalize";
import { type Actor, can } from "../../../core/permissions";
import type { InstitutionCreate, InstitutionDetail, InstitutionUpdate } from "../../../core/schemas/members";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { t } from "../../i18n";
import { diffFields, hasChanges } from "../../services/diff";
import { authorizeAny, found } from "../../services/load";
import { writeAudit } from "../audit/service";
import { clustersForLinks, contactColumns } from "./actors";
import { actorSearchText, membershipsOf, scopesOf } from "./shared";

/** Found by its name, its kind's names (so «اتحادیه» finds unions) and its city. */
function institutionSearchText(name: string, kind: string, city: string | null) {
  const labels = (["fa", "en"] as const).map((l) => t(l, `institutionKinds.${kind}`)).filter((x) => !x.includes("."));
  return actorSearchText(name, [...labels, city]);
}

function institutionQuery(db: Kysely<DB>) {
  return db
    .selectFrom("institutions")
    .innerJoin("actors", "actors.id", "institutions.id")
    .select([
      "institutions.id",
      "institutions.institution_kind",
      "institutions.description",
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
    ]);
}

export async function getInstitution(deps: Deps, actor: Actor | null, id: string): Promise<InstitutionDetail> {
  const db = deps.database.db;
  const r = found(await institutionQuery(db).where("institutions.id", "=", id).executeTakeFirst());
  const memberships = (await membershipsOf(db, [id])).get(id) ?? [];
  const scopes = scopesOf(memberships, null);
  const a = authorizeAny(actor, scopes, "institution.read");
  return {
    id,
    kind: "institution",
    name: r.name,
    institutionKind: r.institution_kind as InstitutionDetail["institutionKind"],
    description: r.description,
    provinceCode: r.province_code,
    city: r.city,
    address: r.address,
    postalCode: r.postal_code,
    phone: r.phone,
    mobile: r.mobile,
    email: r.email,
    website: r.website,
    notes: r.notes,
    memberships,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    can: { update: scopes.some((s) => can(a, "institution.manage", s)) },
  };
}

/** POST /institutions: linked to every cluster given, each one the caller keeps institutions of. */
export async function createInstitution(
  deps: Deps,
  actor: Actor | null,
  input: InstitutionCreate,
): Promise<InstitutionDetail> {
  const db = deps.database.db;
  const a = authorizeAnywhere(actor, "institution.manage");
  const clusters = await clustersForLinks(db, a, input.clusterIds, "institution.manage", "clusterIds");
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("actors")
      .values({
        id,
        kind: "institution",
        name: input.name,
        name_norm: normalizeFa(input.name),
        name_sort: sortKeyFa(input.name),
        search_norm: institutionSearchText(input.name, input.institutionKind, input.city ?? null),
        ...contactColumns({ provinceCode: clusters[0]?.province_code, ...input }),
        created_at: now,
        updated_at: now,
        created_by: a.userId === "system" ? null : a.userId,
      })
      .execute();
    await trx
      .insertInto("institutions")
      .values({ id, institution_kind: input.institutionKind, description: input.description ?? null })
      .execute();
    await trx
      .insertInto("cluster_actors")
      .values(
        clusters.map((c) => ({
          cluster_id: c.id,
          actor_id: id,
          kind: "institution" as const,
          status: "member" as const,
          joined_on: now.slice(0, 10),
          left_on: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await writeAudit(trx, a, {
      action: "institution.create",
      targetType: "institution",
      targetId: id,
      provinceCode: clusters[0]?.province_code ?? null,
      clusterId: clusters[0]?.id ?? null,
      summary: { name: input.name, institutionKind: input.institutionKind, clusterIds: clusters.map((c) => c.id) },
    });
  });
  return getInstitution(deps, a, id);
}

/** PATCH /institutions/{id}: the office of any cluster it serves. */
export async function updateInstitution(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: InstitutionUpdate,
): Promise<InstitutionDetail> {
  const db = deps.database.db;
  const memberships = (await membershipsOf(db, [id])).get(id) ?? [];
  const a = authorizeAny(actor, scopesOf(memberships, null), "institution.read", "institution.manage");
  const before = await getInstitution(deps, a, id);
  await db.transaction().execute(async (trx) => {
    const name = input.name ?? before.name;
    const kind = input.institutionKind ?? before.institutionKind;
    const city = input.city !== undefined ? input.city : before.city;
    await trx
      .updateTable("actors")
      .set({
        name,
        name_norm: normalizeFa(name),
        name_sort: sortKeyFa(name),
        search_norm: institutionSearchText(name, kind, city),
        ...contactColumns(input),
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .execute();
    if (input.institutionKind !== undefined || input.description !== undefined) {
      await trx
        .updateTable("institutions")
        .set({
          institution_kind: kind,
          description: input.description !== undefined ? input.description : before.description,
        })
        .where("id", "=", id)
        .execute();
    }
    const changes = diffFields(before as unknown as Record<string, unknown>, input as Record<string, unknown>);
    if (!hasChanges(changes)) return;
    await writeAudit(trx, a, {
      action: "institution.update",
      targetType: "institution",
      targetId: id,
      provinceCode: memberships[0]?.clusterProvinceCode ?? null,
      clusterId: memberships[0]?.clusterId ?? null,
      summary: { name, changes },
    });
  });
  return getInstitution(deps, a, id);
}
