import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { FileDownload, IdParams, NoContent, pageOf } from "../../../core/schemas/common";
import {
  DirectoryExportQuery,
  DirectoryPageOut,
  DirectoryQuery,
  EnterpriseCreateInput,
  EnterpriseDetailOut,
  EnterpriseListQuery,
  EnterpriseOut,
  EnterpriseUpdateInput,
  InstitutionCreateInput,
  InstitutionDetailOut,
  InstitutionUpdateInput,
  InterestInput,
  InterestOut,
  MembershipCreateInput,
  MembershipOut,
  MembershipParams,
  MembershipUpdateInput,
  PartnerPageOut,
  PartnerQuery,
  PersonCreateInput,
  PersonDetailOut,
  PersonUpdateInput,
  SavedViewInput,
  SavedViewOut,
  SavedViewsOut,
} from "../../../core/schemas/members";
import { actorOf } from "../../app";
import { searchDirectory } from "./directory";
import { createEnterprise, getEnterprise, listEnterprises, updateEnterprise } from "./enterprises";
import { exportDirectoryXlsx } from "./export";
import { createInstitution, getInstitution, updateInstitution } from "./institutions";
import { addMember, updateMember } from "./memberships";
import { expressInterest, searchPartners } from "./partners";
import { createPerson, getPerson, updatePerson } from "./people";
import { createView, deleteView, listViews, loadView } from "./views";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  // ------------------------------------------------------------- enterprises
  app.get(
    "/enterprises",
    {
      schema: {
        tags: ["enterprises"],
        operationId: "listEnterprises",
        summary: "Enterprises in the caller's scope",
        description:
          "Any role that may read enterprises: the enterprises of the clusters they may read (members only their own), optionally of one cluster or matching a name, with their cluster and province, and the total.",
        querystring: EnterpriseListQuery,
        response: { 200: pageOf(EnterpriseOut) },
      },
    },
    async (req) => listEnterprises(app.deps, actorOf(req), req.query),
  );

  app.post(
    "/clusters/:id/enterprises",
    {
      schema: {
        tags: ["enterprises"],
        operationId: "createEnterprise",
        summary: "Register an enterprise in a cluster",
        description:
          "The cluster's manager or its province's admin (enterprise.create): a new enterprise profile, a member (or applicant) of this cluster, whole or not at all. An invalid company national ID is a field error; one already registered is 409 `national_id_taken`; the same name in the same city already in the cluster is 409 `enterprise_duplicate`.",
        params: IdParams,
        body: EnterpriseCreateInput,
        response: { 201: EnterpriseDetailOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createEnterprise(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    "/enterprises/:id",
    {
      schema: {
        tags: ["enterprises"],
        operationId: "getEnterprise",
        summary: "An enterprise's profile with its memberships and products",
        description:
          "Whoever may read the enterprise in one of its clusters (its member users, the cluster roles of any cluster it is in, the province): the profile, size class (from industrial and guild employees), products with their groups, what it publishes, its memberships with status and dates, and what the caller may do (`can`). 404 for anyone else.",
        params: IdParams,
        response: { 200: EnterpriseDetailOut },
      },
    },
    async (req) => getEnterprise(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    "/enterprises/:id",
    {
      schema: {
        tags: ["enterprises"],
        operationId: "updateEnterprise",
        summary: "Edit an enterprise's profile",
        description:
          "Its own member users, the manager of any cluster it is a member of, and the province (enterprise.update): the fields given change (a products list replaces the list), audited with before and after. Readable but not editable: 403; not readable (another member's enterprise): 404.",
        params: IdParams,
        body: EnterpriseUpdateInput,
        response: { 200: EnterpriseDetailOut },
      },
    },
    async (req) => updateEnterprise(app.deps, actorOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------- memberships
  app.post(
    "/clusters/:id/members",
    {
      schema: {
        tags: ["members"],
        operationId: "addClusterMember",
        summary: "Add an existing enterprise, person or institution to a cluster",
        description:
          "The cluster's office (membership.manage): a membership with a status (member by default) and its dates. Already in the cluster: 409 `membership_exists`; no such actor: a field error.",
        params: IdParams,
        body: MembershipCreateInput,
        response: { 201: MembershipOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addMember(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    "/clusters/:id/members/:actorId",
    {
      schema: {
        tags: ["members"],
        operationId: "updateClusterMember",
        summary: "Change a membership's status and dates",
        description:
          "The cluster's office (membership.manage): applicant, member, suspended or left. Becoming a member without a join date sets today; leaving without a date sets today; a leave date before the join date is refused (`end_before_start`).",
        params: MembershipParams,
        body: MembershipUpdateInput,
        response: { 200: MembershipOut },
      },
    },
    async (req) => updateMember(app.deps, actorOf(req), req.params.id, req.params.actorId, req.body),
  );

  // ------------------------------------------------------------- people
  app.post(
    "/people",
    {
      schema: {
        tags: ["members"],
        operationId: "createPerson",
        summary: "Register a person (designer, trainer, consultant, staff)",
        description:
          "Linked directly to clusters whose people the caller keeps (person.manage), and/or working for an enterprise whose staff they keep (its member users may add their own staff). National ID, mobile, postal code and links are checked.",
        body: PersonCreateInput,
        response: { 201: PersonDetailOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createPerson(app.deps, actorOf(req), req.body)),
  );

  app.get(
    "/people/:id",
    {
      schema: {
        tags: ["members"],
        operationId: "getPerson",
        summary: "A person's profile",
        description:
          "Whoever may read people in one of the clusters the person takes part in (directly or through their enterprise), or the person's enterprise's member users. National ID, phones, e-mail, address and postal code only for callers with personal.read or who keep the record; otherwise null with `personalHidden`.",
        params: IdParams,
        response: { 200: PersonDetailOut },
      },
    },
    async (req) => getPerson(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    "/people/:id",
    {
      schema: {
        tags: ["members"],
        operationId: "updatePerson",
        summary: "Edit a person",
        description:
          "Who keeps the person's record (person.manage in one of their clusters or their enterprise): the fields given change; a skills or portfolio list replaces the list. The audit row says which personal fields changed, not their values.",
        params: IdParams,
        body: PersonUpdateInput,
        response: { 200: PersonDetailOut },
      },
    },
    async (req) => updatePerson(app.deps, actorOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------- institutions
  app.post(
    "/institutions",
    {
      schema: {
        tags: ["members"],
        operationId: "createInstitution",
        summary: "Register an institution or other stakeholder",
        description:
          "Any of the kinds the Isfahan report names (supplier, union, bank, …), linked to the clusters it serves; the caller must keep institutions (institution.manage) in each of them.",
        body: InstitutionCreateInput,
        response: { 201: InstitutionDetailOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createInstitution(app.deps, actorOf(req), req.body)),
  );

  app.get(
    "/institutions/:id",
    {
      schema: {
        tags: ["members"],
        operationId: "getInstitution",
        summary: "An institution and the clusters it serves",
        description: "Anyone who may read institutions in one of the clusters it serves (every member of them).",
        params: IdParams,
        response: { 200: InstitutionDetailOut },
      },
    },
    async (req) => getInstitution(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    "/institutions/:id",
    {
      schema: {
        tags: ["members"],
        operationId: "updateInstitution",
        summary: "Edit an institution",
        description: "The office of any cluster it serves (institution.manage): the fields given change.",
        params: IdParams,
        body: InstitutionUpdateInput,
        response: { 200: InstitutionDetailOut },
      },
    },
    async (req) => updateInstitution(app.deps, actorOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------- directory
  app.get(
    "/directory",
    {
      schema: {
        tags: ["directory"],
        operationId: "searchDirectory",
        summary: "Search enterprises, people and institutions",
        description:
          "Any signed-in role: the actors with a membership in a cluster in the caller's reach for their kind (members: their enterprise, its staff and their cluster's institutions; national admins: all), filtered and paged, in Persian name order. `q` matches name, products, skills and city however ي/ی, ك/ک, ZWNJ, spaces and digits are typed; the total of a search is counted up to 1,000 (`totalCapped`). A `clusterId` the caller may not read is 404. `viewId` opens a saved view.",
        querystring: DirectoryQuery,
        response: { 200: DirectoryPageOut },
      },
    },
    async (req) => searchDirectory(app.deps, actorOf(req), req.query),
  );

  app.get(
    "/directory/export.xlsx",
    {
      schema: {
        tags: ["directory"],
        operationId: "exportDirectory",
        summary: "The filtered directory (or a saved view) as an Excel workbook",
        description:
          "For the same callers and filters as `searchDirectory`, without paging (at most 50,000 rows): an RTL sheet for Persian, Jalali dates beside ISO. People's national IDs, phones, e-mail and address are filled only for callers who may read personal data wherever they read people.",
        querystring: DirectoryExportQuery,
        response: { 200: FileDownload(XLSX, "The workbook (khooshe-members.xlsx)") },
      },
    },
    async (req, reply) => {
      const buf = await exportDirectoryXlsx(app.deps, actorOf(req), req.query.lang ?? req.lang, req.query);
      return reply.type(XLSX).header("content-disposition", `attachment; filename="khooshe-members.xlsx"`).send(buf);
    },
  );

  // ------------------------------------------------------------- saved views
  app.get(
    "/clusters/:id/views",
    {
      schema: {
        tags: ["directory"],
        operationId: "listSavedViews",
        summary: "A cluster's saved directory views",
        description: "Whoever may read people in the cluster: its saved views (e.g. the designer database), by name.",
        params: IdParams,
        response: { 200: SavedViewsOut },
      },
    },
    async (req) => listViews(app.deps, actorOf(req), req.params.id),
  );

  app.post(
    "/clusters/:id/views",
    {
      schema: {
        tags: ["directory"],
        operationId: "createSavedView",
        summary: "Save a named filter of a cluster's directory",
        description:
          "Whoever may read people in the cluster: a view anyone else who may read them opens by its link (`/views/{id}`, or `viewId` on the directory and its export).",
        params: IdParams,
        body: SavedViewInput,
        response: { 201: SavedViewOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createView(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    "/views/:id",
    {
      schema: {
        tags: ["directory"],
        operationId: "getSavedView",
        summary: "One saved view",
        description: "Whoever may read people in the view's cluster: its name and filters. 404 for anyone else.",
        params: IdParams,
        response: { 200: SavedViewOut },
      },
    },
    async (req) => loadView(app.deps, actorOf(req), req.params.id),
  );

  app.delete(
    "/views/:id",
    {
      schema: {
        tags: ["directory"],
        operationId: "deleteSavedView",
        summary: "Delete a saved view",
        description: "Its author, or whoever keeps the cluster's people (person.manage).",
        params: IdParams,
        response: { 204: NoContent("Deleted.") },
      },
    },
    async (req, reply) => {
      await deleteView(app.deps, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  // ------------------------------------------------------------- partners
  app.get(
    "/partners",
    {
      schema: {
        tags: ["partners"],
        operationId: "searchPartners",
        summary: "Find partners across every cluster",
        description:
          "Any role that may search partners: the published enterprises nationwide, with only the fields each chose to publish beside name, kind, province and city; by text (name, city, and published products), one or more provinces, and a product group. Paged in name order; a search's total is capped at 1,000 (`totalCapped`).",
        querystring: PartnerQuery,
        response: { 200: PartnerPageOut },
      },
    },
    async (req) => searchPartners(app.deps, actorOf(req), req.query),
  );

  app.post(
    "/partners/:id/interest",
    {
      schema: {
        tags: ["partners"],
        operationId: "expressInterest",
        summary: "Express interest in a published enterprise",
        description:
          "A short message, delivered as an in-app notification to the enterprise's member users and the managers of its clusters; once per sender and enterprise per day (409 `interest_already_sent`), never to one's own enterprise. Audited.",
        params: IdParams,
        body: InterestInput,
        response: { 201: InterestOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await expressInterest(app.deps, actorOf(req), req.params.id, req.body.message)),
  );
};
