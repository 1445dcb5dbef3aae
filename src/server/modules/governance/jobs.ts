/**
 * governance.expire_seats: council seats whose term has ended lose their
 * council_member grant even if nobody edits the seat. Hourly, once across
 * all instances (one job row per hour).
 */
import { z } from "zod";
import { defineJob } from "../../jobs/queue";
import { expireEndedSeats } from "./service";

export const expireSeatsJob = defineJob({
  kind: "governance.expire_seats",
  payload: z.strictObject({}),
  maxAttempts: 3,
  every: { periodMs: 3600_000, payload: {} },
  async run(deps) {
    await expireEndedSeats(deps);
  },
});
