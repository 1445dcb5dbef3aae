/**
 * Loading one record for an operation: the one way services answer 404 or
 * 403. A record the actor may not read answers 404 (its existence is not
 * revealed, whether it exists or not); one they may read but not change
 * answers 403.
 */
import { type Action, type Actor, can, type Scope } from "../../core/permissions";
import { requireActor } from "../auth/authorize";
import { forbidden, notFound } from "../errors";

/** The row, or 404. */
export function found<T>(row: T | undefined | null): T {
  if (row === undefined || row === null) throw notFound();
  return row;
}

/** A permission on a record: an action checked with can() on the record's scope, or a check of its own. */
export type Check = Action | ((actor: Actor) => boolean);

const allows = (actor: Actor, check: Check, scope: Scope) =>
  typeof check === "function" ? check(actor) : can(actor, check, scope);

/**
 * Authorises an operation on a record of the given scope: 401 without an
 * actor, 404 unless `read` holds, 403 unless `write` (when given) holds.
 * Returns the actor.
 */
export function authorizeRecord(actor: Actor | null, scope: Scope, read: Check, write?: Check): Actor {
  const a = requireActor(actor);
  if (!allows(a, read, scope)) throw notFound();
  if (write && !allows(a, write, scope)) throw forbidden();
  return a;
}

/**
 * Loads a record (404 when missing), takes its scope and authorises as
 * authorizeRecord. Returns the row, the actor and the scope.
 */
export async function loadAuthorized<T>(
  actor: Actor | null,
  load: Promise<T | undefined>,
  scopeOf: (row: T) => Scope,
  read: Check,
  write?: Check,
): Promise<{ row: T; actor: Actor; scope: Scope }> {
  const row = found(await load);
  const scope = scopeOf(row);
  return { row, actor: authorizeRecord(actor, scope, read, write), scope };
}

/**
 * authorizeRecord for a record with several scopes (an enterprise, person or
 * institution in several clusters): 404 unless `read` holds on one of them,
 * 403 unless `write` (when given) holds on one of them — the manager of any
 * cluster the record belongs to may act on it. No scopes at all: 404.
 */
export function authorizeAny(actor: Actor | null, scopes: readonly Scope[], read: Check, write?: Check): Actor {
  const a = requireActor(actor);
  if (!scopes.some((s) => allows(a, read, s))) throw notFound();
  if (write && !scopes.some((s) => allows(a, write, s))) throw forbidden();
  return a;
}
