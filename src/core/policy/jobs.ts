import { definePolicy } from "./define";

export const jobsPolicy = definePolicy({
  // The job queue is the platform's: its failures and retries are national staff's.
  "job.manage": {},
});
