/**
 * What a business does without an account: read which cluster a form is
 * for, apply, and follow the outcome on the private status link. Only
 * clusters that exist and are not archived take applications. Nothing here
 * reveals more than the applicant typed or the decision on it.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { compactFa } from "../../../core/normalize";
import type {
  ApplicationFormOut,
  ApplicationInput,
  ApplicationReceiptOut,
  ApplicationStatusOut,
} from "../../../core/schemas/applications";
import { type Deps, nowIso } from "../../context";
import { AppError } from "../../errors";
import type { Lang } from "../../i18n";
import { writeAudit } from "../audit/service";
import { queueMail } from "../notifications/service";
import { hashLinkToken, isUniqueViolation, newLinkToken, statusLink } from "./shared";

async function openCluster(deps: Deps, clusterId: string) {
  const c = await deps.database.db
    .selectFrom("clusters")
    .innerJoin("provinces", "provinces.code", "clusters.province_code")
    .select([
      "clusters.id",
      "clusters.name_fa",
      "clusters.province_code",
      "provinces.name_fa as province_fa",
      "provinces.name_en as province_en",
    ])
    .where("clusters.id", "=", clusterId)
    .where("clusters.archived_at", "is", null)
    .executeTakeFirst();
  if (!c) throw new AppError(404, "cluster_not_accepting");
  return c;
}

export async function applicationForm(
  deps: Deps,
  lang: Lang,
  clusterId: string,
): Promise<z.infer<typeof ApplicationFormOut>> {
  const c = await openCluster(deps, clusterId);
  return { clusterId: c.id, clusterName: c.name_fa, provinceName: lang === "en" ? c.province_en : c.province_fa };
}

const pending = () => new AppError(409, "application_pending");

/**
 * Records an application and mails the applicant their status link. The
 * honeypot (`homepage`) filled in means a bot: it is answered like a person
 * (a token that leads nowhere) and nothing is written or sent.
 */
export async function submitApplication(
  deps: Deps,
  lang: Lang,
  origin: string,
  clusterId: string,
  input: z.infer<typeof ApplicationInput>,
): Promise<z.infer<typeof ApplicationReceiptOut>> {
  const cluster = await openCluster(deps, clusterId);
  const { token, hash } = newLinkToken();
  if (input.homepage) return { statusToken: token };
  const locale = input.locale ?? lang;
  const nameKey = compactFa(input.enterpriseName);
  const nationalId = input.nationalId ?? null;
  const id = randomUUID();
  try {
    await deps.database.db.transaction().execute(async (trx) => {
      const dup = await trx
        .selectFrom("membership_applications")
        .select("id")
        .where("cluster_id", "=", clusterId)
        .where("status", "=", "pending")
        .where((eb) =>
          eb.or([eb("name_key", "=", nameKey), ...(nationalId ? [eb("national_id", "=", nationalId)] : [])]),
        )
        .executeTakeFirst();
      if (dup) throw pending();
      if (nationalId) {
        const member = await trx
          .selectFrom("enterprises")
          .innerJoin("cluster_actors", "cluster_actors.actor_id", "enterprises.id")
          .select("enterprises.id")
          .where("enterprises.national_id", "=", nationalId)
          .where("cluster_actors.cluster_id", "=", clusterId)
          .where("cluster_actors.status", "=", "member")
          .executeTakeFirst();
        if (member) throw new AppError(409, "application_already_member");
      }
      const now = nowIso();
      await trx
        .insertInto("membership_applications")
        .values({
          id,
          cluster_id: clusterId,
          province_code: cluster.province_code,
          status: "pending",
          enterprise_name: input.enterpriseName,
          name_key: nameKey,
          national_id: nationalId,
          contact_person: input.contactPerson,
          mobile: input.mobile,
          email: input.email.toLowerCase(),
          city: input.city,
          products: JSON.stringify(input.products),
          employees: input.employees,
          message: input.message || null,
          locale,
          status_token_hash: hash,
          enterprise_id: null,
          reason: null,
          decided_at: null,
          decided_by: null,
          created_at: now,
        })
        .execute();
      await writeAudit(trx, null, {
        action: "application.submit",
        targetType: "application",
        targetId: id,
        provinceCode: cluster.province_code,
        clusterId,
        summary: { enterpriseName: input.enterpriseName, nationalId },
      });
      await queueMail(trx, deps, {
        to: input.email,
        lang: locale,
        template: "application_received",
        params: {
          name: input.contactPerson,
          enterpriseName: input.enterpriseName,
          clusterName: cluster.name_fa,
          link: statusLink(origin, token),
        },
        provinceCode: cluster.province_code,
      });
    });
  } catch (err) {
    // Two submissions of the same enterprise at once: the partial unique index lets one in.
    if (isUniqueViolation(err)) throw pending();
    throw err;
  }
  deps.kickJobs?.();
  return { statusToken: token };
}

export async function applicationStatus(deps: Deps, token: string): Promise<z.infer<typeof ApplicationStatusOut>> {
  const r = await deps.database.db
    .selectFrom("membership_applications")
    .innerJoin("clusters", "clusters.id", "membership_applications.cluster_id")
    .select([
      "clusters.name_fa as cluster_name",
      "membership_applications.status",
      "membership_applications.reason",
      "membership_applications.created_at",
      "membership_applications.decided_at",
    ])
    .where("membership_applications.status_token_hash", "=", hashLinkToken(token))
    .executeTakeFirst();
  if (!r) throw new AppError(404, "application_status_unknown");
  return {
    clusterName: r.cluster_name,
    status: r.status,
    reason: r.status === "rejected" ? r.reason : null,
    submittedAt: r.created_at,
    decidedAt: r.decided_at,
  };
}
