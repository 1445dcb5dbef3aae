import { type Action, type Actor, can, canAnywhere, type Scope } from "../../core/permissions";
import { forbidden, notFound, unauthenticated } from "../errors";

/** The signed-in actor, or 401. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

/**
 * Throws unless the actor may do the action on the target. Reads of records
 * out of scope answer 404 (the record's existence is not revealed); writes
 * on visible records answer 403.
 */
export function authorize(actor: Actor | null, action: Action, target: Scope, hide = false): Actor {
  const a = requireActor(actor);
  if (!can(a, action, target)) throw hide ? notFound() : forbidden();
  return a;
}

/** Throws unless the actor may do the action somewhere; lists then filter by scope. */
export function authorizeAnywhere(actor: Actor | null, action: Action): Actor {
  const a = requireActor(actor);
  if (!canAnywhere(a, action)) throw forbidden();
  return a;
}
