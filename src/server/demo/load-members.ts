/**
 * Loads the demo's members and stakeholders (demo/members.ts) inside the
 * demo loader's transaction: enterprises through insertEnterprise (the one
 * way to create one), their profiles and products, institutions, people
 * with their skills, memberships with varied statuses, and the networks'
 * links. Rows beyond the enterprises go in multi-row inserts, so the whole
 * load stays well under a second on both engines.
 */
import { randomUUID } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import { addDaysIso } from "../../core/jalali";
import { LEGAL_FORMS, type MembershipStatus, PUBLISHABLE_FIELDS, type Skill } from "../../core/members";
import type { RelationshipSource } from "../../core/network";
import { normalizeFa, sortKeyFa, toPersianDigits } from "../../core/normalize";
import { isCompanyNationalId, isNationalId } from "../../core/validators";
import type { DB } from "../db/schema";
import { actorSearchText, insertEnterprise } from "../modules/members/shared";
import "../modules/network/migrations/tables";
import {
  DEMO_ENTERPRISE_GROUPS,
  DEMO_INSTITUTIONS,
  DEMO_LINK_RULES,
  DEMO_PEOPLE_GROUPS,
  DemoRng,
  FIRST_NAMES,
  firmName,
  ILLUSTRATIVE,
  LAST_NAMES,
} from "./members";

/** The words a person's skills are found by in Persian search. */
const SKILL_FA: Record<Skill, string> = {
  designer: "طراح",
  pattern_maker: "الگوساز",
  trainer: "مربی",
  consultant: "مشاور",
  researcher: "پژوهشگر",
  technician: "تکنسین",
  marketer: "بازاریاب",
  export_specialist: "کارشناس صادرات",
  craftsperson: "استادکار",
  manager: "مدیر",
};

const MARKETS = ["عراق", "افغانستان", "ترکمنستان", "ترکیه", "امارات", "ارمنستان"];
const CERTIFICATES = ["ISO 9001", "نشان استاندارد ملی", "پروانه بهره‌برداری", "ISO 22000", "گواهی بهداشت"];

export interface DemoClusterRef {
  id: string;
  provinceCode: string;
}

export interface MembersDemoCounts {
  enterprises: number;
  people: number;
  institutions: number;
  memberships: number;
  relationships: number;
}

function weighted<T>(rng: DemoRng, pairs: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let r = rng.next() * total;
  for (const [v, w] of pairs) {
    r -= w;
    if (r < 0) return v;
  }
  return pairs[pairs.length - 1]![0];
}

/** An 11-digit company national ID with a valid check digit, distinct per serial. */
function companyId(serial: number): string | null {
  for (let k = 0; k < 37; k++) {
    const base = String(1_420_000_000 + serial * 37 + k);
    const d = Number(base[9]) + 2;
    const w = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
    let s = 0;
    for (let i = 0; i < 10; i++) s += (Number(base[i]) + d) * w[i]!;
    const id = `${base}${s % 11 === 10 ? 0 : s % 11}`;
    if (isCompanyNationalId(id)) return id;
  }
  return null;
}

function personId(rng: DemoRng): string | null {
  for (let tries = 0; tries < 5; tries++) {
    const base = String(rng.int(10_000_000, 999_999_999)).padStart(9, "0");
    let s = 0;
    for (let i = 0; i < 9; i++) s += Number(base[i]) * (10 - i);
    const r = s % 11;
    const id = `${base}${r < 2 ? r : 11 - r}`;
    if (isNationalId(id)) return id;
  }
  return null;
}

const minIso = (a: string, b: string) => (a < b ? a : b);

async function insertMany<T extends keyof DB & string>(trx: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]) {
  // 200 rows of at most ~25 columns: under SQLite's parameter limit.
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 200) as never)
      .execute();
  }
}

export async function loadMembersDemo(
  trx: Kysely<DB>,
  clusters: ReadonlyMap<string, DemoClusterRef>,
  /** The enterprises load.ts made for the demo accounts: they get profiles and products too. */
  accountEnterprises: ReadonlyMap<string, { id: string; clusterId: string }>,
  now: string,
  today: string,
): Promise<MembersDemoCounts> {
  const rng = new DemoRng(1404);
  const cluster = (key: string) => {
    const c = clusters.get(key);
    if (!c) throw new Error(`demo members: no cluster ${key}`);
    return c;
  };
  const dateIn = (fromDaysAgo: number, toDaysAgo: number) => addDaysIso(today, -rng.int(toDaysAgo, fromDaysAgo));
  const phone = () => `0${rng.pick(["28", "25", "51", "24", "31", "21"])}${rng.int(3_000_000, 9_999_999)}`;
  const mobile = () => `09${rng.int(10, 39)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
  const person = () => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;

  /** Per cluster: the firms by product group, the people, and everything for "any". */
  const firms = new Map<string, Map<string, string[]>>();
  const peopleOf = new Map<string, string[]>();
  const institutionIds = new Map<string, string>();
  const products: Insertable<DB["enterprise_products"]>[] = [];
  const memberships: Insertable<DB["cluster_actors"]>[] = [];
  let enterprises = 0;
  let serial = 0;

  const profile = async (
    id: string,
    name: string,
    city: string,
    productNames: string[],
    group: string,
    unit?: string,
  ) => {
    for (const [position, product] of productNames.entries()) {
      products.push({
        id: randomUUID(),
        enterprise_id: id,
        name: product,
        name_norm: normalizeFa(product),
        product_group: group,
        position,
      });
    }
    const employees = Math.max(1, Math.round(Math.exp(rng.next() * 4.5)));
    const exports = rng.chance(0.2);
    await trx
      .updateTable("enterprises")
      .set({
        legal_form: rng.chance(0.85) ? rng.pick(LEGAL_FORMS) : null,
        employees_industrial: rng.chance(0.85) ? employees : null,
        employees_guild: rng.chance(0.3) ? rng.int(0, 12) : null,
        capacity: unit && rng.chance(0.7) ? rng.int(5, 400) * 10 : null,
        capacity_unit: unit && rng.chance(0.7) ? unit : null,
        certificates: rng.chance(0.3) ? rng.sample(CERTIFICATES, rng.int(1, 2)).join("، ") : null,
        export_experience: exports ? 1 : 0,
        export_markets: exports ? rng.sample(MARKETS, rng.int(1, 3)).join("، ") : null,
        contact_person: rng.chance(0.7) ? person() : null,
      })
      .where("id", "=", id)
      .execute();
    const published = rng.chance(0.5);
    await trx
      .updateTable("actors")
      .set({
        phone: rng.chance(0.8) ? phone() : null,
        mobile: rng.chance(0.5) ? mobile() : null,
        address: rng.chance(0.6) ? `شهرک صنعتی ${city}، خیابان ${rng.int(1, 20)}` : null,
        notes: ILLUSTRATIVE,
        published: published ? 1 : 0,
        published_fields: JSON.stringify(
          published ? ["products", ...rng.sample(PUBLISHABLE_FIELDS.slice(1), rng.int(1, 4))] : [],
        ),
        search_norm: actorSearchText(name, [...productNames, city]),
      })
      .where("id", "=", id)
      .execute();
  };

  // ----- enterprises (no two of one name in one city in a cluster: the product's duplicate rule)
  const takenIn = new Map<string, Set<string>>();
  for (const g of DEMO_ENTERPRISE_GROUPS) {
    const c = cluster(g.clusterKey);
    const byGroup = firms.get(c.id) ?? new Map<string, string[]>();
    firms.set(c.id, byGroup);
    const list = byGroup.get(g.productGroup) ?? [];
    byGroup.set(g.productGroup, list);
    const taken = takenIn.get(c.id) ?? new Set<string>();
    takenIn.set(c.id, taken);
    for (let i = 0; i < g.count; i++) {
      const city = rng.pick(g.cities);
      let name = firmName(rng, rng.pick(g.names), city);
      const base = name;
      for (let n = 2; taken.has(normalizeFa(`${name}|${city}`)); n++) name = `${base} ${toPersianDigits(n)}`;
      taken.add(normalizeFa(`${name}|${city}`));
      const status = weighted<MembershipStatus>(rng, g.statuses ?? [["member", 1]]);
      const joinedOn = dateIn(3000, 30);
      const names = rng.sample(g.products, rng.int(1, 3));
      const id = await insertEnterprise(trx, {
        clusterId: c.id,
        clusterProvinceCode: c.provinceCode,
        name,
        city,
        status,
        joinedOn,
        searchTerms: names,
        nationalId: rng.chance(0.6) ? companyId(serial) : null,
        now,
        by: null,
      });
      serial++;
      enterprises++;
      await profile(id, name, city, names, g.productGroup, g.capacityUnit);
      if (status === "left") {
        await trx
          .updateTable("cluster_actors")
          .set({ left_on: minIso(addDaysIso(joinedOn, rng.int(30, 900)), today) })
          .where("actor_id", "=", id)
          .execute();
      }
      list.push(id);
    }
  }
  // The demo accounts' enterprises get their profiles too, and a place in their cluster's network.
  for (const [name, e] of accountEnterprises) {
    const g = DEMO_ENTERPRISE_GROUPS.find((x) => cluster(x.clusterKey).id === e.clusterId);
    if (!g) continue;
    const city = g.cities[0]!;
    await trx
      .updateTable("actors")
      .set({ city, city_norm: normalizeFa(city) })
      .where("id", "=", e.id)
      .execute();
    await profile(e.id, name, city, rng.sample(g.products, 2), g.productGroup, g.capacityUnit);
    firms.get(e.clusterId)?.get(g.productGroup)?.push(e.id);
  }

  // ----- institutions
  const instActors: Insertable<DB["actors"]>[] = [];
  const instRows: Insertable<DB["institutions"]>[] = [];
  for (const inst of DEMO_INSTITUTIONS) {
    const id = randomUUID();
    institutionIds.set(inst.key, id);
    instActors.push({
      id,
      kind: "institution",
      name: inst.name,
      name_norm: normalizeFa(inst.name),
      name_sort: sortKeyFa(inst.name),
      search_norm: actorSearchText(inst.name, [inst.city]),
      province_code: inst.provinceCode,
      city: inst.city,
      city_norm: normalizeFa(inst.city),
      phone: phone(),
      notes: inst.fromReport ? null : ILLUSTRATIVE,
      published: 1,
      published_fields: JSON.stringify(["phone"]),
      created_at: now,
      updated_at: now,
      created_by: null,
    });
    instRows.push({ id, institution_kind: inst.kind, description: inst.description ?? null });
    for (const key of inst.clusterKeys) {
      memberships.push({
        cluster_id: cluster(key).id,
        actor_id: id,
        kind: "institution",
        status: "member",
        joined_on: dateIn(2500, 100),
        left_on: null,
        created_at: now,
        updated_at: now,
      });
    }
  }
  await insertMany(trx, "actors", instActors);
  await insertMany(trx, "institutions", instRows);

  // ----- people
  const personActors: Insertable<DB["actors"]>[] = [];
  const personRows: Insertable<DB["people"]>[] = [];
  const skills: Insertable<DB["person_skills"]>[] = [];
  let people = 0;
  for (const g of DEMO_PEOPLE_GROUPS) {
    const c = cluster(g.clusterKey);
    const staffPool = [...(firms.get(c.id)?.values() ?? [])].flat();
    const list = peopleOf.get(c.id) ?? [];
    peopleOf.set(c.id, list);
    for (let i = 0; i < g.count; i++) {
      const id = randomUUID();
      const name = person();
      const own = new Set<Skill>(g.skills);
      if (g.extra && rng.chance(0.5)) own.add(rng.pick(g.extra));
      for (const s of own) skills.push({ person_id: id, skill: s });
      const staff = staffPool.length > 0 && rng.chance(g.staff) ? rng.pick(staffPool) : null;
      personActors.push({
        id,
        kind: "person",
        name,
        name_norm: normalizeFa(name),
        name_sort: sortKeyFa(name),
        search_norm: actorSearchText(name, [...[...own].map((s) => SKILL_FA[s]), g.city]),
        province_code: g.provinceCode,
        city: g.city,
        city_norm: normalizeFa(g.city),
        mobile: mobile(),
        email: rng.chance(0.5) ? `designer${people}@example.ir` : null,
        notes: ILLUSTRATIVE,
        published: rng.chance(0.4) ? 1 : 0,
        published_fields: "[]",
        created_at: now,
        updated_at: now,
        created_by: null,
      });
      personRows.push({
        id,
        enterprise_id: staff,
        national_id: rng.chance(0.7) ? personId(rng) : null,
        job_title: g.jobTitles ? rng.pick(g.jobTitles) : null,
        portfolio: g.portfolio
          ? JSON.stringify([
              `https://portfolio.example.ir/${people}`,
              ...(rng.chance(0.3) ? [`https://instagram.com/design${people}`] : []),
            ])
          : "[]",
        bio: null,
      });
      memberships.push({
        cluster_id: c.id,
        actor_id: id,
        kind: "person",
        status: "member",
        joined_on: dateIn(1500, 10),
        left_on: null,
        created_at: now,
        updated_at: now,
      });
      list.push(id);
      people++;
    }
  }
  await insertMany(trx, "actors", personActors);
  await insertMany(trx, "people", personRows);
  await insertMany(trx, "person_skills", skills);
  await insertMany(trx, "cluster_actors", memberships);
  await insertMany(trx, "enterprise_products", products);

  // ----- the networks' links
  const links: Insertable<DB["relationships"]>[] = [];
  const seen = new Set<string>();
  const ends = (clusterId: string, spec: string): string[] => {
    if (spec === "any") return [...(firms.get(clusterId)?.values() ?? [])].flat();
    if (spec === "kind:person") return peopleOf.get(clusterId) ?? [];
    if (spec.startsWith("group:")) return firms.get(clusterId)?.get(spec.slice(6)) ?? [];
    const id = institutionIds.get(spec.slice(5));
    if (!id) throw new Error(`demo members: no institution ${spec}`);
    return [id];
  };
  const sources: [RelationshipSource, number][] = [
    ["diagnostic_interview", 6],
    ["survey", 2],
    ["observed_joint_action", 2],
  ];
  const link = (clusterId: string, from: string, to: string, type: (typeof DEMO_LINK_RULES)[number]["type"]) => {
    const key = `${from}|${to}|${type}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    // Some links are recent (so the change between two dates shows) and a few have ended.
    const start = rng.chance(0.15) ? null : dateIn(2200, 5);
    const end = start && rng.chance(0.08) ? addDaysIso(start, rng.int(60, 600)) : null;
    links.push({
      id: randomUUID(),
      cluster_id: clusterId,
      from_actor_id: from,
      to_actor_id: to,
      type,
      strength: weighted(rng, [
        [1, 4],
        [2, 4],
        [3, 2],
      ] as const),
      start_on: start,
      end_on: end && end < today ? end : null,
      source: type === "member_of" && rng.chance(0.5) ? "observed_joint_action" : weighted(rng, sources),
      notes: null,
      created_at: now,
      updated_at: now,
      created_by: null,
    });
  };
  for (const r of DEMO_LINK_RULES) {
    const c = cluster(r.clusterKey);
    const from = ends(c.id, r.from);
    const to = ends(c.id, r.to);
    if (from.length === 0 || to.length === 0) continue;
    if (r.total !== undefined) {
      for (let i = 0; i < r.total; i++) link(c.id, rng.pick(from), rng.pick(to), r.type);
    } else {
      for (const f of from) {
        if (!rng.chance(r.share ?? 1)) continue;
        for (let i = 0; i < (r.perActor ?? 1); i++) link(c.id, f, rng.pick(to), r.type);
      }
    }
  }
  await insertMany(trx, "relationships", links);

  return {
    enterprises: enterprises + accountEnterprises.size,
    people,
    institutions: DEMO_INSTITUTIONS.length,
    memberships: enterprises + memberships.length,
    relationships: links.length,
  };
}
