/**
 * The partner search across every cluster ("who makes polymer film in
 * Qazvin or Tehran?"): published enterprises nationwide, showing only what
 * each chose to publish beside its name, kind, province and city; and
 * "express interest", which notifies the enterprise's member users and the
 * managers of its clusters, once per sender and enterprise per day.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { todayIso } from "../../../core/jalali";
import type { PublishableField } from "../../../core/members";
import { compactFa } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import type { InterestOut, Partner, PartnerQueryInput } from "../../../core/schemas/members";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import { containsNormalized } from "../../db/dialect";
import { AppError, badRequest, notFound } from "../../errors";
import { paginate } from "../../services/paginate";
import { paginateSearch, type SearchPage } from "../../services/search";
import { writeAudit } from "../audit/service";
import { notify } from "../notifications/service";
import { ACTORS_TEXT_INDEX } from "./directory";
import { productsOf } from "./shared";

function partnerBase(deps: Deps, q: PartnerQueryInput) {
  // kind + published = 1 + name order: the partial index actors_published_idx.
  let base = deps.database.db
    .selectFrom("actors")
    .where("actors.kind", "=", "enterprise")
    .where("actors.published", "=", 1);
  if (q.provinceCodes?.length) base = base.where("actors.province_code", "in", q.provinceCodes);
  if (q.productGroup) {
    const group = q.productGroup;
    base = base
      .where("actors.published_fields", "like", '%"products"%')
      .where("actors.id", "in", (eb) =>
        eb
          .selectFrom("enterprise_products")
          .select("enterprise_products.enterprise_id")
          .where("enterprise_products.product_group", "=", group),
      );
  }
  return base;
}

type Base = ReturnType<typeof partnerBase>;

function partnerRows(b: Base) {
  return b
    .innerJoin("enterprises", "enterprises.id", "actors.id")
    .select([
      "actors.id",
      "actors.name",
      "actors.province_code",
      "actors.city",
      "actors.phone",
      "actors.email",
      "actors.website",
      "actors.address",
      "actors.published_fields",
      "enterprises.capacity",
      "enterprises.capacity_unit",
      "enterprises.certificates",
      "enterprises.export_markets",
      "enterprises.employees_industrial",
      "enterprises.employees_guild",
    ])
    .orderBy("actors.name_sort")
    .orderBy("actors.id");
}

/** GET /partners. */
export async function searchPartners(
  deps: Deps,
  actor: Actor | null,
  q: PartnerQueryInput,
): Promise<{ items: Partner[]; total: number; totalCapped: boolean }> {
  const a = authorizeAnywhere(actor, "partner.search");
  const db = deps.database.db;
  let base = partnerBase(deps, q);
  const needle = q.q ? compactFa(q.q) : "";
  let page: SearchPage<Awaited<ReturnType<ReturnType<typeof partnerRows>["execute"]>>[number]>;
  if (needle) {
    // search_norm holds the products too; an enterprise that keeps its products to itself is found by name and city only.
    base = base.where((eb) =>
      eb.or([
        eb("actors.published_fields", "like", '%"products"%'),
        containsNormalized(sql<string>`replace(actors.name_norm, ' ', '')`, needle),
        containsNormalized(sql<string>`replace(coalesce(actors.city_norm, ''), ' ', '')`, needle),
      ]),
    );
    page = await paginateSearch(deps.database, base, q, partnerRows, {
      index: ACTORS_TEXT_INDEX,
      normalizedQuery: needle,
      sortColumn: "actors.name_sort",
    });
  } else {
    const { rows, total } = await paginate(base, q, partnerRows);
    page = { rows, total, totalCapped: false };
  }
  const ids = page.rows.map((r) => r.id);
  const fieldsOf = new Map(page.rows.map((r) => [r.id, new Set(JSON.parse(r.published_fields) as PublishableField[])]));
  const withProducts = ids.filter((id) => fieldsOf.get(id)?.has("products"));
  const [products, sent] = await Promise.all([
    productsOf(db, withProducts),
    ids.length
      ? db
          .selectFrom("partner_interests")
          .select("to_actor_id")
          .where("from_user_id", "=", a.userId)
          .where("day", "=", todayIso())
          .where("to_actor_id", "in", ids)
          .execute()
      : [],
  ]);
  const sentTo = new Set(sent.map((s) => s.to_actor_id));
  return {
    items: page.rows.map((r) => {
      const f = fieldsOf.get(r.id) ?? new Set<PublishableField>();
      const show = <T>(field: PublishableField, v: T) => (f.has(field) ? v : null);
      const employees =
        r.employees_industrial == null && r.employees_guild == null
          ? null
          : (r.employees_industrial ?? 0) + (r.employees_guild ?? 0);
      return {
        id: r.id,
        kind: "enterprise" as const,
        name: r.name,
        provinceCode: r.province_code,
        city: r.city,
        publishedFields: [...f],
        products: (products.get(r.id) ?? []).map((p) => ({ name: p.name, productGroup: p.productGroup })),
        capacity: show("capacity", r.capacity),
        capacityUnit: show("capacity", r.capacity_unit),
        certificates: show("certificates", r.certificates),
        exportMarkets: show("exportMarkets", r.export_markets),
        phone: show("phone", r.phone),
        email: show("email", r.email),
        website: show("website", r.website),
        address: show("address", r.address),
        employees: show("employees", employees),
        interestSentToday: sentTo.has(r.id),
      };
    }),
    total: page.total,
    totalCapped: page.totalCapped,
  };
}

/**
 * POST /partners/{id}/interest: notifies the enterprise's member users and
 * the managers of the clusters it is a member of (not the sender), once per
 * sender and enterprise per Iranian day (the unique index holds the rule
 * under concurrent requests too), with its audit row, in one transaction.
 */
export async function expressInterest(
  deps: Deps,
  actor: Actor | null,
  targetId: string,
  message: string,
): Promise<{ id: string; notified: number; createdAt: string }> {
  const a = authorizeAnywhere(actor, "partner.search");
  const db = deps.database.db;
  const target = await db
    .selectFrom("actors")
    .innerJoin("enterprises", "enterprises.id", "actors.id")
    .select(["actors.id", "actors.name", "enterprises.cluster_id", "enterprises.province_code"])
    .where("actors.id", "=", targetId)
    .where("actors.kind", "=", "enterprise")
    .where("actors.published", "=", 1)
    .executeTakeFirst();
  if (!target) throw notFound();
  if (a.grants.some((g) => g.role === "member" && g.enterpriseId === targetId)) {
    throw badRequest("interest_own_enterprise");
  }
  const day = todayIso();
  const id = randomUUID();
  const now = new Date().toISOString();
  const sender = await db.selectFrom("users").select("name").where("id", "=", a.userId).executeTakeFirst();
  const senderEnterprise = a.grants.find((g) => g.role === "member" && g.enterpriseId)?.enterpriseId;
  const fromEnterprise = senderEnterprise
    ? await db.selectFrom("actors").select("name").where("id", "=", senderEnterprise).executeTakeFirst()
    : undefined;
  const from = fromEnterprise ? `${sender?.name ?? ""} (${fromEnterprise.name})` : (sender?.name ?? "");
  let notified = 0;
  try {
    await db.transaction().execute(async (trx) => {
      const already = await trx
        .selectFrom("partner_interests")
        .select("id")
        .where("from_user_id", "=", a.userId)
        .where("to_actor_id", "=", targetId)
        .where("day", "=", day)
        .executeTakeFirst();
      if (already) throw new AppError(409, "interest_already_sent");
      await trx
        .insertInto("partner_interests")
        .values({ id, from_user_id: a.userId, to_actor_id: targetId, message, day, created_at: now })
        .execute();
      const recipients = await trx
        .selectFrom("role_grants")
        .innerJoin("users", "users.id", "role_grants.user_id")
        .select("role_grants.user_id")
        .distinct()
        .where("users.active", "=", 1)
        .where("role_grants.user_id", "<>", a.userId)
        .where((eb) =>
          eb.or([
            eb.and([eb("role_grants.role", "=", "member"), eb("role_grants.enterprise_id", "=", targetId)]),
            eb.and([
              eb("role_grants.role", "=", "cluster_manager"),
              eb(
                "role_grants.cluster_id",
                "in",
                eb
                  .selectFrom("cluster_actors")
                  .select("cluster_actors.cluster_id")
                  .where("cluster_actors.actor_id", "=", targetId)
                  .where("cluster_actors.status", "in", ["member", "applicant", "suspended"]),
              ),
            ]),
          ]),
        )
        .execute();
      for (const r of recipients) {
        await notify(
          trx,
          r.user_id,
          "partner_interest",
          { from, enterprise: target.name, message },
          `/members/enterprises/${targetId}`,
        );
      }
      notified = recipients.length;
      await writeAudit(trx, a, {
        action: "partner.interest",
        targetType: "enterprise",
        targetId,
        provinceCode: target.province_code,
        clusterId: target.cluster_id,
        summary: { name: target.name, message, notified },
      });
    });
  } catch (e) {
    // Two requests at once: the second insert breaks the unique index; the rule's answer is the same.
    if (!(e instanceof AppError) && /unique|duplicate/i.test(String((e as Error).message))) {
      throw new AppError(409, "interest_already_sent");
    }
    throw e;
  }
  return { id, notified, createdAt: now } satisfies typeof InterestOut._output;
}
