/**
 * What the network page, its parts and the cluster page's section share:
 * the API's types (z.infer of the server's schemas, types only), the
 * colours of the actor kinds, where an actor's page is, and whether the
 * signed-in person reads a cluster's network (the same can() the server runs).
 */
import type { z } from "zod";
import type { ActorKind } from "../../../core/members";
import { can } from "../../../core/permissions";
import type {
  NetworkActorOut,
  NetworkCompareOut,
  NetworkFiguresOut,
  NetworkOut,
  RelationshipOut,
} from "../../../core/schemas/network";
import type { Me } from "../../app/types";

export type Relationship = z.infer<typeof RelationshipOut>;
export type NetworkFigures = z.infer<typeof NetworkFiguresOut>;
export type Network = z.infer<typeof NetworkOut>;
export type NetworkCompare = z.infer<typeof NetworkCompareOut>;
export type NetworkActor = z.infer<typeof NetworkActorOut>;
export type Snapshot = NonNullable<NetworkFigures["snapshot"]>;

/** One hue per kind, distinct for the common colour blindnesses (blue, orange, bluish green). */
export const KIND_COLORS: Record<ActorKind, string> = {
  enterprise: "#0072B2",
  person: "#D55E00",
  institution: "#009E73",
};

const ACTOR_ROUTES: Record<ActorKind, string> = {
  enterprise: "enterprises",
  person: "people",
  institution: "institutions",
};

export const actorPath = (a: { id: string; kind: ActorKind }) => `/${ACTOR_ROUTES[a.kind]}/${encodeURIComponent(a.id)}`;

export const networkPath = (clusterId: string) => `/clusters/${encodeURIComponent(clusterId)}/network`;

export function readsNetwork(me: Me, cluster: { id: string; provinceCode: string }): boolean {
  const actor = { userId: me.user.id, grants: me.user.grants, via: "session" as const };
  return can(actor, "network.read", { provinceCode: cluster.provinceCode, clusterId: cluster.id });
}
