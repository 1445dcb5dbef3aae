import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id, IsoDate, PersonName, ProvinceCode } from "../../../core/schemas";
import { actorOf, ctxOf } from "../../app";
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
  opts: { path: string; params: z.ZodObject; noun: string; ref: (p: Params) => PlaceRef },
) {
  const ItemParams = opts.params.extend({ memberId: Id });

  app.get(
    opts.path,
    {
      schema: {
        tags,
        summary: `Members of the ${opts.noun}: current first, then by role (chair first)`,
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
        summary: `Add a member to the ${opts.noun}`,
        params: opts.params,
        body: MemberInput,
        response: { 201: MemberOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addMember(app.deps, ctxOf(req), opts.ref(req.params as Params), req.body)),
  );

  app.patch(
    `${opts.path}/:memberId`,
    {
      schema: {
        tags,
        summary: `Change a member of the ${opts.noun} (end a term with toDate)`,
        params: ItemParams,
        body: MemberPatch,
        response: { 200: MemberOut },
      },
    },
    async (req) => {
      const p = req.params as Params;
      return updateMember(app.deps, ctxOf(req), opts.ref(p), p.memberId!, req.body);
    },
  );

  app.delete(
    `${opts.path}/:memberId`,
    { schema: { tags, summary: `Remove a member of the ${opts.noun}`, params: ItemParams } },
    async (req, reply) => {
      const p = req.params as Params;
      await removeMember(app.deps, ctxOf(req), opts.ref(p), p.memberId!);
      return reply.code(204).send();
    },
  );
}

export const governanceRoutes: FastifyPluginAsyncZod = async (app) => {
  bodyRoutes(app, {
    path: "/provinces/:code/committee",
    params: z.strictObject({ code: ProvinceCode }),
    noun: "provincial coordination committee",
    ref: (p) => ({ committeeOf: p.code! }),
  });
  bodyRoutes(app, {
    path: "/clusters/:id/council",
    params: z.strictObject({ id: Id }),
    noun: "cluster's steering council",
    ref: (p) => ({ councilOf: p.id! }),
  });
};
