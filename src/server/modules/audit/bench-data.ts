/**
 * Benchmark data for the audit log (bench/data.ts): 1,000,000 rows at
 * national scale over the last two years (more each month, as use grows),
 * spread over the people the users generator made the way real use spreads
 * — a few busy province admins write most, members mostly sign in — and
 * over the actions each role takes, with summaries shaped as the writing
 * services shape them. Runs last: it names everything the others made.
 * Loaded only by the benchmark.
 */
import type { Insertable } from "kysely";
import { CITIES, typedDigits } from "../../../../bench/fa-data";
import { apportion, BENCH_PROVINCE, type BenchGenerator, type Rng, WeightedPicker } from "../../../../bench/kit";
import { addDaysIso } from "../../../core/jalali";
import type { Role } from "../../../core/permissions";
import type { DB } from "../../db/schema";
import type { BenchCluster } from "../clusters/bench-data";
import type { AuditAction } from "../index";
import type { BenchUser } from "../users/bench-data";

const NATIONAL_ROWS = 1_000_000;
const MONTHS = 24;

type Weights = readonly (readonly [AuditAction, number])[];

const ACTIONS: Record<Role, Weights> = {
  national_admin: [
    ["auth.login", 30],
    ["auth.logout", 5],
    ["cluster.update", 10],
    ["cluster.transition", 3],
    ["cluster.create", 2],
    ["user.create", 5],
    ["user.update", 5],
    ["grant.add", 5],
    ["grant.revoke", 2],
    ["user.deactivate", 1],
    ["user.password_reset", 1],
    ["token.issue", 1],
    ["token.revoke", 0.5],
    ["job.retry", 0.5],
    ["outbox.resend", 0.5],
    ["feasibility.decision.create", 0.2],
  ],
  province_admin: [
    ["auth.login", 30],
    ["auth.logout", 4],
    ["cluster.update", 20],
    ["cluster.transition", 6],
    ["cluster.create", 3],
    ["contract.create", 2],
    ["contract.update", 3],
    ["user.create", 3],
    ["user.update", 2],
    ["grant.add", 3],
    ["grant.revoke", 1],
    ["user.password_reset", 0.5],
    ["feasibility.study.create", 1],
    ["feasibility.study.update", 1],
    ["feasibility.criteria.replace", 0.2],
    ["feasibility.decision.create", 0.2],
    ["governance.member.add", 1.5],
    ["governance.member.update", 0.5],
    ["governance.member.remove", 0.3],
    ["attachment.add", 4],
  ],
  cluster_manager: [
    ["auth.login", 40],
    ["auth.logout", 5],
    ["cluster.update", 15],
    ["cluster.transition", 3],
    ["attachment.add", 5],
    ["user.password_change", 0.5],
    ["user.locale", 0.3],
  ],
  council_member: [
    ["auth.login", 45],
    ["auth.logout", 5],
    ["user.password_change", 1],
  ],
  member: [
    ["auth.login", 45],
    ["auth.logout", 5],
    ["user.password_change", 1],
    ["user.locale", 0.5],
  ],
};

/** How much each role writes to the log, before each person's own habit. */
const ROLE_WEIGHT: Record<Role, number> = {
  national_admin: 30,
  province_admin: 40,
  cluster_manager: 5,
  council_member: 0.5,
  member: 0.3,
};

const FIELDS = ["place", "jobsIndustrial", "estEnterprises", "advantageNote", "sector"] as const;

function ip(rng: Rng): string {
  return rng.chance(0.7)
    ? `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`
    : `5.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

const generator: BenchGenerator = {
  async run(ctx) {
    const { rng, today } = ctx;
    const users = ctx.need("users");
    const clusters = ctx.need("clusters");
    const accounts = ctx.need("accounts");
    const total = ctx.count(NATIONAL_ROWS, 1000);

    // Each person's habit: a long-tailed factor, so a few write most of the log.
    const habit = (u: BenchUser) =>
      ROLE_WEIGHT[u.role] * Math.exp((rng.next() + rng.next() + rng.next() - 1.5) * 1.6) * (u.active ? 1 : 0.2);
    const busy = new Set([accounts.province.userId, accounts.national.userId]);
    const actors = new WeightedPicker(users, (u) => (busy.has(u.id) ? 400 : habit(u)));
    const byProvince = new Map<string, BenchCluster[]>();
    for (const c of clusters) byProvince.set(c.provinceCode, [...(byProvince.get(c.provinceCode) ?? []), c]);
    const clusterById = new Map(clusters.map((c) => [c.id, c]));
    const usersByProvince = new Map<string, BenchUser[]>();
    for (const u of users)
      if (u.provinceCode) usersByProvince.set(u.provinceCode, [...(usersByProvince.get(u.provinceCode) ?? []), u]);
    const pickers = Object.fromEntries(
      Object.entries(ACTIONS).map(([role, w]) => [role, new WeightedPicker(w, ([, n]) => n)]),
    ) as Record<Role, WeightedPicker<readonly [AuditAction, number]>>;

    // More each month as offices take the system up.
    const perMonth = apportion(
      total,
      Array.from({ length: MONTHS }, (_, i) => 1 + i / 12),
    );
    const now = Date.parse(`${today}T12:00:00Z`);
    let written = 0;
    for (let m = 0; m < MONTHS; m++) {
      const start = now - (MONTHS - m) * 30 * 86_400_000;
      const rows: Insertable<DB["audit_log"]>[] = [];
      for (let i = 0; i < perMonth[m]!; i++) {
        const at = new Date(start + Math.floor(rng.next() * 30 * 86_400_000)).toISOString();
        rows.push(row(rng, at));
      }
      // Written in time order, as the log grows.
      rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      await ctx.insert("audit_log", rows);
      written += rows.length;
    }
    return { audit_log: written };

    function clusterFor(u: BenchUser): BenchCluster {
      if (u.clusterId) return clusterById.get(u.clusterId) ?? rng.pick(clusters);
      const list = u.provinceCode ? byProvince.get(u.provinceCode) : undefined;
      return rng.pick(list && list.length > 0 ? list : clusters);
    }

    function row(r: Rng, at: string): Insertable<DB["audit_log"]> {
      const base = { id: r.uuid(), at, via: "session", cluster_id: null as string | null };
      // The system's own writes and failed sign-ins have no actor.
      if (r.chance(0.005)) {
        const c = r.pick(clusters);
        return {
          ...base,
          actor_id: null,
          via: "system",
          action: "governance.member.expire",
          target_type: "governance_member",
          target_id: r.uuid(),
          province_code: c.provinceCode,
          cluster_id: c.id,
          summary: JSON.stringify({ toDate: at.slice(0, 10) }),
        };
      }
      if (r.chance(0.02)) {
        const u = r.pick(users);
        return {
          ...base,
          actor_id: null,
          via: "system",
          action: "auth.login_failed",
          target_type: "user",
          target_id: u.id,
          province_code: u.provinceCode,
          summary: JSON.stringify({ email: `user${r.int(1, 99999)}@bench.khooshe.ir`, ip: ip(r) }),
        };
      }
      const u = actors.pick(r);
      const [action] = pickers[u.role].pick(r);
      const withActor = { ...base, actor_id: u.id, via: r.chance(0.03) ? "token" : "session" };
      const onUser = (summary: object) => {
        const t = r.pick(usersByProvince.get(u.provinceCode ?? BENCH_PROVINCE) ?? users);
        return {
          ...withActor,
          action,
          target_type: "user",
          target_id: t.id,
          province_code: t.provinceCode,
          summary: JSON.stringify(summary),
        };
      };
      const onCluster = (targetType: string, targetId: string | null, c: BenchCluster, summary: object) => ({
        ...withActor,
        action,
        target_type: targetType,
        target_id: targetId ?? c.id,
        province_code: c.provinceCode,
        cluster_id: c.id,
        summary: JSON.stringify(summary),
      });
      switch (action) {
        case "auth.login":
          return { ...onUser({ ip: ip(r) }), target_id: u.id, province_code: u.provinceCode, via: "session" };
        case "auth.logout":
        case "user.password_change":
          return { ...onUser({}), target_id: u.id, province_code: u.provinceCode, via: "session" };
        case "user.locale":
          return { ...onUser({ locale: r.chance(0.5) ? "en" : "fa" }), target_id: u.id, province_code: u.provinceCode };
        case "cluster.update": {
          const c = clusterFor(u);
          const f = r.pick(FIELDS);
          const city = r.pick(CITIES[c.provinceCode] ?? ["تهران"]);
          const change =
            f === "place"
              ? { before: city, after: `شهرک صنعتی ${typedDigits(r, r.int(1, 5))} ${city}` }
              : f === "sector" || f === "advantageNote"
                ? { before: null, after: c.nameFa }
                : { before: r.int(10, 900), after: r.int(10, 900) };
          return onCluster("cluster", null, c, { changes: { [f]: change } });
        }
        case "cluster.transition": {
          const c = clusterFor(u);
          const s = r.pick(c.steps);
          return onCluster("cluster", null, c, {
            transitionId: r.uuid(),
            from: null,
            to: s.to,
            happenedOn: s.on,
            reason: null,
            approvals: null,
          });
        }
        case "cluster.create": {
          const c = clusterFor(u);
          return onCluster("cluster", null, c, { nameFa: c.nameFa, identifiedOn: c.steps[0]!.on });
        }
        case "contract.create":
        case "contract.update": {
          const c = clusterFor(u);
          return onCluster(
            "contract",
            r.uuid(),
            c,
            action === "contract.create"
              ? { kind: "agent", startDate: c.agentStart ?? at.slice(0, 10) }
              : { changes: { endDate: { before: at.slice(0, 10), after: addDaysIso(at.slice(0, 10), 90) } } },
          );
        }
        case "attachment.add": {
          const c = clusterFor(u);
          return onCluster("attachment", r.uuid(), c, {
            ownerType: "cluster",
            fileName: `صورتجلسه-${typedDigits(r, r.int(1, 99))}.pdf`,
            size: r.int(20_000, 4_000_000),
          });
        }
        case "governance.member.add":
        case "governance.member.update":
        case "governance.member.remove": {
          const c = clusterFor(u);
          return onCluster("governance_member", r.uuid(), c, { body: "steering_council", role: "member" });
        }
        case "grant.add":
        case "grant.revoke":
          return onUser({ role: "cluster_manager", provinceCode: u.provinceCode });
        case "user.update":
          return onUser({ changes: { name: { before: "—", after: "—" } } });
        default: {
          // Feasibility work, tokens, jobs and mail: records of their own, in the actor's province.
          const kind = action.startsWith("feasibility.") ? "feasibility" : action.split(".")[0]!;
          if (kind === "user") return onUser({});
          return {
            ...withActor,
            action,
            target_type: kind,
            target_id: r.uuid(),
            province_code: u.provinceCode ?? BENCH_PROVINCE,
            summary: "{}",
          };
        }
      }
    }
  },
};

export default generator;
