/**
 * Benchmark data for feasibility work (bench/data.ts): in each province two
 * rounds of weighted criteria (the first archived when the list was
 * replaced, as replaceCriteria() keeps criteria a study scored), a study for
 * every cluster that reached feasibility — scored on the criteria current
 * at its date — and a prioritisation decision per year among the studied
 * clusters that went on to approval. Loaded only by the benchmark.
 */
import type { Insertable } from "kysely";
import { CRITERIA, organisation, personName, typeFa } from "../../../../bench/fa-data";
import { apportion, type BenchGenerator, instantOn, maxIso, minIso, type Rng } from "../../../../bench/kit";
import { addDaysIso } from "../../../core/jalali";
import type { DB } from "../../db/schema";

/** Weights in fives, none below 5, that total 100. */
function weights(rng: Rng, n: number): number[] {
  return apportion(
    20 - n,
    Array.from({ length: n }, () => rng.int(1, 4)),
  ).map((w) => (w + 1) * 5);
}

const generator: BenchGenerator = {
  async run(ctx) {
    const { rng, today } = ctx;
    const clusters = ctx.need("clusters");
    const criteria: Insertable<DB["feasibility_criteria"]>[] = [];
    const studies: Insertable<DB["feasibility_studies"]>[] = [];
    const scores: Insertable<DB["feasibility_scores"]>[] = [];
    const decisions: Insertable<DB["feasibility_decisions"]>[] = [];
    for (const p of ctx.provinces) {
      // The second round's list replaced the first on this date.
      const replacedOn = addDaysIso(today, -rng.int(200, 900));
      const rounds = [
        { from: "0000", to: replacedOn, archivedAt: instantOn(rng, replacedOn), n: rng.int(4, 6) },
        { from: replacedOn, to: "9999", archivedAt: null, n: rng.int(5, 7) },
      ].map((r) => {
        const names = rng.sample(CRITERIA, r.n);
        const w = weights(rng, r.n);
        const ids = names.map((name, i) => {
          const id = rng.uuid();
          criteria.push({
            id,
            province_code: p.code,
            name: typeFa(rng, name),
            weight: w[i]!,
            position: i + 1,
            archived_at: r.archivedAt,
          });
          return id;
        });
        return { ...r, ids };
      });
      const here = clusters.filter((c) => c.provinceCode === p.code);
      const studied: { id: string; on: string; approved: boolean }[] = [];
      for (const c of here) {
        const step = c.steps.find((s) => s.to === "feasibility");
        if (!step) continue;
        const n = rng.chance(0.15) ? 2 : 1;
        for (let i = 0; i < n; i++) {
          const on = addDaysIso(step.on, rng.int(10, 120) + i * 200);
          const studyDate = minIso(on, today);
          const round = rounds.find((r) => studyDate >= r.from && studyDate < r.to) ?? rounds[1]!;
          const id = rng.uuid();
          studies.push({
            id,
            cluster_id: c.id,
            province_code: p.code,
            study_date: studyDate,
            author: typeFa(rng, rng.chance(0.5) ? personName(rng) : organisation(rng, p.nameFa, p.nameFa)),
            summary: rng.chance(0.4) ? `مطالعه امکان‌سنجی ${c.nameFa}` : null,
            created_by: null,
            created_at: instantOn(rng, studyDate),
          });
          for (const criterionId of round.ids)
            scores.push({ study_id: id, criterion_id: criterionId, score: rng.int(2, 10) });
        }
        studied.push({ id: c.id, on: step.on, approved: c.steps.some((s) => s.to === "approved") });
      }
      // A decision a year among the clusters studied by then that went on to approval.
      const chosen = studied.filter((s) => s.approved);
      for (let year = 0; year < 3 && chosen.length > 0; year++) {
        const decidedOn = addDaysIso(today, -rng.int(year * 365, year * 365 + 300));
        const c = rng.pick(chosen);
        decisions.push({
          id: rng.uuid(),
          province_code: p.code,
          decided_on: maxIso(decidedOn, c.on),
          chosen_cluster_id: c.id,
          reason: typeFa(rng, "بالاترین امتیاز وزنی و آمادگی بنگاه‌ها برای همکاری"),
          created_by: null,
          created_at: instantOn(rng, maxIso(decidedOn, c.on)),
        });
      }
    }
    await ctx.insert("feasibility_criteria", criteria);
    await ctx.insert("feasibility_studies", studies);
    await ctx.insert("feasibility_scores", scores);
    await ctx.insert("feasibility_decisions", decisions);
    return {
      feasibility_criteria: criteria.length,
      feasibility_studies: studies.length,
      feasibility_scores: scores.length,
      feasibility_decisions: decisions.length,
    };
  },
};

export default generator;
