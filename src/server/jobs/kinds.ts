/** Every job kind the worker runs; a module that queues jobs adds its kinds here. */

import { expireSeatsJob } from "../modules/governance/jobs";
import { sendMailJob } from "../modules/notifications/jobs";
import type { JobKind } from "./queue";

export const JOB_KINDS: readonly JobKind[] = [sendMailJob as JobKind, expireSeatsJob as JobKind];
