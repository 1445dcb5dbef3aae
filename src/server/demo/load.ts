/**
 * Loads the demo data into an empty database, in one transaction. It refuses
 * to touch a database that already has users, so it runs on first start only.
 */
import { randomUUID } from "node:crypto";
import { addDaysIso, addYearsIso, jalaliToIso, todayIso } from "../../core/jalali";
import { compactFa, normalizeFa, sortKeyFa } from "../../core/normalize";
import { hashPassword } from "../auth/passwords";
import type { Database } from "../db/connection";
import { writeAudit } from "../modules/audit/service";
import { insertEnterprise } from "../modules/members/shared";
import { loadActivitiesDemo } from "./activities";
import {
  DEMO_ACCOUNTS,
  DEMO_CLUSTERS,
  DEMO_ENTERPRISES,
  DEMO_FEASIBILITY,
  DEMO_GOVERNANCE,
  DEMO_PASSWORD,
} from "./data";
import { loadMembersDemo } from "./load-members";
import { loadPlanningDemo } from "./planning";

/** Demo dates are typed in Jalali as the reports give them. */
function jalali(date: string): string {
  const iso = jalaliToIso(date);
  if (!iso) throw new Error(`demo data: bad Jalali date ${date}`);
  return iso;
}

export async function isEmpty(database: Database): Promise<boolean> {
  const row = await database.db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

export async function loadDemo(database: Database): Promise<{ loaded: boolean; accounts: typeof DEMO_ACCOUNTS }> {
  if (!(await isEmpty(database))) return { loaded: false, accounts: DEMO_ACCOUNTS };
  const hash = await hashPassword(DEMO_PASSWORD);
  const now = new Date().toISOString();
  await database.db.transaction().execute(async (trx) => {
    const today = todayIso();
    const clusterIds = new Map<string, { id: string; provinceCode: string }>();
    for (const c of DEMO_CLUSTERS) {
      const id = randomUUID();
      clusterIds.set(c.key, { id, provinceCode: c.provinceCode });
      const contractStart = c.contractStartedDaysAgo ? addDaysIso(today, -c.contractStartedDaysAgo) : null;
      const since = (c.since ? jalali(c.since) : contractStart) ?? today;
      await trx
        .insertInto("clusters")
        .values({
          id,
          province_code: c.provinceCode,
          name_fa: c.nameFa,
          name_en: c.nameEn,
          name_norm: normalizeFa(c.nameFa),
          name_sort: sortKeyFa(c.nameFa),
          state: c.state,
          created_at: now,
          updated_at: now,
          archived_at: null,
          place: c.place ?? null,
          sector: c.sector ?? null,
          isic_codes: JSON.stringify(c.isic ?? []),
          product_groups: JSON.stringify(c.productGroups ?? []),
          advantage_note: c.advantageNote ?? null,
          est_enterprises: c.enterprises?.value ?? null,
          est_enterprises_source: c.enterprises?.source ?? null,
          est_enterprises_date: c.enterprises?.date ? jalali(c.enterprises.date) : null,
          jobs_industrial: c.jobs?.industrial ?? null,
          jobs_guild: c.jobs?.guild ?? null,
          jobs_source: c.jobs?.source ?? null,
          jobs_date: c.jobs?.date ? jalali(c.jobs.date) : null,
          state_since: since,
          resume_state: null,
          search_norm: compactFa([c.nameFa, c.nameEn, c.place, c.sector].filter(Boolean).join(" ")),
        })
        .execute();
      // Records taken over from reports enter the history as one step, dated as the report dates it.
      await trx
        .insertInto("cluster_transitions")
        .values({
          id: randomUUID(),
          cluster_id: id,
          from_state: null,
          to_state: c.state,
          happened_on: since,
          note: c.note,
          reason: null,
          created_by: null,
          created_at: now,
        })
        .execute();
      for (const [kind, contract] of [
        ["agent", c.agent],
        ["supervisor", c.supervisor],
      ] as const) {
        if (!contract) continue;
        const start = contract.start ? jalali(contract.start) : (contractStart ?? since);
        const contractId = randomUUID();
        await trx
          .insertInto("contracts")
          .values({
            id: contractId,
            cluster_id: id,
            province_code: c.provinceCode,
            kind,
            organisation: contract.organisation,
            lead_person: contract.leadPerson ?? null,
            contract_number: contract.contractNumber ?? null,
            start_date: start,
            end_date: contract.end ? jalali(contract.end) : addDaysIso(addYearsIso(start, 3), -1),
            amount_rials: contract.amountRials ?? null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        let position = 0;
        for (const m of contract.milestones ?? []) {
          await trx
            .insertInto("contract_milestones")
            .values({
              id: randomUUID(),
              contract_id: contractId,
              position: position++,
              title: m.title,
              planned_date: jalali(m.planned),
              actual_date: m.actual ? jalali(m.actual) : null,
              amount_rials: m.amountRials ?? null,
            })
            .execute();
        }
      }
    }
    const enterpriseIds = new Map<string, { id: string; clusterId: string; provinceCode: string }>();
    for (const e of DEMO_ENTERPRISES) {
      const c = clusterIds.get(e.clusterKey)!;
      const id = randomUUID();
      enterpriseIds.set(e.name, { id, clusterId: c.id, provinceCode: c.provinceCode });
      await insertEnterprise(trx, {
        id,
        clusterId: c.id,
        clusterProvinceCode: c.provinceCode,
        name: e.name,
        now,
        by: null,
      });
    }
    const accounts = new Map<string, { userId: string; grantId: string }>();
    for (const a of DEMO_ACCOUNTS) {
      const userId = randomUUID();
      const grantId = randomUUID();
      accounts.set(a.email, { userId, grantId });
      const cluster = a.clusterKey ? clusterIds.get(a.clusterKey) : undefined;
      const ent = a.enterpriseName ? enterpriseIds.get(a.enterpriseName) : undefined;
      const provinceCode = a.provinceCode ?? cluster?.provinceCode ?? ent?.provinceCode ?? null;
      await trx
        .insertInto("users")
        .values({
          id: userId,
          email: a.email,
          name: a.name,
          name_norm: normalizeFa(a.name),
          name_sort: sortKeyFa(a.name),
          password_hash: hash,
          locale: "fa",
          active: 1,
          home_province_code: provinceCode,
          created_at: now,
          updated_at: now,
          last_login_at: null,
          password_changed_at: now,
        })
        .execute();
      await trx
        .insertInto("role_grants")
        .values({
          id: grantId,
          user_id: userId,
          role: a.role,
          province_code: provinceCode,
          cluster_id: cluster?.id ?? ent?.clusterId ?? null,
          enterprise_id: ent?.id ?? null,
          created_at: now,
          created_by: null,
        })
        .execute();
    }
    // Khorasan Razavi's feasibility round and its decision.
    const f = DEMO_FEASIBILITY;
    const criterionIds = f.criteria.map(() => randomUUID());
    await trx
      .insertInto("feasibility_criteria")
      .values(
        f.criteria.map((c, i) => ({
          id: criterionIds[i]!,
          province_code: f.provinceCode,
          name: c.name,
          weight: c.weight,
          position: i + 1,
          archived_at: null,
        })),
      )
      .execute();
    for (const st of f.studies) {
      const studyId = randomUUID();
      await trx
        .insertInto("feasibility_studies")
        .values({
          id: studyId,
          cluster_id: clusterIds.get(st.clusterKey)!.id,
          province_code: f.provinceCode,
          study_date: jalali(st.date),
          author: st.author,
          summary: null,
          created_by: null,
          created_at: now,
        })
        .execute();
      await trx
        .insertInto("feasibility_scores")
        .values(st.scores.map((score, i) => ({ study_id: studyId, criterion_id: criterionIds[i]!, score })))
        .execute();
    }
    await trx
      .insertInto("feasibility_decisions")
      .values({
        id: randomUUID(),
        province_code: f.provinceCode,
        decided_on: jalali(f.decision.date),
        chosen_cluster_id: clusterIds.get(f.decision.clusterKey)!.id,
        reason: f.decision.reason,
        created_by: null,
        created_at: now,
      })
      .execute();
    for (const g of DEMO_GOVERNANCE) {
      const account = g.userEmail ? accounts.get(g.userEmail) : undefined;
      await trx
        .insertInto("governance_members")
        .values({
          id: randomUUID(),
          body: g.body,
          province_code: g.provinceCode,
          cluster_id: g.clusterKey ? clusterIds.get(g.clusterKey)!.id : null,
          person_name: g.personName,
          organisation: g.organisation,
          role: g.role,
          from_date: jalali(g.from),
          to_date: null,
          user_id: account?.userId ?? null,
          // The demo council member's account already holds this cluster's council_member grant.
          grant_id: account?.grantId ?? null,
          created_at: now,
        })
        .execute();
    }
    const members = await loadMembersDemo(trx, clusterIds, enterpriseIds, now, today);
    const planning = await loadPlanningDemo(trx, clusterIds, now, today);
    const activities = await loadActivitiesDemo(trx, database.dialect, clusterIds, now, today);
    await writeAudit(trx, null, {
      action: "demo.load",
      targetType: "database",
      targetId: null,
      summary: {
        clusters: DEMO_CLUSTERS.length,
        ...members,
        ...planning,
        ...activities,
        accounts: DEMO_ACCOUNTS.length,
      },
    });
  });
  return { loaded: true, accounts: DEMO_ACCOUNTS };
}
