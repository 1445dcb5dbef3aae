import { createHash, randomBytes } from "node:crypto";

/** A random secret for a cookie or token; only its SHA-256 is stored. */
export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}
