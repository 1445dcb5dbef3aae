import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id, IsoDate, PersonName, ProvinceCode } from "../../../core/schemas";
import { actorOf } from "../../app";
import {
  addMember,
  GOVERNANCE_BODIES,
  GOVERNANCE_ROLES,
  listMembers,
  type PlaceRef,
  removeMember,
  updateMember,
} from "./service";

const tags = ["governance"];
const GovernanceRole = z.enum(GOVERNANCE_ROLES);
const Organisation = z.string().trim().max(200);

const MemberOut = z.object({
  id: z.string(),
  body: z.enum(GOVERNANCE_BODIES),
  provinceCode: z.string(),
  clusterId: z.string().nullable(),
  personName: z.string(),
  organisation: z.string().nullable(),
  role: GovernanceRole,
  fromDate: z.string(),
  toDate: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  grantId: z.string().nullable(),
  active: z.boolean(),
});
const MembersOut = z.object({ items: z.array(MemberOut), total: z.number() });

const MemberInput = z.strictObject({
  personName: PersonName,
  organisation: Organisation.nullish(),
  role: GovernanceRole,
  fromDate: IsoDate,
  toDate: IsoDate.nullish(),
  userId: Id.nullish(),
});
const MemberPatch = z.strictObject({
  personName: PersonName.optional(),
  organisation: Organisation.nullish(),
  role: GovernanceRole.optional(),
  fromDate: IsoDate.optional(),
  toDate: IsoDate.nullish(),
  userId: Id.nullish(),
});
const ListQuery = z.strictObject({ active: z.enum(["true", "false"]).optional() });
const activeOf = (v: "true" | "false" | undefined) => (v === undefined ? undefined : v === "true");

type Params = Record<string, string>;

/** The same routes for a province's committee and a cluster's council. */
function bodyRoutes(
  app: Parameters<FastifyPluginAsyncZod>[0],
  opts: {
    path: string;
    params: z.ZodObject;
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
  const ItemParams = opts.params.extend({ memberId: Id });

  app.get(
    opts.path,
    {
      schema: {
        tags,
        operationId: `list${opts.what}s`,
        summary: `Members of the ${opts.noun}: current first, then by role (chair first)`,
        description: `For ${opts.readers}; callers out of its scope get 404. Returns the members, optionally only current (\`active=true\`) or past ones, with their roles, terms and linked users.`,
        params: opts.params,
        querystring: ListQuery,
        response: { 200: MembersOut },
      },
    },
    async (req) =>
      listMembers(app.deps, actorOf(req), opts.ref(req.params as Params), { active: activeOf(req.query.active) }),
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
        params: ItemParams,
        body: MemberPatch,
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
        params: ItemParams,
        response: { 204: z.null().describe("Removed") },
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
    params: z.strictObject({ code: ProvinceCode }),
    noun: "provincial coordination committee",
    what: "CommitteeMember",
    readers: "province admins of the province and national admins",
    seat: "Committee seats give no role.",
    ref: (p) => ({ committeeOf: p.code! }),
  });
  bodyRoutes(app, {
    path: "/clusters/:id/council",
    params: z.strictObject({ id: Id }),
    noun: "cluster's steering council",
    what: "CouncilMember",
    readers:
      "those who may read the cluster's governance: province admins, national admins and the cluster's managers and council members",
    seat: "A current seat linked to a user gives them the council_member role on the cluster.",
    ref: (p) => ({ councilOf: p.id! }),
  });
};
