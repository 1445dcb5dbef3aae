/**
 * The members module (modules/members): enterprises, people and
 * institutions, their memberships of clusters, search across them and the
 * partner search.
 */
import { z } from "zod";
import { Id, Paging, SearchText } from "./common";

/** An enterprise as pickers and short lists show it. */
export const EnterpriseOut = z.object({
  id: z.string(),
  name: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  provinceCode: z.string(),
});

/** GET /enterprises: of one cluster, or matching a name. */
export const EnterpriseListQuery = z.strictObject({ clusterId: Id.optional(), q: SearchText.optional(), ...Paging });
