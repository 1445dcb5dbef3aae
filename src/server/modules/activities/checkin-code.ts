/**
 * A registration's private check-in code: the ticket's token and its QR's
 * payload. Its own file because every writer of registrations needs it
 * (registrations.ts, the walk-ins, the public form) and attendance.ts pulls
 * in much more than a random string, in an import cycle through the jobs.
 */
import { randomBytes } from "node:crypto";

/** 18 random bytes: 24 base64url characters, unguessable. */
export function newCheckinCode(): string {
  return randomBytes(18).toString("base64url");
}
