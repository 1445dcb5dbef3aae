/**
 * import.process: one run's dry run or import (process.ts), as a job so a
 * 100,000-row file is not read inside a request. The lease is renewed after
 * every committed batch (JobContext.heartbeat), so a long import keeps it;
 * a process that dies loses it within `leaseMs` and another resumes the
 * import after its last committed batch. When the last attempt fails the
 * run is marked failed with the reason the page shows.
 */
import { z } from "zod";
import { defineJob } from "../../jobs/queue";
import { processRun } from "./process";

export const importJob = defineJob({
  kind: "import.process",
  payload: z.strictObject({
    runId: z.uuid(),
    mode: z.enum(["check", "apply"]),
    /** Who asked: the import's audit row is theirs. */
    userId: z.string().min(1),
    via: z.enum(["session", "token", "system"]),
  }),
  leaseMs: 2 * 60_000,
  maxAttempts: 3,
  async run(deps, p, ctx) {
    await processRun(deps, p.runId, p.mode, { userId: p.userId, grants: [], via: p.via }, ctx);
  },
  async onFailed(deps, { runId }) {
    await deps.database.db
      .updateTable("import_runs")
      .set({ state: "failed", error: "import_job_failed", updated_at: new Date().toISOString() })
      .where("id", "=", runId)
      .where("state", "in", ["checking", "importing"])
      .execute();
  },
});
