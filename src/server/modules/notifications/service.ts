/**
 * In-app notifications per user, and outgoing e-mail. Mail is written to the
 * outbox inside the caller's transaction; after commit deliverPending() sends
 * it through SMTP when SMTP_URL is set. Without SMTP it stays in the outbox as
 * "kept" for admins to read, so nothing is silently dropped.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, scopeFilter } from "../../../core/permissions";
import { authorizeAnywhere, requireActor } from "../../auth/authorize";
import type { Deps } from "../../context";
import { inList } from "../../db/dialect";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import { type Lang, t } from "../../i18n";

export type NotificationKind = "welcome" | "password_reset" | "grant_added" | "grant_revoked";
export type MailTemplate = "welcome" | "password_reset" | "invited";

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
  await trx
    .insertInto("outbox")
    .values({
      id: randomUUID(),
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
}

/** Sends pending outbox mail; called after the writing transaction commits. */
export async function deliverPending(deps: Deps): Promise<number> {
  if (!deps.mailer.configured) return 0;
  const db = deps.database.db;
  const pending = await db.selectFrom("outbox").selectAll().where("status", "=", "pending").limit(50).execute();
  for (const m of pending) {
    const error = await deps.mailer.send(m.to_address, m.subject, m.body);
    await db
      .updateTable("outbox")
      .set(error ? { status: "failed", error } : { status: "sent", sent_at: new Date().toISOString() })
      .where("id", "=", m.id)
      .execute();
  }
  return pending.length;
}

export async function listNotifications(
  deps: Deps,
  actor: Actor | null,
  q: { unread?: boolean; limit: number; offset: number },
) {
  const a = requireActor(actor);
  const db = deps.database.db;
  let base = db.selectFrom("notifications").where("user_id", "=", a.userId);
  if (q.unread) base = base.where("read_at", "is", null);
  const [rows, total, unread] = await Promise.all([
    base.selectAll().orderBy("created_at", "desc").limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
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
    total: Number(total.n),
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
      const found = await trx
        .selectFrom("notifications")
        .select("id")
        .where("id", "=", id)
        .where("user_id", "=", a.userId)
        .executeTakeFirst();
      if (!found) throw notFound();
      q = q.where("id", "=", id);
    }
    await q.execute();
  });
}

export async function listOutbox(deps: Deps, actor: Actor | null, q: { limit: number; offset: number }) {
  const a = authorizeAnywhere(actor, "outbox.read");
  const scope = scopeFilter(a, "outbox.read");
  let base = deps.database.db.selectFrom("outbox");
  if (scope) base = base.where(inList("province_code", scope.provinceCodes));
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy("created_at", "desc").limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      body: r.body,
      status: r.status,
      error: r.error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    })),
    total: Number(total.n),
  };
}
