/**
 * A person's own account: their password (checked under the account's
 * sign-in limit) and their language. Everyone may do these, whatever their
 * grants.
 */
import type { Actor } from "../../../core/permissions";
import { attemptKey, lockedFor, recordFailure } from "../../auth/attempts";
import { requireActor } from "../../auth/authorize";
import { hashPassword, isStrongPassword, verifyPassword } from "../../auth/passwords";
import { type Deps, nowIso } from "../../context";
import { AppError, badRequest, tooMany } from "../../errors";
import { writeAudit } from "../audit/service";

export async function changeOwnPassword(
  deps: Deps,
  actor: Actor | null,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string | null,
): Promise<void> {
  const a = requireActor(actor);
  const db = deps.database.db;
  const u = await db.selectFrom("users").selectAll().where("id", "=", a.userId).executeTakeFirstOrThrow();
  // The current password is checked under the account's sign-in limit: a
  // borrowed session must not become a way to guess it.
  const acctKey = attemptKey.account(u.email);
  const locked = await lockedFor(db, [acctKey]);
  if (locked > 0) throw tooMany("too_many_attempts", { minutes: Math.ceil(locked / 60_000) });
  if (!(await verifyPassword(currentPassword, u.password_hash))) {
    await db.transaction().execute(async (trx) => {
      await recordFailure(trx, "account", acctKey);
      await writeAudit(trx, a, {
        action: "user.password_change_failed",
        targetType: "user",
        targetId: a.userId,
        provinceCode: u.home_province_code,
        summary: {},
      });
    });
    throw new AppError(400, "wrong_current_password");
  }
  if (!isStrongPassword(newPassword)) throw badRequest("weak_password");
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: hash, password_changed_at: nowIso(), updated_at: nowIso() })
      .where("id", "=", a.userId)
      .execute();
    // Other sessions of this user end; the one that changed the password stays.
    let del = trx.deleteFrom("sessions").where("user_id", "=", a.userId);
    if (keepSessionId) del = del.where("id", "!=", keepSessionId);
    await del.execute();
    await writeAudit(trx, a, {
      action: "user.password_change",
      targetType: "user",
      targetId: a.userId,
      provinceCode: u.home_province_code,
      summary: {},
    });
  });
}

/** Everyone may set their own language, whatever their grants. */
export async function setOwnLocale(deps: Deps, actor: Actor | null, locale: "fa" | "en"): Promise<void> {
  const a = requireActor(actor);
  await deps.database.db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ locale, updated_at: nowIso() }).where("id", "=", a.userId).execute();
    await writeAudit(trx, a, {
      action: "user.locale",
      targetType: "user",
      targetId: a.userId,
      summary: { locale },
    });
  });
}
