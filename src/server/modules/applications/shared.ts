/**
 * What the applications module's parts share: the private links' tokens
 * (random, only their SHA-256 stored), the links themselves and how long an
 * invitation lasts.
 */
import { createHash, randomBytes } from "node:crypto";
import type { FastifyRequest } from "fastify";
import "./migrations/tables";

/** An invitation link works for a week. */
export const INVITATION_DAYS = 7;

/** A new private link token: 32 random bytes, base64url (43 characters, LinkToken). */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * The site's address for links in mail: PUBLIC_URL, or else the address this
 * server listens on. Never the request's Host header: a public form posted
 * with a forged Host would otherwise mail the applicant a link that hands
 * the token to someone else's site. The token goes in the fragment, so it
 * never reaches a server's or proxy's access log when the page is opened;
 * the page's script sends it in a POST body.
 */
export function siteOrigin(req: FastifyRequest): string {
  const configured = req.server.deps.config.publicUrl;
  if (configured) return configured;
  const bound = req.server.addresses()[0];
  if (!bound || typeof bound === "string") return "http://localhost";
  const wildcard = bound.address === "0.0.0.0" || bound.address === "::";
  const host = wildcard ? "localhost" : bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
  return `http://${host}:${bound.port}`;
}

export const statusLink = (origin: string, token: string) => `${origin}/application-status#${token}`;
export const invitationLink = (origin: string, token: string) => `${origin}/invitation#${token}`;

/** A unique-index violation on either engine (two racing writes of the same thing). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return (
    e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || /UNIQUE constraint failed/.test(String(e?.message))
  );
}
