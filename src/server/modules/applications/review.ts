/**
 * The cluster office's queue (application.review): the applications of the
 * clusters the caller reviews, one application, and the decision on it.
 * Approving creates the enterprise (insertEnterprise) or links the one that
 * already has the company national ID (or the same name in the cluster),
 * makes it a member of the cluster, invites its member user and tells the
 * applicant; rejecting needs a reason, which the applicant is told. One
 * transaction each, with its audit rows.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { normalizeFa } from "../../../core/normalize";
import { type Actor, can } from "../../../core/permissions";
import type {
  ApplicationItemOut,
  ApplicationListOut,
  ApplicationListQuery,
  ApplicationOut,
  ApproveInput,
} from "../../../core/schemas/applications";
import { authorize, authorizeAnywhere } from "../../auth/authorize";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { AppError } from "../../errors";
import type { Lang } from "../../i18n";
import { authorizeRecord, found } from "../../services/load";
import { paginate } from "../../services/paginate";
import { inScope } from "../../services/scope";
import { writeAudit } from "../audit/service";
import { insertEnterprise } from "../members/shared";
import { queueMail } from "../notifications/service";
import { inviteMember } from "./invitations";
import type { MembershipApplicationsTable } from "./migrations/tables";

type Row = MembershipApplicationsTable & { cluster_name: string };

function itemOf(r: Row): z.infer<typeof ApplicationItemOut> {
  return {
    id: r.id,
    clusterId: r.cluster_id,
    clusterName: r.cluster_name,
    status: r.status,
    enterpriseName: r.enterprise_name,
    city: r.city,
    contactPerson: r.contact_person,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
}

export async function listApplications(
  deps: Deps,
  actor: Actor | null,
  q: z.infer<typeof ApplicationListQuery>,
): Promise<z.infer<typeof ApplicationListOut>> {
  const a = authorizeAnywhere(actor, "application.review");
  const db = deps.database.db;
  if (q.clusterId) {
    const c = found(
      await db.selectFrom("clusters").select(["id", "province_code"]).where("id", "=", q.clusterId).executeTakeFirst(),
    );
    authorizeRecord(a, { provinceCode: c.province_code, clusterId: c.id }, "application.review");
  }
  let base = inScope(db.selectFrom("membership_applications"), a, "application.review", {
    province: "membership_applications.province_code",
    cluster: "membership_applications.cluster_id",
  });
  if (q.clusterId) base = base.where("membership_applications.cluster_id", "=", q.clusterId);
  if (q.status) base = base.where("membership_applications.status", "=", q.status);
  // Waiting applications first come, first served; decided ones newest first.
  const dir = q.status === "pending" ? "asc" : "desc";
  const { rows, total } = await paginate(base, q, (b) =>
    b
      .innerJoin("clusters", "clusters.id", "membership_applications.cluster_id")
      .selectAll("membership_applications")
      .select("clusters.name_fa as cluster_name")
      .orderBy("membership_applications.created_at", dir)
      .orderBy("membership_applications.id", dir),
  );
  return { items: rows.map(itemOf), total };
}

async function loadApplication(db: Kysely<DB>, id: string): Promise<Row | undefined> {
  return db
    .selectFrom("membership_applications")
    .innerJoin("clusters", "clusters.id", "membership_applications.cluster_id")
    .selectAll("membership_applications")
    .select("clusters.name_fa as cluster_name")
    .where("membership_applications.id", "=", id)
    .executeTakeFirst();
}

/** The enterprise approving would link: the same company national ID anywhere, else the same name in the cluster. */
async function matchOf(db: Kysely<DB>, r: Row) {
  const q = db
    .selectFrom("enterprises")
    .innerJoin("actors", "actors.id", "enterprises.id")
    .innerJoin("clusters", "clusters.id", "enterprises.cluster_id")
    .select(["enterprises.id", "actors.name", "clusters.name_fa as cluster_name"]);
  if (r.national_id) {
    const byId = await q.where("enterprises.national_id", "=", r.national_id).executeTakeFirst();
    if (byId) return byId;
  }
  return q
    .innerJoin("cluster_actors", "cluster_actors.actor_id", "enterprises.id")
    .where("cluster_actors.cluster_id", "=", r.cluster_id)
    .where("actors.kind", "=", "enterprise")
    .where("actors.name_norm", "=", normalizeFa(r.enterprise_name))
    .executeTakeFirst();
}

async function detailOf(db: Kysely<DB>, actor: Actor, r: Row): Promise<z.infer<typeof ApplicationOut>> {
  const match = r.status === "pending" ? await matchOf(db, r) : null;
  return {
    ...itemOf(r),
    provinceCode: r.province_code,
    nationalId: r.national_id,
    mobile: r.mobile,
    email: r.email,
    products: JSON.parse(r.products) as string[],
    employees: Number(r.employees),
    message: r.message,
    reason: r.reason,
    enterpriseId: r.enterprise_id,
    match: match ? { id: match.id, name: match.name, clusterName: match.cluster_name } : null,
    can: { decide: r.status === "pending" && can(actor, "application.review", scopeOf(r)) },
  };
}

const scopeOf = (r: Row) => ({ provinceCode: r.province_code, clusterId: r.cluster_id });

export async function getApplication(
  deps: Deps,
  actor: Actor | null,
  id: string,
): Promise<z.infer<typeof ApplicationOut>> {
  const db = deps.database.db;
  const r = found(await loadApplication(db, id));
  const a = authorizeRecord(actor, scopeOf(r), "application.review");
  return detailOf(db, a, r);
}

/** Marks a pending application decided, first in its transaction (a second decision finds it taken). */
async function decide(
  trx: Kysely<DB>,
  actor: Actor | null,
  id: string,
  set: { status: "approved" | "rejected"; reason?: string; enterpriseId?: string },
): Promise<{ a: Actor; r: Row }> {
  const r = found(await loadApplication(trx, id));
  const a = authorizeRecord(actor, scopeOf(r), "application.review");
  const done = await trx
    .updateTable("membership_applications")
    .set({ status: set.status, reason: set.reason ?? null, decided_at: nowIso(), decided_by: a.userId })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw new AppError(409, "application_decided");
  return { a, r };
}

/** Makes the enterprise a member of the cluster: a new membership, or the old one (applicant, left, …) made current. */
async function admit(trx: Kysely<DB>, clusterId: string, enterpriseId: string, now: string): Promise<void> {
  const m = await trx
    .selectFrom("cluster_actors")
    .select(["status", "joined_on"])
    .where("cluster_id", "=", clusterId)
    .where("actor_id", "=", enterpriseId)
    .executeTakeFirst();
  const today = now.slice(0, 10);
  if (!m) {
    await trx
      .insertInto("cluster_actors")
      .values({
        cluster_id: clusterId,
        actor_id: enterpriseId,
        kind: "enterprise",
        status: "member",
        joined_on: today,
        left_on: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  } else if (m.status !== "member") {
    await trx
      .updateTable("cluster_actors")
      .set({
        status: "member",
        joined_on: m.status === "applicant" || !m.joined_on ? today : m.joined_on,
        left_on: null,
        updated_at: now,
      })
      .where("cluster_id", "=", clusterId)
      .where("actor_id", "=", enterpriseId)
      .execute();
  }
}

export async function approveApplication(
  deps: Deps,
  actor: Actor | null,
  lang: Lang,
  origin: string,
  id: string,
  input: z.infer<typeof ApproveInput>,
): Promise<z.infer<typeof ApplicationOut>> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const { a, r } = await decide(trx, actor, id, { status: "approved" });
    if (input.invite) authorize(a, "member.invite", scopeOf(r));
    const now = nowIso();
    const match = await matchOf(trx, r);
    const products = JSON.parse(r.products) as string[];
    let enterpriseId: string;
    if (match) {
      enterpriseId = match.id;
      await admit(trx, r.cluster_id, enterpriseId, now);
    } else {
      enterpriseId = await insertEnterprise(trx, {
        clusterId: r.cluster_id,
        clusterProvinceCode: r.province_code,
        name: r.enterprise_name,
        city: r.city,
        nationalId: r.national_id,
        searchTerms: products,
        status: "member",
        joinedOn: now.slice(0, 10),
        now,
        by: a.userId,
      });
      // What the application told about the enterprise beyond what insertEnterprise takes.
      await trx
        .updateTable("actors")
        .set({ mobile: r.mobile, email: r.email })
        .where("id", "=", enterpriseId)
        .execute();
      await trx
        .updateTable("enterprises")
        .set({ contact_person: r.contact_person, employees_industrial: Number(r.employees) })
        .where("id", "=", enterpriseId)
        .execute();
      if (products.length) {
        await trx
          .insertInto("enterprise_products")
          .values(
            products.map((name, position) => ({
              id: randomUUID(),
              enterprise_id: enterpriseId,
              name,
              name_norm: normalizeFa(name),
              product_group: null,
              position,
            })),
          )
          .execute();
      }
    }
    await trx
      .updateTable("membership_applications")
      .set({ enterprise_id: enterpriseId })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, a, {
      action: "application.approve",
      targetType: "application",
      targetId: id,
      provinceCode: r.province_code,
      clusterId: r.cluster_id,
      summary: { enterpriseId, enterpriseName: r.enterprise_name, linked: !!match },
    });
    const applicantLang = r.locale === "en" ? "en" : "fa";
    if (input.invite) {
      await inviteMember(
        trx,
        deps,
        a,
        {
          enterpriseId,
          enterpriseName: match?.name ?? r.enterprise_name,
          clusterId: r.cluster_id,
          provinceCode: r.province_code,
        },
        {
          email: input.inviteEmail ?? r.email,
          name: input.inviteName ?? r.contact_person,
          locale: input.inviteEmail ? lang : applicantLang,
        },
        origin,
      );
    }
    await queueMail(trx, deps, {
      to: r.email,
      lang: applicantLang,
      template: "application_approved",
      params: { name: r.contact_person, enterpriseName: r.enterprise_name, clusterName: r.cluster_name },
      provinceCode: r.province_code,
    });
  });
  deps.kickJobs?.();
  return getApplication(deps, actor, id);
}

export async function rejectApplication(
  deps: Deps,
  actor: Actor | null,
  id: string,
  reason: string,
): Promise<z.infer<typeof ApplicationOut>> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const { a, r } = await decide(trx, actor, id, { status: "rejected", reason });
    await writeAudit(trx, a, {
      action: "application.reject",
      targetType: "application",
      targetId: id,
      provinceCode: r.province_code,
      clusterId: r.cluster_id,
      summary: { enterpriseName: r.enterprise_name, reason },
    });
    await queueMail(trx, deps, {
      to: r.email,
      lang: r.locale === "en" ? "en" : "fa",
      template: "application_rejected",
      params: { name: r.contact_person, enterpriseName: r.enterprise_name, clusterName: r.cluster_name, reason },
      provinceCode: r.province_code,
    });
  });
  deps.kickJobs?.();
  return getApplication(deps, actor, id);
}
