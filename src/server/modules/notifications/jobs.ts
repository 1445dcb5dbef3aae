/**
 * mail.send: delivers one outbox message. Idempotent (a message already
 * marked sent is not sent again); a temporary SMTP failure is retried with
 * backoff, a permanent one (5xx) or the last try marks the message failed
 * with the reason.
 */
import { z } from "zod";
import { defineJob, PermanentJobError } from "../../jobs/queue";

export const sendMailJob = defineJob({
  kind: "mail.send",
  payload: z.strictObject({ outboxId: z.uuid() }),
  maxAttempts: 6,
  leaseMs: 2 * 60_000,
  async run(deps, { outboxId }) {
    const db = deps.database.db;
    const m = await db.selectFrom("outbox").selectAll().where("id", "=", outboxId).executeTakeFirst();
    if (!m) throw new PermanentJobError(`outbox message ${outboxId} does not exist`);
    if (m.status !== "pending") return;
    const failure = await deps.mailer.send(m.to_address, m.subject, m.body);
    await db
      .updateTable("outbox")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        ...(failure ? { error: failure.message } : { status: "sent", error: null, sent_at: new Date().toISOString() }),
      }))
      .where("id", "=", outboxId)
      .execute();
    if (failure) throw failure.permanent ? new PermanentJobError(failure.message) : new Error(failure.message);
  },
  async onFailed(deps, { outboxId }, error) {
    await deps.database.db
      .updateTable("outbox")
      .set({ status: "failed", error })
      .where("id", "=", outboxId)
      .where("status", "=", "pending")
      .execute();
  },
});
