/**
 * The job queue as national staff see it: what is queued, running, done or
 * failed (with its last error), and a retry for a failed job.
 */
import type { z } from "zod";
import type { Actor } from "../../../core/permissions";
import type { Page } from "../../../core/schemas/common";
import type { JobItem, JobListQuery, JobState } from "../../../core/schemas/jobs";
import { authorize, authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import { badRequest } from "../../errors";
import type { JobRow } from "../../jobs/queue";
import { found } from "../../services/load";
import { paginate } from "../../services/paginate";
import { writeAudit } from "../audit/service";

const toItem = (r: JobRow): JobItem => ({
  id: r.id,
  kind: r.kind,
  state: r.state as JobState,
  attempts: Number(r.attempts),
  maxAttempts: r.max_attempts,
  runAfter: r.run_after,
  lastError: r.last_error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

export async function listJobs(
  deps: Deps,
  actor: Actor | null,
  q: z.infer<typeof JobListQuery>,
): Promise<Page<JobItem>> {
  authorizeAnywhere(actor, "job.manage");
  let base = deps.database.db.selectFrom("jobs");
  if (q.state) base = base.where("state", "=", q.state);
  if (q.kind) base = base.where("kind", "=", q.kind);
  const { rows, total } = await paginate(base, q, (b) => b.selectAll().orderBy("created_at", "desc").orderBy("id"));
  return { items: rows.map(toItem), total };
}

/** Puts a failed job back in the queue with a fresh set of attempts. */
export async function retryJob(deps: Deps, actor: Actor | null, id: string): Promise<JobItem> {
  const row = await deps.database.db.transaction().execute(async (trx) => {
    // The queue is the platform's, not a record's: 403 for everyone else, then 404 for a missing job.
    const a = authorize(actor, "job.manage", {});
    const job = found(await trx.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst());
    if (job.state !== "failed") throw badRequest("job_not_retryable");
    const now = new Date().toISOString();
    const updated = await trx
      .updateTable("jobs")
      .set({ state: "queued", attempts: 0, run_after: now, finished_at: null, updated_at: now })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (job.kind === "mail.send") {
      const { outboxId } = JSON.parse(job.payload) as { outboxId: string };
      await trx.updateTable("outbox").set({ status: "pending" }).where("id", "=", outboxId).execute();
    }
    await writeAudit(trx, a, {
      action: "job.retry",
      targetType: "job",
      targetId: id,
      provinceCode: job.province_code,
      summary: { kind: job.kind, lastError: job.last_error },
    });
    return updated;
  });
  deps.kickJobs?.();
  return toItem(row);
}
