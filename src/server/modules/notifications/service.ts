/**
 * In-app notifications per user, and outgoing e-mail. Mail is written to the
 * outbox inside the caller's transaction together with a mail.send job (see
 * jobs.ts), so it is sent once the write commits, retried while the SMTP
 * server is away, and marked failed with the reason after the last try.
 * Without SMTP it stays in the outbox as "kept" for admins to read, so
 * nothing is silently dropped.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Actor } from "../../../core/permissions";
import type { Page } from "../../../core/schemas/common";
import type {
  NotificationListQuery,
  NotificationsOut,
  OutboxItem,
  OutboxListQuery,
  OutboxStatus,
} from "../../../core/schemas/notifications";
import { authorizeAnywhere, requireActor } from "../../auth/authorize";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { badRequest } from "../../errors";
import { type Lang, t } from "../../i18n";
import { enqueue } from "../../jobs/queue";
import { found, loadAuthorized } from "../../services/load";
import { paginate } from "../../services/paginate";
import { inScope } from "../../services/scope";
import { writeAudit } from "../audit/service";
import type { MailTemplate } from "../index";
import { sendMailJob } from "./jobs";

export type NotificationKind =
  | "welcome"
  | "password_reset"
  | "grant_added"
  | "grant_revoked"
  // members' partner search: someone expressed interest in an enterprise (params: from, enterprise, message).
  | "partner_interest"
  // planning: a plan was submitted to a council the user sits on (params: plan, cluster).
  | "plan_submitted"
  // activities: a freed seat is offered to someone on the waiting list (params: activity, name, until).
  | "activity_seat_offered"
  // activities: a registration is accepted: a seat is the person's (params: activity, name).
  | "activity_registration_confirmed";

export async function notify(
  trx: Kysely<DB>,
  userId: string,
  kind: NotificationKind,
  params: Record<string, string>,
  link: string | null = null,
): Promise<void> {
  await trx
    .insertInto("notifications")
    .values({
      id: randomUUID(),
      user_id: userId,
      kind,
      params: JSON.stringify(params),
      link,
      created_at: new Date().toISOString(),
      read_at: null,
    })
    .execute();
}

export async function queueMail(
  trx: Kysely<DB>,
  deps: Deps,
  mail: { to: string; lang: Lang; template: MailTemplate; params: Record<string, string>; provinceCode: string | null },
): Promise<void> {
  const id = randomUUID();
  await trx
    .insertInto("outbox")
    .values({
      id,
      to_address: mail.to,
      subject: t(mail.lang, `mail.${mail.template}.subject`, mail.params),
      body: t(mail.lang, `mail.${mail.template}.body`, mail.params),
      status: deps.mailer.configured ? "pending" : "kept",
      error: null,
      province_code: mail.provinceCode,
      created_at: new Date().toISOString(),
      sent_at: null,
    })
    .execute();
  if (deps.mailer.configured) await enqueue(trx, sendMailJob, { outboxId: id }, { provinceCode: mail.provinceCode });
}

export async function listNotifications(
  deps: Deps,
  actor: Actor | null,
  q: z.infer<typeof NotificationListQuery>,
): Promise<z.infer<typeof NotificationsOut>> {
  const a = requireActor(actor);
  const db = deps.database.db;
  let base = db.selectFrom("notifications").where("user_id", "=", a.userId);
  if (q.unread) base = base.where("read_at", "is", null);
  const [{ rows, total }, unread] = await Promise.all([
    paginate(base, q, (b) => b.selectAll().orderBy("created_at", "desc")),
    db
      .selectFrom("notifications")
      .where("user_id", "=", a.userId)
      .where("read_at", "is", null)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      params: JSON.parse(r.params) as Record<string, string>,
      link: r.link,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    total,
    unread: Number(unread.n),
  };
}

export async function markRead(deps: Deps, actor: Actor | null, id: string | "all"): Promise<void> {
  const a = requireActor(actor);
  await deps.database.db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable("notifications")
      .set({ read_at: new Date().toISOString() })
      .where("user_id", "=", a.userId)
      .where("read_at", "is", null);
    if (id !== "all") {
      found(
        await trx
          .selectFrom("notifications")
          .select("id")
          .where("id", "=", id)
          .where("user_id", "=", a.userId)
          .executeTakeFirst(),
      );
      q = q.where("id", "=", id);
    }
    await q.execute();
  });
}

export async function listOutbox(
  deps: Deps,
  actor: Actor | null,
  q: z.infer<typeof OutboxListQuery>,
): Promise<Page<OutboxItem>> {
  const a = authorizeAnywhere(actor, "outbox.read");
  const base = inScope(deps.database.db.selectFrom("outbox"), a, "outbox.read", { province: "province_code" });
  const { rows, total } = await paginate(base, q, (b) => b.selectAll().orderBy("created_at", "desc"));
  return {
    items: rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      body: r.body,
      status: r.status as OutboxStatus,
      error: r.error,
      attempts: Number(r.attempts),
      createdAt: r.created_at,
      sentAt: r.sent_at,
    })),
    total,
  };
}

/**
 * Sends a failed (or kept, once SMTP is set up) message again: a new
 * mail.send job, audited. Mail already sent or on its way is left alone.
 */
export async function resendMail(deps: Deps, actor: Actor | null, id: string): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { row: m, actor: a } = await loadAuthorized(
      actor,
      trx.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst(),
      (r) => ({ provinceCode: r.province_code }),
      "outbox.read",
      "outbox.manage",
    );
    if (!deps.mailer.configured) throw badRequest("smtp_not_configured");
    if (m.status !== "failed" && m.status !== "kept") throw badRequest("mail_not_resendable");
    await trx.updateTable("outbox").set({ status: "pending", error: null }).where("id", "=", id).execute();
    await enqueue(trx, sendMailJob, { outboxId: id }, { provinceCode: m.province_code });
    await writeAudit(trx, a, {
      action: "outbox.resend",
      targetType: "outbox",
      targetId: id,
      provinceCode: m.province_code,
      summary: { to: m.to_address, subject: m.subject, previousStatus: m.status },
    });
  });
  deps.kickJobs?.();
}
