import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import { IdParams, NoContent, ProvinceParams } from "../../../core/schemas/common";
import {
  CommitteeMemberParams,
  CouncilMemberParams,
  MemberInput,
  MemberListQuery,
  MemberOut,
  MembersOut,
  MemberUpdateInput,
} from "../../../core/schemas/governance";
import { actorOf } from "../../app";
import { addMember, listMembers, type PlaceRef, removeMember, updateMember } from "./service";

const tags = ["governance"];

type Params = Record<string, string>;

/** The same routes for a province's committee and a cluster's council. */
function bodyRoutes(
  app: Parameters<FastifyPluginAsyncZod>[0],
  opts: {
    path: string;
    params: z.ZodObject;
    /** The path of one member: the body's params and memberId. */
    itemParams: z.ZodObject;
    noun: string;
    /** Names the operations: list${what}s, add${what}, update${what}, remove${what}. */
    what: string;
    /** Who may read the body's members (in an operation's description). */
    readers: string;
    /** What a linked user gets from a current seat (in an operation's description). */
    seat: string;
    ref: (p: Params) => PlaceRef;
  },
) {
  app.get(
    opts.path,
    {
      schema: {
        tags,
        operationId: `list${opts.what}s`,
        summary: `Members of the ${opts.noun}: current first, then by role (chair first)`,
        description: `For ${opts.readers}; callers out of its scope get 404. Returns the members, optionally only current (\`active=true\`) or past ones, with their roles, terms and linked users.`,
        params: opts.params,
        querystring: MemberListQuery,
        response: { 200: MembersOut },
      },
    },
    async (req) => listMembers(app.deps, actorOf(req), opts.ref(req.params as Params), req.query),
  );

  app.post(
    opts.path,
    {
      schema: {
        tags,
        operationId: `add${opts.what}`,
        summary: `Add a member to the ${opts.noun}`,
        description: `For province admins of the province and national admins (403 for other readers). Returns the member (201). ${opts.seat} A linked user must be active and visible to the caller (400 \`unknown_user\`); a term ending before it starts answers 400 \`end_before_start\`.`,
        params: opts.params,
        body: MemberInput,
        response: { 201: MemberOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addMember(app.deps, actorOf(req), opts.ref(req.params as Params), req.body)),
  );

  app.patch(
    `${opts.path}/:memberId`,
    {
      schema: {
        tags,
        operationId: `update${opts.what}`,
        summary: `Change a member of the ${opts.noun} (end a term with toDate)`,
        description: `For the same callers as \`add${opts.what}\`. Changes the given fields and returns the member; ending the term or unlinking or changing the user takes back any role the seat gave.`,
        params: opts.itemParams,
        body: MemberUpdateInput,
        response: { 200: MemberOut },
      },
    },
    async (req) => {
      const p = req.params as Params;
      return updateMember(app.deps, actorOf(req), opts.ref(p), p.memberId!, req.body);
    },
  );

  app.delete(
    `${opts.path}/:memberId`,
    {
      schema: {
        tags,
        operationId: `remove${opts.what}`,
        summary: `Remove a member of the ${opts.noun}`,
        description: `For the same callers as \`add${opts.what}\`. Deletes a member recorded by mistake, and the role their seat gave (204); to end a term, set its toDate instead.`,
        params: opts.itemParams,
        response: { 204: NoContent("Removed") },
      },
    },
    async (req, reply) => {
      const p = req.params as Params;
      await removeMember(app.deps, actorOf(req), opts.ref(p), p.memberId!);
      return reply.code(204).send(null);
    },
  );
}

export const governanceRoutes: FastifyPluginAsyncZod = async (app) => {
  bodyRoutes(app, {
    path: "/provinces/:code/committee",
    params: ProvinceParams,
    itemParams: CommitteeMemberParams,
    noun: "provincial coordination committee",
    what: "CommitteeMember",
    readers: "province admins of the province and national admins",
    seat: "Committee seats give no role.",
    ref: (p) => ({ committeeOf: p.code! }),
  });
  bodyRoutes(app, {
    path: "/clusters/:id/council",
    params: IdParams,
    itemParams: CouncilMemberParams,
    noun: "cluster's steering council",
    what: "CouncilMember",
    readers:
      "those who may read the cluster's governance: province admins, national admins and the cluster's managers and council members",
    seat: "A current seat linked to a user gives them the council_member role on the cluster.",
    ref: (p) => ({ councilOf: p.id! }),
  });
};
