import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  type Action,
  type Actor,
  can,
  canAnywhere,
  canManageUser,
  canSeeUser,
  type Grant,
  isNational,
  ROLES,
  type Role,
  type Scope,
  scopeFilter,
  tokenGrantHolds,
  type UserTarget,
} from "../../src/core/permissions";

// ---------------------------------------------------------------------------
// The expected table, written out by hand from the product rules. It must not
// be derived from POLICY: a mistake there has to show up as a failure here.
// ---------------------------------------------------------------------------

const ALL_ACTIONS: readonly Action[] = [
  "user.read",
  "user.manage",
  "grant.manage",
  "audit.read",
  "token.manage",
  "outbox.read",
  "outbox.manage",
  "job.manage",
  "cluster.read",
  "cluster.create",
  "cluster.update",
  "enterprise.read",
  "enterprise.update",
  "enterprise.create",
  "membership.manage",
  "person.read",
  "person.manage",
  "institution.read",
  "institution.manage",
  "personal.read",
  "partner.search",
  "application.review",
  "member.invite",
  "import.run",
  "network.read",
  "relationship.manage",
  "feasibility.manage",
  "contract.manage",
  "governance.read",
  "governance.manage",
  "planning.read",
  "planning.edit",
  "planning.comment",
  "planning.council",
  "planning.areas",
  "activities.read",
  "activities.manage",
  "activities.figures.province",
];

const ALL_ROLES: readonly Role[] = ["national_admin", "province_admin", "cluster_manager", "council_member", "member"];

/** One grant per role, all inside province IR-25, cluster c1, enterprise e1. */
const GRANTS: Record<Role, Grant> = {
  national_admin: { role: "national_admin" },
  province_admin: { role: "province_admin", provinceCode: "IR-25" },
  cluster_manager: { role: "cluster_manager", clusterId: "c1", provinceCode: "IR-25" },
  council_member: { role: "council_member", clusterId: "c1", provinceCode: "IR-25" },
  member: { role: "member", enterpriseId: "e1", clusterId: "c1", provinceCode: "IR-25" },
};

type TargetName =
  | "inScope"
  | "clusterOnly"
  | "provinceOnly"
  | "otherEnterpriseSameCluster"
  | "otherClusterSameProvince"
  | "otherProvince"
  | "otherProvinceClusterOnly"
  | "empty"
  | "allNull";

const TARGETS: Record<TargetName, Scope> = {
  /** The grant's own enterprise e1 in cluster c1 in IR-25. */
  inScope: { provinceCode: "IR-25", clusterId: "c1", enterpriseId: "e1" },
  /** Cluster c1 itself (a cluster record, no enterprise). */
  clusterOnly: { provinceCode: "IR-25", clusterId: "c1" },
  /** Province IR-25 itself (e.g. users or audit of the province). */
  provinceOnly: { provinceCode: "IR-25" },
  /** Another enterprise e2 in the same cluster c1. */
  otherEnterpriseSameCluster: { provinceCode: "IR-25", clusterId: "c1", enterpriseId: "e2" },
  /** Another cluster c2 in the same province. */
  otherClusterSameProvince: { provinceCode: "IR-25", clusterId: "c2", enterpriseId: "e3" },
  /** Everything different: another province. */
  otherProvince: { provinceCode: "IR-07", clusterId: "c9", enterpriseId: "e9" },
  /** A cluster record in another province. */
  otherProvinceClusterOnly: { provinceCode: "IR-07", clusterId: "c9" },
  /** No scope at all. */
  empty: {},
  /** Explicit nulls are no scope either. */
  allNull: { provinceCode: null, clusterId: null, enterpriseId: null },
};

const TARGET_NAMES = Object.keys(TARGETS) as TargetName[];

const EVERYTHING = new Set<Action>(ALL_ACTIONS);
const NOTHING = new Set<Action>();
/** What only national admins do: the platform's job queue. */
const NATIONAL_ONLY = new Set<Action>(["job.manage"]);
const PROVINCE_ADMIN = new Set<Action>(ALL_ACTIONS.filter((a) => !NATIONAL_ONLY.has(a)));
const CLUSTER_MANAGER = new Set<Action>([
  "cluster.read",
  "cluster.update",
  "enterprise.read",
  "enterprise.update",
  "enterprise.create",
  "membership.manage",
  "person.read",
  "person.manage",
  "institution.read",
  "institution.manage",
  "personal.read",
  "partner.search",
  "application.review",
  "member.invite",
  "import.run",
  "network.read",
  "relationship.manage",
  "governance.read",
  "planning.read",
  "planning.edit",
  "planning.comment",
  "planning.council",
  "activities.read",
  "activities.manage",
]);
const COUNCIL = new Set<Action>([
  "cluster.read",
  "enterprise.read",
  "person.read",
  "institution.read",
  "partner.search",
  "network.read",
  "governance.read",
  "planning.read",
  "planning.comment",
  "activities.read",
]);
const MEMBER_OWN = new Set<Action>([
  "cluster.read",
  "enterprise.read",
  "enterprise.update",
  "person.read",
  "person.manage",
  "institution.read",
  "partner.search",
  "activities.read",
]);
const MEMBER_OWN_CLUSTER = new Set<Action>(["cluster.read", "institution.read", "activities.read"]);

/** role → target → the actions that must be allowed; everything else must be denied. */
const EXPECTED: Record<Role, Record<TargetName, ReadonlySet<Action>>> = {
  national_admin: {
    inScope: EVERYTHING,
    clusterOnly: EVERYTHING,
    provinceOnly: EVERYTHING,
    otherEnterpriseSameCluster: EVERYTHING,
    otherClusterSameProvince: EVERYTHING,
    otherProvince: EVERYTHING,
    otherProvinceClusterOnly: EVERYTHING,
    empty: EVERYTHING,
    allNull: EVERYTHING,
  },
  province_admin: {
    inScope: PROVINCE_ADMIN,
    clusterOnly: PROVINCE_ADMIN,
    provinceOnly: PROVINCE_ADMIN,
    otherEnterpriseSameCluster: PROVINCE_ADMIN,
    otherClusterSameProvince: PROVINCE_ADMIN,
    otherProvince: NOTHING,
    otherProvinceClusterOnly: NOTHING,
    empty: NOTHING,
    allNull: NOTHING,
  },
  cluster_manager: {
    inScope: CLUSTER_MANAGER,
    clusterOnly: CLUSTER_MANAGER,
    provinceOnly: NOTHING,
    otherEnterpriseSameCluster: CLUSTER_MANAGER,
    otherClusterSameProvince: NOTHING,
    otherProvince: NOTHING,
    otherProvinceClusterOnly: NOTHING,
    empty: NOTHING,
    allNull: NOTHING,
  },
  council_member: {
    inScope: COUNCIL,
    clusterOnly: COUNCIL,
    provinceOnly: NOTHING,
    otherEnterpriseSameCluster: COUNCIL,
    otherClusterSameProvince: NOTHING,
    otherProvince: NOTHING,
    otherProvinceClusterOnly: NOTHING,
    empty: NOTHING,
    allNull: NOTHING,
  },
  member: {
    inScope: MEMBER_OWN,
    clusterOnly: MEMBER_OWN_CLUSTER,
    provinceOnly: NOTHING,
    otherEnterpriseSameCluster: MEMBER_OWN_CLUSTER,
    otherClusterSameProvince: NOTHING,
    otherProvince: NOTHING,
    otherProvinceClusterOnly: NOTHING,
    empty: NOTHING,
    allNull: NOTHING,
  },
};

function actor(...grants: Grant[]): Actor {
  return { userId: "u1", grants, via: "session" };
}

describe("roles and actions", () => {
  it("ROLES and ACTIONS are exactly the ones the expected table covers", () => {
    // A new role or action must be added to the expected table deliberately.
    expect([...ROLES].sort()).toEqual([...ALL_ROLES].sort());
    expect([...ACTIONS].sort()).toEqual([...ALL_ACTIONS].sort());
  });
});

describe("can(): every role × every action × every target", () => {
  const rows: Array<[Role, Action, TargetName, boolean]> = [];
  for (const role of ALL_ROLES) {
    for (const action of ALL_ACTIONS) {
      for (const target of TARGET_NAMES) {
        rows.push([role, action, target, EXPECTED[role][target].has(action)]);
      }
    }
  }

  it("covers the full cross product", () => {
    expect(rows).toHaveLength(ROLES.length * ACTIONS.length * TARGET_NAMES.length);
  });

  it.each(rows)("%s %s on %s → %s", (role, action, target, allowed) => {
    expect(can(actor(GRANTS[role]), action, TARGETS[target])).toBe(allowed);
  });

  it("the same table holds for API-token actors", () => {
    const mismatches: string[] = [];
    for (const [role, action, target, allowed] of rows) {
      const a: Actor = { userId: "t1", grants: [GRANTS[role]], via: "token" };
      if (can(a, action, TARGETS[target]) !== allowed) mismatches.push(`${role} ${action} ${target}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("can(): edge cases", () => {
  it("no actor may do nothing", () => {
    for (const action of ALL_ACTIONS) {
      for (const target of TARGET_NAMES) {
        expect(can(null, action, TARGETS[target])).toBe(false);
        expect(can(undefined, action, TARGETS[target])).toBe(false);
      }
    }
  });

  it("an actor without grants may do nothing", () => {
    for (const action of ALL_ACTIONS) {
      for (const target of TARGET_NAMES) {
        expect(can(actor(), action, TARGETS[target])).toBe(false);
      }
    }
  });

  it("a grant missing the scope field an action checks never matches (undefined/null never equal)", () => {
    // Each grant lacks the one field all of its role's actions compare.
    const broken: Grant[] = [
      { role: "province_admin" },
      { role: "province_admin", provinceCode: null },
      { role: "cluster_manager", provinceCode: "IR-25" },
      { role: "cluster_manager", clusterId: null, provinceCode: "IR-25" },
      { role: "council_member", provinceCode: "IR-25" },
    ];
    for (const g of broken) {
      for (const action of ALL_ACTIONS) {
        for (const target of TARGET_NAMES) {
          expect(can(actor(g), action, TARGETS[target]), `${JSON.stringify(g)} ${action} ${target}`).toBe(false);
        }
      }
    }
  });

  it("a member grant without an enterprise reaches no enterprise", () => {
    const g: Grant = { role: "member", clusterId: "c1", provinceCode: "IR-25" };
    for (const target of TARGET_NAMES) {
      expect(can(actor(g), "enterprise.read", TARGETS[target])).toBe(false);
      expect(can(actor(g), "enterprise.update", TARGETS[target])).toBe(false);
    }
    expect(can(actor({ ...g, enterpriseId: null }), "enterprise.update", {})).toBe(false);
  });

  it("a lower role does not inherit from the province of its grant", () => {
    // cluster_manager of c1 in IR-25 is not a province admin of IR-25.
    expect(can(actor(GRANTS.cluster_manager), "user.read", { provinceCode: "IR-25" })).toBe(false);
    expect(can(actor(GRANTS.cluster_manager), "cluster.create", { provinceCode: "IR-25" })).toBe(false);
    expect(can(actor(GRANTS.member), "enterprise.read", { provinceCode: "IR-25", clusterId: "c1" })).toBe(false);
  });

  it("scope values are compared exactly", () => {
    const pa = actor(GRANTS.province_admin);
    expect(can(pa, "user.read", { provinceCode: "ir-25" })).toBe(false);
    expect(can(pa, "user.read", { provinceCode: "IR-25 " })).toBe(false);
    expect(can(pa, "user.read", { provinceCode: "IR-2" })).toBe(false);
    const cm = actor(GRANTS.cluster_manager);
    expect(can(cm, "cluster.update", { clusterId: "c10" })).toBe(false);
    expect(can(cm, "cluster.update", { clusterId: "C1" })).toBe(false);
  });

  it("several grants combine; each applies only in its own scope", () => {
    const a = actor(
      { role: "member", enterpriseId: "e1", clusterId: "c1", provinceCode: "IR-25" },
      { role: "cluster_manager", clusterId: "c5", provinceCode: "IR-07" },
    );
    expect(can(a, "enterprise.update", { provinceCode: "IR-25", clusterId: "c1", enterpriseId: "e1" })).toBe(true);
    expect(can(a, "enterprise.update", { provinceCode: "IR-25", clusterId: "c1", enterpriseId: "e2" })).toBe(false);
    expect(can(a, "cluster.update", { provinceCode: "IR-25", clusterId: "c1" })).toBe(false);
    expect(can(a, "cluster.update", { provinceCode: "IR-07", clusterId: "c5" })).toBe(true);
    expect(can(a, "enterprise.update", { provinceCode: "IR-07", clusterId: "c5", enterpriseId: "e7" })).toBe(true);
    expect(can(a, "user.read", { provinceCode: "IR-07" })).toBe(false);
  });
});

describe("canAnywhere()", () => {
  const EXPECTED_ANYWHERE: Record<Role, ReadonlySet<Action>> = {
    national_admin: EVERYTHING,
    province_admin: PROVINCE_ADMIN,
    cluster_manager: CLUSTER_MANAGER,
    council_member: COUNCIL,
    member: MEMBER_OWN,
  };

  const rows: Array<[Role, Action, boolean]> = [];
  for (const role of ALL_ROLES) {
    for (const action of ALL_ACTIONS) rows.push([role, action, EXPECTED_ANYWHERE[role].has(action)]);
  }

  it.each(rows)("%s %s → %s", (role, action, expected) => {
    expect(canAnywhere(actor(GRANTS[role]), action)).toBe(expected);
  });

  it("is false for no actor and for an actor without grants", () => {
    for (const action of ALL_ACTIONS) {
      expect(canAnywhere(null, action)).toBe(false);
      expect(canAnywhere(undefined, action)).toBe(false);
      expect(canAnywhere(actor(), action)).toBe(false);
    }
  });

  it("combines grants", () => {
    const a = actor(GRANTS.council_member, GRANTS.member);
    expect(canAnywhere(a, "enterprise.update")).toBe(true);
    expect(canAnywhere(a, "cluster.update")).toBe(false);
    expect(canAnywhere(a, "user.read")).toBe(false);
  });
});

describe("isNational()", () => {
  it("is true only with a national_admin grant", () => {
    expect(isNational(actor(GRANTS.national_admin))).toBe(true);
    expect(isNational(actor(GRANTS.member, GRANTS.national_admin))).toBe(true);
    for (const role of ALL_ROLES.filter((r) => r !== "national_admin")) {
      expect(isNational(actor(GRANTS[role]))).toBe(false);
    }
    expect(isNational(actor())).toBe(false);
    expect(isNational(null)).toBe(false);
  });
});

describe("scopeFilter()", () => {
  const none = { provinceCodes: [], clusterIds: [], enterpriseIds: [] };
  const provinces = (...p: string[]) => ({ provinceCodes: p, clusterIds: [], enterpriseIds: [] });
  const clusters = (...c: string[]) => ({ provinceCodes: [], clusterIds: c, enterpriseIds: [] });
  const enterprises = (...e: string[]) => ({ provinceCodes: [], clusterIds: [], enterpriseIds: e });

  const EXPECTED_FILTER: Record<Role, Record<Action, ReturnType<typeof scopeFilter>>> = {
    national_admin: Object.fromEntries(ALL_ACTIONS.map((a) => [a, null])) as Record<Action, null>,
    province_admin: Object.fromEntries(
      ALL_ACTIONS.map((a) => [a, NATIONAL_ONLY.has(a) ? none : provinces("IR-25")]),
    ) as Record<Action, ReturnType<typeof provinces>>,
    cluster_manager: {
      "user.read": none,
      "user.manage": none,
      "grant.manage": none,
      "audit.read": none,
      "token.manage": none,
      "outbox.read": none,
      "outbox.manage": none,
      "job.manage": none,
      "cluster.read": clusters("c1"),
      "cluster.create": none,
      "cluster.update": clusters("c1"),
      "enterprise.read": clusters("c1"),
      "enterprise.update": clusters("c1"),
      "enterprise.create": clusters("c1"),
      "membership.manage": clusters("c1"),
      "person.read": clusters("c1"),
      "person.manage": clusters("c1"),
      "institution.read": clusters("c1"),
      "institution.manage": clusters("c1"),
      "personal.read": clusters("c1"),
      "partner.search": clusters("c1"),
      "application.review": clusters("c1"),
      "member.invite": clusters("c1"),
      "import.run": clusters("c1"),
      "network.read": clusters("c1"),
      "relationship.manage": clusters("c1"),
      "feasibility.manage": none,
      "contract.manage": none,
      "governance.read": clusters("c1"),
      "governance.manage": none,
      "planning.read": clusters("c1"),
      "planning.edit": clusters("c1"),
      "planning.comment": clusters("c1"),
      "planning.council": clusters("c1"),
      "planning.areas": none,
      "activities.read": clusters("c1"),
      "activities.manage": clusters("c1"),
      "activities.figures.province": none,
    },
    council_member: {
      "user.read": none,
      "user.manage": none,
      "grant.manage": none,
      "audit.read": none,
      "token.manage": none,
      "outbox.read": none,
      "outbox.manage": none,
      "job.manage": none,
      "cluster.read": clusters("c1"),
      "cluster.create": none,
      "cluster.update": none,
      "enterprise.read": clusters("c1"),
      "enterprise.update": none,
      "enterprise.create": none,
      "membership.manage": none,
      "person.read": clusters("c1"),
      "person.manage": none,
      "institution.read": clusters("c1"),
      "institution.manage": none,
      "personal.read": none,
      "partner.search": clusters("c1"),
      "application.review": none,
      "member.invite": none,
      "import.run": none,
      "network.read": clusters("c1"),
      "relationship.manage": none,
      "feasibility.manage": none,
      "contract.manage": none,
      "governance.read": clusters("c1"),
      "governance.manage": none,
      "planning.read": clusters("c1"),
      "planning.edit": none,
      "planning.comment": clusters("c1"),
      "planning.council": none,
      "planning.areas": none,
      "activities.read": clusters("c1"),
      "activities.manage": none,
      "activities.figures.province": none,
    },
    member: {
      "user.read": none,
      "user.manage": none,
      "grant.manage": none,
      "audit.read": none,
      "token.manage": none,
      "outbox.read": none,
      "outbox.manage": none,
      "job.manage": none,
      "cluster.read": clusters("c1"),
      "cluster.create": none,
      "cluster.update": none,
      "enterprise.read": enterprises("e1"),
      "enterprise.update": enterprises("e1"),
      "enterprise.create": none,
      "membership.manage": none,
      "person.read": enterprises("e1"),
      "person.manage": enterprises("e1"),
      "institution.read": clusters("c1"),
      "institution.manage": none,
      "personal.read": none,
      "partner.search": enterprises("e1"),
      "application.review": none,
      "member.invite": none,
      "import.run": none,
      "network.read": none,
      "relationship.manage": none,
      "feasibility.manage": none,
      "contract.manage": none,
      "governance.read": none,
      "governance.manage": none,
      "planning.read": none,
      "planning.edit": none,
      "planning.comment": none,
      "planning.council": none,
      "planning.areas": none,
      "activities.read": clusters("c1"),
      "activities.manage": none,
      "activities.figures.province": none,
    },
  };

  const rows: Array<[Role, Action]> = [];
  for (const role of ALL_ROLES) for (const action of ALL_ACTIONS) rows.push([role, action]);

  it.each(rows)("%s %s", (role, action) => {
    expect(scopeFilter(actor(GRANTS[role]), action)).toEqual(EXPECTED_FILTER[role][action]);
  });

  it("national admin is unrestricted even alongside other grants", () => {
    expect(scopeFilter(actor(GRANTS.member, GRANTS.national_admin), "user.manage")).toBeNull();
  });

  it("an actor without grants gets empty lists, not null", () => {
    for (const action of ALL_ACTIONS) expect(scopeFilter(actor(), action)).toEqual(none);
  });

  it("collects values from several grants", () => {
    const a = actor(
      { role: "province_admin", provinceCode: "IR-25" },
      { role: "province_admin", provinceCode: "IR-07" },
      { role: "cluster_manager", clusterId: "c5", provinceCode: "IR-11" },
      { role: "member", enterpriseId: "e1", clusterId: "c1", provinceCode: "IR-25" },
    );
    expect(scopeFilter(a, "enterprise.update")).toEqual({
      provinceCodes: ["IR-25", "IR-07"],
      clusterIds: ["c5"],
      enterpriseIds: ["e1"],
    });
    expect(scopeFilter(a, "user.read")).toEqual(provinces("IR-25", "IR-07"));
    expect(scopeFilter(a, "cluster.read")).toEqual({
      provinceCodes: ["IR-25", "IR-07"],
      clusterIds: ["c5", "c1"],
      enterpriseIds: [],
    });
  });

  it("skips grants missing their scope value", () => {
    const a = actor({ role: "province_admin" }, { role: "member", clusterId: "c1", provinceCode: "IR-25" });
    expect(scopeFilter(a, "enterprise.read")).toEqual(none);
  });

  it("agrees with can(): every target the filter admits is allowed, and vice versa", () => {
    const candidates: Scope[] = Object.values(TARGETS);
    for (const role of ALL_ROLES) {
      const a = actor(GRANTS[role]);
      for (const action of ALL_ACTIONS) {
        const f = scopeFilter(a, action);
        for (const t of candidates) {
          const admitted =
            f === null ||
            (t.provinceCode != null && f.provinceCodes.includes(t.provinceCode)) ||
            (t.clusterId != null && f.clusterIds.includes(t.clusterId)) ||
            (t.enterpriseId != null && f.enterpriseIds.includes(t.enterpriseId));
          expect(admitted, `${role} ${action} ${JSON.stringify(t)}`).toBe(can(a, action, t));
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------
// User management against targets that hold grants. Who may see and who may
// manage a person's account depends on every role the person holds, not only
// on their home province (a Qom province admin must never take over a
// national admin whose home is Qom). Written out by hand, like the table above.
// ---------------------------------------------------------------------------

type UserTargetName =
  | "plainQom"
  | "qomMember"
  | "qomProvinceAdmin"
  | "qomHomeNationalAdmin"
  | "qomHomeWithKhorasanGrant"
  | "khorasanHomeWithQomGrant"
  | "khorasanPlain"
  | "nationalStaff";

const USER_TARGETS: Record<UserTargetName, UserTarget> = {
  plainQom: { homeProvinceCode: "IR-25", grants: [] },
  qomMember: { homeProvinceCode: "IR-25", grants: [GRANTS.member] },
  qomProvinceAdmin: { homeProvinceCode: "IR-25", grants: [GRANTS.province_admin] },
  qomHomeNationalAdmin: { homeProvinceCode: "IR-25", grants: [GRANTS.province_admin, { role: "national_admin" }] },
  qomHomeWithKhorasanGrant: {
    homeProvinceCode: "IR-25",
    grants: [GRANTS.cluster_manager, { role: "cluster_manager", clusterId: "c9", provinceCode: "IR-09" }],
  },
  khorasanHomeWithQomGrant: { homeProvinceCode: "IR-09", grants: [GRANTS.council_member] },
  khorasanPlain: { homeProvinceCode: "IR-09", grants: [] },
  nationalStaff: { homeProvinceCode: null, grants: [{ role: "national_admin" }] },
};

const ALL_USER_TARGETS = Object.keys(USER_TARGETS) as UserTargetName[];
const QOM_VISIBLE: UserTargetName[] = [
  "plainQom",
  "qomMember",
  "qomProvinceAdmin",
  "qomHomeNationalAdmin",
  "qomHomeWithKhorasanGrant",
  "khorasanHomeWithQomGrant",
];

/** role → [targets it may see, targets whose account it may manage]. */
const USER_MANAGEMENT: Record<Role, { see: UserTargetName[]; manage: UserTargetName[] }> = {
  national_admin: { see: ALL_USER_TARGETS, manage: ALL_USER_TARGETS },
  province_admin: { see: QOM_VISIBLE, manage: ["plainQom", "qomMember", "qomProvinceAdmin"] },
  cluster_manager: { see: [], manage: [] },
  council_member: { see: [], manage: [] },
  member: { see: [], manage: [] },
};

describe("user management by the roles the target holds", () => {
  for (const role of ALL_ROLES) {
    for (const name of ALL_USER_TARGETS) {
      const expected = USER_MANAGEMENT[role];
      it(`${role} ${expected.manage.includes(name) ? "manages" : "does not manage"} ${name}`, () => {
        const a = actor(GRANTS[role]);
        expect(canSeeUser(a, USER_TARGETS[name])).toBe(expected.see.includes(name));
        expect(canManageUser(a, USER_TARGETS[name])).toBe(expected.manage.includes(name));
      });
    }
  }

  it("never lets a manager manage someone they cannot see", () => {
    for (const role of ALL_ROLES) {
      for (const name of USER_MANAGEMENT[role].manage) expect(USER_MANAGEMENT[role].see).toContain(name);
    }
  });
});

describe("an API token's grant holds only while its issuer could still issue it", () => {
  const qomAdmin = actor(GRANTS.province_admin);
  it("holds for grants inside the issuer's province", () => {
    for (const role of ["province_admin", "cluster_manager", "council_member", "member"] as const) {
      expect(tokenGrantHolds(qomAdmin, GRANTS[role])).toBe(true);
    }
  });
  it("fails once the issuer lost the grant, and never reaches another province or national rights", () => {
    expect(tokenGrantHolds(actor(), GRANTS.province_admin)).toBe(false);
    expect(tokenGrantHolds(actor(GRANTS.cluster_manager), GRANTS.cluster_manager)).toBe(false);
    expect(tokenGrantHolds(qomAdmin, { role: "province_admin", provinceCode: "IR-09" })).toBe(false);
    expect(tokenGrantHolds(qomAdmin, { role: "national_admin" })).toBe(false);
    expect(tokenGrantHolds(actor({ role: "national_admin" }), { role: "national_admin" })).toBe(true);
  });
});
