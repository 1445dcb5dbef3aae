import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams, NoContent, pageOf } from "../../../core/schemas/common";
import {
  ActorRelationshipsQuery,
  NetworkActorOut,
  NetworkActorQuery,
  NetworkCompareOut,
  NetworkCompareQuery,
  NetworkFiguresOut,
  NetworkOut,
  NetworkQuery,
  RelationshipEndInput,
  RelationshipInput,
  RelationshipListQuery,
  RelationshipOut,
  RelationshipParams,
  RelationshipUpdateInput,
} from "../../../core/schemas/network";
import { actorOf } from "../../app";
import { sendPrecompressed } from "../../http/precompressed";
import {
  createRelationship,
  deleteRelationship,
  endRelationship,
  listActorRelationships,
  listNetworkActors,
  listRelationships,
  updateRelationship,
} from "./relationships";
import { compareNetwork, getFigures, getNetwork } from "./snapshots";

const tags = ["network"];
const READERS =
  "For cluster managers and council members of the cluster, province admins of its province and national admins; anyone else gets 404.";
const WRITERS =
  "For cluster managers of the cluster, province admins of its province and national admins (403 for council members, who only read; 404 for anyone else).";
const SNAPSHOT =
  "Answers at once from the stored snapshot (computed in the background: betweenness and the layout take seconds on a big network); `computing` says a newer one is queued or running (queued by this call when the cluster's links or members changed since), `snapshot.stale` that the one answered predates a change.";

export const networkRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = "/clusters/:id/relationships";

  app.get(
    base,
    {
      schema: {
        tags,
        operationId: "listRelationships",
        summary: "The cluster's relationships between actors, newest first",
        description: `${READERS} Filters by type, by one actor (either end), by whether the link holds today, and by either actor's name; paged, with the total.`,
        params: IdParams,
        querystring: RelationshipListQuery,
        response: { 200: pageOf(RelationshipOut) },
      },
    },
    async (req) => listRelationships(app.deps, actorOf(req), req.params.id, req.query),
  );

  app.post(
    base,
    {
      schema: {
        tags,
        operationId: "createRelationship",
        summary: "Record a relationship between two actors of the cluster",
        description: `${WRITERS} Both actors must belong to the cluster (a membership that is not a pending application; people also through the enterprise they work for): otherwise 400 \`actor_not_in_cluster\` on the field; an actor linked to itself answers 400 \`relationship_self\`, an end before the start 400 \`end_before_start\`. Returns the link (201) and queues the network's snapshot.`,
        params: IdParams,
        body: RelationshipInput,
        response: { 201: RelationshipOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createRelationship(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    `${base}/:relId`,
    {
      schema: {
        tags,
        operationId: "updateRelationship",
        summary: "Change a relationship's type, strength, source, dates or notes",
        description: `${WRITERS} The two actors stay (another pair is another link). A missing link answers 404, an end before the start 400 \`end_before_start\`. Returns the link.`,
        params: RelationshipParams,
        body: RelationshipUpdateInput,
        response: { 200: RelationshipOut },
      },
    },
    async (req) => updateRelationship(app.deps, actorOf(req), req.params.id, req.params.relId, req.body),
  );

  app.post(
    `${base}/:relId/end`,
    {
      schema: {
        tags,
        operationId: "endRelationship",
        summary: "Record that a relationship stopped holding on a date",
        description: `${WRITERS} The link stays on record and in the network of the dates before; an end before its start answers 400 \`end_before_start\`. Returns the link.`,
        params: RelationshipParams,
        body: RelationshipEndInput,
        response: { 200: RelationshipOut },
      },
    },
    async (req) => endRelationship(app.deps, actorOf(req), req.params.id, req.params.relId, req.body),
  );

  app.delete(
    `${base}/:relId`,
    {
      schema: {
        tags,
        operationId: "deleteRelationship",
        summary: "Delete a relationship recorded by mistake",
        description: `${WRITERS} Deletes the link (204); the audit log keeps its content. A link that stopped holding is ended instead, so the network's history keeps it.`,
        params: RelationshipParams,
        response: { 204: NoContent("Deleted") },
      },
    },
    async (req, reply) => {
      await deleteRelationship(app.deps, actorOf(req), req.params.id, req.params.relId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/actors/:id/relationships",
    {
      schema: {
        tags,
        operationId: "listActorRelationships",
        summary: "An actor's relationships in every cluster whose network the caller reads",
        description:
          "For anyone who reads some cluster's network (cluster managers, council members, province admins, national admins; 403 for others): the actor's links (either end) in those clusters, newest first, paged with the total; an unknown actor answers 404.",
        params: IdParams,
        querystring: ActorRelationshipsQuery,
        response: { 200: pageOf(RelationshipOut) },
      },
    },
    async (req) => listActorRelationships(app.deps, actorOf(req), req.params.id, req.query),
  );

  app.get(
    "/clusters/:id/network/actors",
    {
      schema: {
        tags,
        operationId: "listNetworkActors",
        summary: "The actors a relationship of the cluster can join, by name",
        description: `${READERS} The cluster's members of every kind (not pending applicants) and the staff of its member enterprises, in Persian alphabetical order, optionally of one kind or matching a name; paged, with the total. The relationship forms pick from it.`,
        params: IdParams,
        querystring: NetworkActorQuery,
        response: { 200: pageOf(NetworkActorOut) },
      },
    },
    async (req) => listNetworkActors(app.deps, actorOf(req), req.params.id, req.query),
  );

  app.get(
    "/clusters/:id/network/figures",
    {
      schema: {
        tags,
        operationId: "getNetworkFigures",
        summary: "The cluster's network figures on a date: size, density, central actors, communities",
        description: `${READERS} The network alive on the date (today when not given): actors, linked pairs, density, average degree, isolated actors, the ten most central by degree and by betweenness, Louvain communities and their modularity. ${SNAPSHOT}`,
        params: IdParams,
        querystring: NetworkQuery,
        response: { 200: NetworkFiguresOut },
      },
    },
    async (req) => getFigures(app.deps, actorOf(req), req.params.id, req.query.on),
  );

  app.get(
    "/clusters/:id/network",
    {
      schema: {
        tags,
        operationId: "getNetwork",
        summary: "The cluster's network to draw: every actor with its position, degree and community, every link",
        description: `${READERS} The figures as /network/figures answers them, with the nodes (positions from ForceAtlas2, computed with the figures) and the links alive on the date, each link's ends as indexes into \`nodes\`. ${SNAPSHOT}`,
        params: IdParams,
        querystring: NetworkQuery,
        response: { 200: NetworkOut },
      },
    },
    async (req, reply) =>
      sendPrecompressed(req, reply, await getNetwork(app.deps, actorOf(req), req.params.id, req.query.on)),
  );

  app.get(
    "/clusters/:id/network/compare",
    {
      schema: {
        tags,
        operationId: "compareNetwork",
        summary: "How the cluster's network changed between two dates",
        description: `${READERS} Each figure on both dates and its change, the most central actors on either date with their degree and place on both, and the links holding on one date but not the other (first 50 each, with totals). The figures come from each date's snapshot: while one is computing, \`computing\` is true and \`figures\` may be null.`,
        params: IdParams,
        querystring: NetworkCompareQuery,
        response: { 200: NetworkCompareOut },
      },
    },
    async (req) => compareNetwork(app.deps, actorOf(req), req.params.id, req.query.from, req.query.to),
  );
};
