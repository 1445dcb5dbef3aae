import { type Action, type Actor, can, canAnywhere, type Scope } from "../../core/permissions";
import { forbidden, unauthenticated } from "../errors";

/** The signed-in actor, or 401. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

/**
 * Throws 403 unless the actor may do the action on the target: for actions
 * on a scope rather than on a record someone may or may not see (creating
 * in a province, giving a grant). On an existing record use
 * authorizeRecord() (src/server/services/load.ts): 404 unless it may be
 * read, then 403.
 */
export function authorize(actor: Actor | null, action: Action, target: Scope): Actor {
  const a = requireActor(actor);
  if (!can(a, action, target)) throw forbidden();
  return a;
}

/** Throws unless the actor may do the action somewhere; lists then filter by scope. */
export function authorizeAnywhere(actor: Actor | null, action: Action): Actor {
  const a = requireActor(actor);
  if (!canAnywhere(a, action)) throw forbidden();
  return a;
}
