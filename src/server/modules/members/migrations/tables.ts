/**
 * The members module's tables (its migrations beside this file), added to
 * the database's type. `enterprises` is the platform's table (0001), widened
 * by 0013; its type is in db/schema.ts.
 */

import type { Generated } from "kysely";
import type { ActorKind, MembershipStatus } from "../../../../core/members";

/** What every kind of actor has. */
export interface ActorsTable {
  id: string;
  kind: ActorKind;
  name: string;
  name_norm: string;
  /** sortKeyFa(name): Persian alphabetical order on both engines. */
  name_sort: string;
  /** compactFa of the name, products, skills and city: what search matches. */
  search_norm: string;
  province_code: string | null;
  city: string | null;
  city_norm: string | null;
  address: string | null;
  postal_code: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  website: string | null;
  notes: string | null;
  /** JSON array of field names shown to those outside the actor's clusters (partner search, the portal). */
  published_fields: Generated<string>;
  /** 1 when the profile is published at all. */
  published: Generated<number>;
  /** SQLite only: the actor's row in actors_fts, kept by the triggers of 0013. Never written by services. */
  fts_rowid: number | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

export interface EnterpriseProductsTable {
  id: string;
  enterprise_id: string;
  name: string;
  name_norm: string;
  product_group: string | null;
  position: number;
}

export interface PeopleTable {
  id: string;
  enterprise_id: string | null;
  national_id: string | null;
  job_title: string | null;
  /** JSON array of links. */
  portfolio: Generated<string>;
  bio: string | null;
}

export interface PersonSkillsTable {
  person_id: string;
  skill: string;
}

export interface InstitutionsTable {
  id: string;
  institution_kind: string;
  description: string | null;
}

export interface ClusterActorsTable {
  cluster_id: string;
  actor_id: string;
  /** The actor's kind, copied so a cluster's lists by kind read one index. */
  kind: ActorKind;
  status: MembershipStatus;
  /** ISO dates. */
  joined_on: string | null;
  left_on: string | null;
  /** The actor's name_sort, kept by the triggers of 0023 (never written by services): member lists page its index. */
  name_sort: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface SavedViewsTable {
  id: string;
  cluster_id: string;
  name: string;
  name_sort: string;
  /** JSON of the directory filters (without clusterId: the view's own cluster). */
  filters: string;
  created_by: string | null;
  created_at: string;
}

export interface PartnerInterestsTable {
  id: string;
  from_user_id: string;
  to_actor_id: string;
  message: string;
  /** ISO date (Tehran) the once-a-day rule counts by. */
  day: string;
  created_at: string;
}

declare module "../../../db/schema" {
  interface DB {
    actors: ActorsTable;
    enterprise_products: EnterpriseProductsTable;
    people: PeopleTable;
    person_skills: PersonSkillsTable;
    institutions: InstitutionsTable;
    cluster_actors: ClusterActorsTable;
    saved_views: SavedViewsTable;
    partner_interests: PartnerInterestsTable;
  }
}
