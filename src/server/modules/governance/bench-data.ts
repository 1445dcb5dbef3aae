/**
 * Benchmark data for governance (bench/data.ts): each province's
 * coordination committee and a steering council for every cluster whose
 * project got as far as an agent's contract, with current and ended terms.
 * Council seats held by the council members the users generator made are
 * linked to their account and to the council_member grant the seat gave, as
 * adding a linked seat does. Loaded only by the benchmark.
 */
import type { Insertable } from "kysely";
import { organisation, personName, typeFa } from "../../../../bench/fa-data";
import { type BenchGenerator, instantOn, minIso, type Rng } from "../../../../bench/kit";
import type { GovernanceRole } from "../../../core/governance";
import { addDaysIso } from "../../../core/jalali";
import type { DB } from "../../db/schema";
import { inProject } from "../clusters/bench-data";

const COMMITTEE_ORGS = (provinceFa: string) => [
  `سازمان صنعت، معدن و تجارت استان ${provinceFa}`,
  `شرکت شهرک‌های صنعتی استان ${provinceFa}`,
  `اتاق بازرگانی، صنایع، معادن و کشاورزی ${provinceFa}`,
  `سازمان مدیریت و برنامه‌ریزی استان ${provinceFa}`,
  `استانداری ${provinceFa}`,
  `بانک صنعت و معدن استان ${provinceFa}`,
];

const generator: BenchGenerator = {
  async run(ctx) {
    const { rng, today } = ctx;
    const clusters = ctx.need("clusters");
    const councilGrants = ctx.need("councilGrants");
    const seats: Insertable<DB["governance_members"]>[] = [];

    const seat = (
      r: Rng,
      s: {
        body: "provincial_committee" | "steering_council";
        provinceCode: string;
        clusterId: string | null;
        role: GovernanceRole;
        from: string;
        to: string | null;
        personName: string;
        organisation: string | null;
        userId?: string;
        grantId?: string;
      },
    ) =>
      seats.push({
        id: r.uuid(),
        body: s.body,
        province_code: s.provinceCode,
        cluster_id: s.clusterId,
        person_name: s.personName,
        organisation: s.organisation,
        role: s.role,
        from_date: s.from,
        to_date: s.to,
        user_id: s.userId ?? null,
        grant_id: s.grantId ?? null,
        created_at: instantOn(r, minIso(s.from, today)),
      });

    for (const p of ctx.provinces) {
      const from = addDaysIso(today, -rng.int(300, 1400));
      const roles: GovernanceRole[] = [
        "chair",
        "secretary",
        ...Array.from({ length: rng.int(3, 5) }, () => "government_representative" as const),
        "union_representative",
        "association_representative",
        ...Array.from({ length: rng.int(1, 3) }, () => "expert" as const),
      ];
      for (const role of roles) {
        const orgs = COMMITTEE_ORGS(p.nameFa);
        const ended = rng.chance(0.2);
        const end = ended ? addDaysIso(from, rng.int(180, 700)) : null;
        const past = end !== null && end < today;
        seat(rng, {
          body: "provincial_committee",
          provinceCode: p.code,
          clusterId: null,
          role,
          from,
          to: past ? end : null,
          personName: typeFa(rng, personName(rng)),
          organisation: typeFa(rng, rng.pick(orgs)),
        });
        // An ended term has a successor.
        if (past)
          seat(rng, {
            body: "provincial_committee",
            provinceCode: p.code,
            clusterId: null,
            role,
            from: addDaysIso(end, 1),
            to: null,
            personName: typeFa(rng, personName(rng)),
            organisation: typeFa(rng, rng.pick(orgs)),
          });
      }
    }

    const linked = new Map<string, typeof councilGrants>();
    for (const g of councilGrants) linked.set(g.clusterId, [...(linked.get(g.clusterId) ?? []), g]);
    const provinceFa = new Map(ctx.provinces.map((p) => [p.code, p.nameFa]));
    for (const c of clusters.filter(inProject)) {
      const pf = provinceFa.get(c.provinceCode) ?? "";
      const from = c.agentStart ?? c.steps[c.steps.length - 1]!.on;
      const holders = linked.get(c.id) ?? [];
      const roles: GovernanceRole[] = [
        "chair",
        "secretary",
        ...Array.from({ length: rng.int(2, 4) }, () => "enterprise_representative" as const),
        ...(rng.chance(0.7) ? (["union_representative"] as const) : []),
        ...(rng.chance(0.5) ? (["association_representative"] as const) : []),
        "government_representative",
        ...(rng.chance(0.5) ? (["expert"] as const) : []),
      ];
      roles.forEach((role, i) => {
        const holder = holders[i];
        const start = addDaysIso(from, rng.int(0, 90));
        // The council members with accounts hold current seats; others' terms sometimes ended.
        const end = !holder && rng.chance(0.15) ? addDaysIso(start, rng.int(180, 600)) : null;
        seat(rng, {
          body: "steering_council",
          provinceCode: c.provinceCode,
          clusterId: c.id,
          role,
          from: minIso(start, today),
          to: end && end < today ? end : null,
          personName: holder ? holder.name : typeFa(rng, personName(rng)),
          organisation: rng.chance(0.6) ? typeFa(rng, organisation(rng, pf, pf)) : null,
          userId: holder?.userId,
          grantId: holder?.grantId,
        });
      });
    }
    await ctx.insert("governance_members", seats);
    return { governance_members: seats.length };
  },
};

export default generator;
