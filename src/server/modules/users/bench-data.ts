/**
 * Benchmark data for user management (bench/data.ts): about 10,000 people
 * at national scale with their role grants — national admins, five province
 * admins per province (some also in a neighbouring one), cluster managers,
 * council members (their seats come from the governance generator) and
 * enterprise members — and the three accounts the benchmark signs in as.
 * Every account's password is BENCH_PASSWORD, hashed once with the
 * product's hashPassword. Runs after the clusters and the members (grants
 * name clusters and enterprises) and records the province admins as the people who entered the clusters'
 * histories. Loaded only by the benchmark.
 */
import type { Insertable } from "kysely";
import { personName, typeFa } from "../../../../bench/fa-data";
import {
  BENCH_PASSWORD,
  BENCH_PROVINCE,
  type BenchAccount,
  type BenchGenerator,
  type BenchMade,
  type BenchRole,
  instantOn,
} from "../../../../bench/kit";
import { addDaysIso } from "../../../core/jalali";
import { normalizeFa, sortKeyFa } from "../../../core/normalize";
import type { Role } from "../../../core/permissions";
import { hashPassword } from "../../auth/passwords";
import type { DB } from "../../db/schema";
import { type BenchCluster, inProject, managedCluster } from "../clusters/bench-data";

export interface BenchUser {
  id: string;
  role: Role;
  /** The province the person works in (a national admin's is null). */
  provinceCode: string | null;
  clusterId: string | null;
  active: boolean;
}

declare module "../../../../bench/kit" {
  interface BenchMade {
    users: BenchUser[];
    /** Council members' accounts and grants, for the governance generator's seats. */
    councilGrants: { userId: string; grantId: string; clusterId: string; name: string }[];
  }
}

const NATIONAL_USERS = 10_000;
const DOMAIN = "bench.khooshe.ir";

const generator: BenchGenerator = {
  after: ["clusters", "members"],
  async run(ctx) {
    const { rng, today } = ctx;
    const clusters = ctx.need("clusters");
    const enterprises = ctx.need("enterprises");
    const hash = await hashPassword(BENCH_PASSWORD);
    const target = ctx.count(NATIONAL_USERS, 30);

    const users: Insertable<DB["users"]>[] = [];
    const grants: Insertable<DB["role_grants"]>[] = [];
    const made: BenchUser[] = [];
    const councilGrants: BenchMade["councilGrants"] = [];
    let serial = 0;

    const addUser = (
      role: Role,
      scope: { provinceCode: string | null; clusterId?: string | null; enterpriseId?: string | null },
      opts: { email?: string; name?: string; active?: boolean; createdBy?: string | null } = {},
    ) => {
      const id = rng.uuid();
      const grantId = rng.uuid();
      const name = opts.name ?? typeFa(rng, personName(rng));
      const created = addDaysIso(today, -rng.int(30, 1500));
      const createdAt = instantOn(rng, created);
      const active = opts.active ?? !rng.chance(0.03);
      serial++;
      users.push({
        id,
        email: opts.email ?? `user${String(serial).padStart(5, "0")}@${DOMAIN}`,
        name,
        name_norm: normalizeFa(name),
        name_sort: sortKeyFa(name),
        password_hash: hash,
        locale: rng.chance(0.92) ? "fa" : "en",
        active: active ? 1 : 0,
        home_province_code: scope.provinceCode,
        created_at: createdAt,
        updated_at: createdAt,
        last_login_at: rng.chance(0.85) ? instantOn(rng, addDaysIso(today, -rng.int(0, 90))) : null,
        password_changed_at: createdAt,
      });
      grants.push({
        id: grantId,
        user_id: id,
        role,
        province_code: role === "national_admin" ? null : scope.provinceCode,
        cluster_id: scope.clusterId ?? null,
        enterprise_id: scope.enterpriseId ?? null,
        created_at: createdAt,
        created_by: opts.createdBy ?? null,
      });
      made.push({ id, role, provinceCode: scope.provinceCode, clusterId: scope.clusterId ?? null, active });
      return { id, grantId, name, createdAt };
    };
    const extraGrant = (
      userId: string,
      role: Role,
      scope: { provinceCode: string; clusterId?: string | null },
      at: string,
    ) => {
      grants.push({
        id: rng.uuid(),
        user_id: userId,
        role,
        province_code: scope.provinceCode,
        cluster_id: scope.clusterId ?? null,
        enterprise_id: null,
        created_at: at,
        created_by: null,
      });
    };

    // The accounts the benchmark signs in as: a national admin, the bench province's admin
    // and the manager of one of its running projects with contracts.
    const national = addUser("national_admin", { provinceCode: null }, { email: `national@${DOMAIN}`, active: true });
    const province = addUser(
      "province_admin",
      { provinceCode: BENCH_PROVINCE },
      { email: `province@${DOMAIN}`, active: true, createdBy: national.id },
    );
    const managed = managedCluster(clusters);
    const manager = addUser(
      "cluster_manager",
      { provinceCode: managed.provinceCode, clusterId: managed.id },
      { email: `manager@${DOMAIN}`, active: true, createdBy: province.id },
    );
    const account = (u: { id: string }, email: string, provinceCode: string | null, clusterId: string | null) =>
      ({ email, userId: u.id, provinceCode, clusterId }) satisfies BenchAccount;
    const accounts: Record<BenchRole, BenchAccount> = {
      national: account(national, `national@${DOMAIN}`, null, null),
      province: account(province, `province@${DOMAIN}`, BENCH_PROVINCE, null),
      manager: account(manager, `manager@${DOMAIN}`, managed.provinceCode, managed.id),
    };

    const nationals = [national.id];
    for (let i = 1; i < ctx.count(25, 2); i++) nationals.push(addUser("national_admin", { provinceCode: null }).id);

    const adminsOf = new Map<string, string[]>([[BENCH_PROVINCE, [province.id]]]);
    const codes = ctx.provinces.map((p) => p.code);
    for (const code of codes) {
      const list = adminsOf.get(code) ?? [];
      while (list.length < 5) {
        const u = addUser("province_admin", { provinceCode: code }, { createdBy: rng.pick(nationals) });
        list.push(u.id);
        // Some cover a neighbouring office too.
        if (codes.length > 1 && rng.chance(0.1)) {
          extraGrant(u.id, "province_admin", { provinceCode: rng.pick(codes.filter((c) => c !== code)) }, u.createdAt);
        }
      }
      adminsOf.set(code, list);
    }

    const managerGrants: { userId: string; provinceCode: string; at: string }[] = [];
    const byProvince = new Map<string, BenchCluster[]>();
    for (const c of clusters) byProvince.set(c.provinceCode, [...(byProvince.get(c.provinceCode) ?? []), c]);
    for (const c of clusters) {
      const p = inProject(c) ? 1 : c.state === "on_hold" || c.state === "cancelled" ? 0.3 : 0.4;
      const count = rng.chance(p) ? (inProject(c) && rng.chance(0.2) ? 2 : 1) : 0;
      for (let i = 0; i < count; i++) {
        if (c.id === managed.id && i === 0) continue;
        const u = addUser(
          "cluster_manager",
          { provinceCode: c.provinceCode, clusterId: c.id },
          { createdBy: rng.pick(adminsOf.get(c.provinceCode) ?? nationals) },
        );
        managerGrants.push({ userId: u.id, provinceCode: c.provinceCode, at: u.createdAt });
      }
    }
    // A few manage a second cluster in their province.
    for (const m of managerGrants) {
      if (!rng.chance(0.05)) continue;
      const other = rng.pick(byProvince.get(m.provinceCode) ?? clusters);
      extraGrant(m.userId, "cluster_manager", { provinceCode: m.provinceCode, clusterId: other.id }, m.at);
    }

    for (const c of clusters.filter(inProject)) {
      for (let i = rng.int(2, 4); i > 0; i--) {
        const u = addUser("council_member", { provinceCode: c.provinceCode, clusterId: c.id });
        councilGrants.push({ userId: u.id, grantId: u.grantId, clusterId: c.id, name: u.name });
      }
    }

    // The rest are enterprises' own people, most in running projects.
    const projectClusters = new Set(clusters.filter(inProject).map((c) => c.id));
    const pool = enterprises.filter((e) => projectClusters.has(e.clusterId) || rng.chance(0.3));
    while (users.length < target && pool.length > 0) {
      const e = rng.pick(pool);
      addUser(
        "member",
        { provinceCode: e.provinceCode, clusterId: e.clusterId, enterpriseId: e.id },
        { createdBy: rng.pick(adminsOf.get(e.provinceCode) ?? nationals) },
      );
    }

    await ctx.insert("users", users);
    await ctx.insert("role_grants", grants);

    // The province's admins entered its clusters' histories.
    const byAdmin = new Map<string, string[]>();
    for (const c of clusters) {
      const admin = rng.pick(adminsOf.get(c.provinceCode) ?? nationals);
      byAdmin.set(admin, [...(byAdmin.get(admin) ?? []), c.id]);
    }
    for (const [admin, ids] of byAdmin) {
      for (let i = 0; i < ids.length; i += 500) {
        await ctx.db
          .updateTable("cluster_transitions")
          .set({ created_by: admin })
          .where("cluster_id", "in", ids.slice(i, i + 500))
          .execute();
      }
    }

    ctx.made.users = made;
    ctx.made.councilGrants = councilGrants;
    ctx.made.accounts = accounts;
    return { users: users.length, role_grants: grants.length };
  },
};

export default generator;
