/**
 * Benchmark data for membership applications (bench/data.ts): at national
 * scale 8,000 applications from the public form over the last three years,
 * most decided (approved ones linked to the enterprise they became, rejected
 * ones with a reason, decided by one of the province's admins), 15% still
 * waiting; the benchmark manager's cluster has a queue of its own. Loaded
 * only by the benchmark.
 */
import { createHash } from "node:crypto";
import type { Insertable } from "kysely";
import { enterpriseName, personName, typeFa } from "../../../../bench/fa-data";
import { type BenchGenerator, instantOn, WeightedPicker } from "../../../../bench/kit";
import { addDaysIso } from "../../../core/jalali";
import { compactFa } from "../../../core/normalize";
import type { DB } from "../../db/schema";
import type { BenchCluster } from "../clusters/bench-data";

const NATIONAL_APPLICATIONS = 8_000;
/** Pending applications in the benchmark manager's cluster (its queue). */
const MANAGER_QUEUE = 60;

const REJECTIONS = [
  "فعالیت بنگاه با موضوع خوشه مرتبط نیست.",
  "مدارک ثبت بنگاه ناقص است.",
  "بنگاه پیش‌تر عضو خوشه است.",
  "محل فعالیت بنگاه خارج از محدوده خوشه است.",
];

const generator: BenchGenerator = {
  after: ["members", "users"],
  async run(ctx) {
    const { rng, today } = ctx;
    const clusters = ctx.need("clusters");
    const enterprises = ctx.need("enterprises");
    const bigId = ctx.need("networkClusterId");
    const users = ctx.need("users");
    const adminsOf = new Map<string, string[]>();
    for (const u of users) {
      if (u.role !== "province_admin" || !u.provinceCode) continue;
      adminsOf.set(u.provinceCode, [...(adminsOf.get(u.provinceCode) ?? []), u.id]);
    }
    const byCluster = new Map<string, string[]>();
    for (const e of enterprises) byCluster.set(e.clusterId, [...(byCluster.get(e.clusterId) ?? []), e.id]);
    const picker = new WeightedPicker(clusters, (c) => byCluster.get(c.id)?.length ?? 0);
    const big = clusters.find((c) => c.id === bigId)!;

    const rows: Insertable<DB["membership_applications"]>[] = [];
    const pendingKeys = new Set<string>();
    let serial = 0;
    const add = (c: BenchCluster, status: "pending" | "approved" | "rejected") => {
      serial++;
      let name = typeFa(rng, enterpriseName(rng, c.product.fa, c.city));
      // One pending application per enterprise name and cluster (a partial unique index).
      if (status === "pending" && pendingKeys.has(`${c.id}|${compactFa(name)}`)) name = `${name} ${serial}`;
      if (status === "pending") pendingKeys.add(`${c.id}|${compactFa(name)}`);
      const on = status === "pending" ? addDaysIso(today, -rng.int(0, 60)) : addDaysIso(today, -rng.int(30, 1100));
      const at = instantOn(rng, on);
      const decided = status === "pending" ? null : instantOn(rng, addDaysIso(on, rng.int(1, 25)));
      const pool = byCluster.get(c.id) ?? [];
      rows.push({
        id: rng.uuid(),
        cluster_id: c.id,
        province_code: c.provinceCode,
        status,
        enterprise_name: name,
        name_key: compactFa(name),
        national_id: null,
        contact_person: typeFa(rng, personName(rng)),
        mobile: `09${rng.int(10, 39)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`,
        email: `apply${serial}@example.ir`,
        city: c.city,
        products: JSON.stringify(rng.sample(c.product.groups, rng.int(1, 2))),
        employees: rng.int(1, 120),
        message: rng.chance(0.4) ? "درخواست عضویت در شبکه توسعه خوشه" : null,
        locale: rng.chance(0.95) ? "fa" : "en",
        status_token_hash: createHash("sha256").update(`bench-application-${serial}`).digest("hex"),
        enterprise_id: status === "approved" && pool.length > 0 ? rng.pick(pool) : null,
        reason: status === "rejected" ? rng.pick(REJECTIONS) : null,
        decided_at: decided,
        decided_by: decided ? rng.pick(adminsOf.get(c.provinceCode) ?? [null]) : null,
        created_at: at,
      });
    };
    for (let i = 0; i < ctx.count(MANAGER_QUEUE, 5); i++) add(big, "pending");
    for (let i = ctx.count(NATIONAL_APPLICATIONS, 50); i > 0; i--) {
      add(
        picker.pick(rng),
        rng.weighted([
          ["pending", 15],
          ["approved", 60],
          ["rejected", 25],
        ] as const),
      );
    }
    await ctx.insert("membership_applications", rows);
    return { membership_applications: rows.length };
  },
};

export default generator;
