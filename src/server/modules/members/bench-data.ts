/**
 * Benchmark data for the members (bench/data.ts): at national scale 300,000
 * enterprises with their profiles, products and memberships (most members,
 * some applicants, suspended or gone, a few in a second cluster), 100,000
 * people with skills (designers mostly in the clothing, footwear, carpet and
 * craft clusters; half of them staff of an enterprise), and about 12,000
 * institutions of the Isfahan report's kinds linked to the clusters they
 * serve. The benchmark manager's cluster holds 3,000 actors, the network
 * generator's big network. Names are typed as offices type them
 * (typeFa/typedDigits); the normalised columns come from the product's own
 * functions. Rows are flushed in big batches as they are made, so the
 * generator's memory stays flat. Loaded only by the benchmark.
 */
import type { Insertable } from "kysely";
import { CITIES, enterpriseName, LAST_NAMES, personName, typedDigits, typeFa } from "../../../../bench/fa-data";
import { apportion, type BenchGenerator, instantOn, type Rng, WeightedPicker } from "../../../../bench/kit";
import { addDaysIso } from "../../../core/jalali";
import {
  type ActorKind,
  INSTITUTION_KINDS,
  type InstitutionKind,
  LEGAL_FORMS,
  type LegalForm,
  type MembershipStatus,
  PUBLISHABLE_FIELDS,
  SKILLS,
  type Skill,
} from "../../../core/members";
import { normalizeFa, sortKeyFa } from "../../../core/normalize";
import { isCompanyNationalId, isNationalId } from "../../../core/validators";
import type { DB } from "../../db/schema";
import { type BenchCluster, inProject, managedCluster } from "../clusters/bench-data";
import { actorSearchText } from "./shared";

export interface BenchActor {
  id: string;
  kind: ActorKind;
}

declare module "../../../../bench/kit" {
  interface BenchMade {
    enterprises: { id: string; clusterId: string; provinceCode: string }[];
    /** Every cluster's actors (enterprises, people, institutions) by cluster id, for the network's links. */
    clusterActors: Map<string, BenchActor[]>;
    /** The cluster with the 3,000-actor network (the benchmark manager's). */
    networkClusterId: string;
  }
}

const NATIONAL_ENTERPRISES = 300_000;
const NATIONAL_PEOPLE = 100_000;
const NATIONAL_INSTITUTIONS = 12_000;
/** The big network's cluster: 3,000 actors in all. */
const BIG = { enterprises: 2_300, people: 500, institutions: 200 };
/** Rows kept before they are written (ctx.insert batches them further). */
const FLUSH = 20_000;

/** Clusters whose people are mostly designers and makers (Khorasan's designer database). */
const DESIGN_PRODUCTS = new Set([
  "Clothing",
  "Footwear",
  "Leather",
  "Hand-woven carpet",
  "Gold and jewellery",
  "Handicrafts",
  "Furniture",
  "Textiles",
]);

/** The words a person's skills are found by (search_norm), in Persian. */
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

const JOB_TITLES = ["مدیر تولید", "مدیر فروش", "سرپرست کارگاه", "کارشناس کنترل کیفیت", "طراح", "حسابدار", "مدیرعامل"];
const CAPACITY_UNITS = ["تن در سال", "عدد در ماه", "جفت در ماه", "متر مربع در سال", "دستگاه در سال"];
const CERTIFICATES = ["ISO 9001", "نشان استاندارد ملی", "پروانه بهره‌برداری", "ISO 14001", "گواهی حلال", "HSE"];
const MARKETS = ["عراق", "افغانستان", "ترکمنستان", "ترکیه", "امارات", "ارمنستان", "روسیه", "قطر"];
const BANKS = ["ملی", "ملت", "صادرات", "توسعه تعاون", "صنعت و معدن", "کشاورزی", "توسعه صادرات"];

/** An institution's name by its kind, as the Isfahan report names the kinds. */
function institutionName(rng: Rng, kind: InstitutionKind, product: string, city: string, province: string): string {
  const last = rng.pick(LAST_NAMES);
  switch (kind) {
    case "supplier":
      return `شرکت تأمین مواد اولیه ${product} ${last}`;
    case "subcontractor":
      return `پیمانکاری ${product} ${last} ${city}`;
    case "buyer":
      return `فروشگاه‌های زنجیره‌ای ${last}`;
    case "exporter":
      return `شرکت بازرگانی صادراتی ${last}`;
    case "machinery_supplier":
      return `ماشین‌آلات ${product} ${last}`;
    case "support_institution":
      return rng.pick([`مرکز رشد فناوری ${city}`, `پارک علم و فناوری ${province}`, `جهاد دانشگاهی ${province}`]);
    case "consultant":
      return `شرکت مهندسین مشاور ${last}`;
    case "union":
      return rng.pick([`اتحادیه تولیدکنندگان ${product} ${city}`, `اتحادیه صنف ${product} ${province}`]);
    case "mutual_help_group":
      return `گروه همیار ${product} ${city}`;
    case "cooperative":
      return `شرکت تعاونی ${product} ${city}`;
    case "private_association":
      return `انجمن ${product} استان ${province}`;
    case "public_service":
      return rng.pick([
        `اداره کل صنعت، معدن و تجارت ${province}`,
        `سازمان فنی و حرفه‌ای ${city}`,
        `اتاق بازرگانی ${city}`,
      ]);
    case "transport":
      return `شرکت حمل‌ونقل ${last} ${city}`;
    case "financial_institution":
      return `بانک ${rng.pick(BANKS)} شعبه ${city}`;
  }
}

/** 11 digits with the legal-ID check digit, unique by serial (each serial owns 37 bases). */
function companyId(serial: number): string {
  for (let k = 0; k < 37; k++) {
    const base = String(1_010_000_000 + serial * 37 + k);
    const d = Number(base[9]) + 2;
    const w = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
    let s = 0;
    for (let i = 0; i < 10; i++) s += (Number(base[i]) + d) * w[i]!;
    const id = `${base}${s % 11 === 10 ? 0 : s % 11}`;
    if (isCompanyNationalId(id)) return id;
  }
  throw new Error("no legal ID");
}

/** A person's 10-digit national ID with its mod-11 check digit. */
function personId(rng: Rng): string | null {
  for (let tries = 0; tries < 5; tries++) {
    const base = String(rng.int(1_000_000, 999_999_999)).padStart(9, "0");
    let s = 0;
    for (let i = 0; i < 9; i++) s += Number(base[i]) * (10 - i);
    const r = s % 11;
    const id = `${base}${r < 2 ? r : 11 - r}`;
    if (isNationalId(id)) return id;
  }
  return null;
}

const mobile = (rng: Rng) => `09${rng.int(10, 39)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
const phone = (rng: Rng) => `0${rng.int(21, 87)}${String(rng.int(3_000_000, 9_999_999))}`;

const generator: BenchGenerator = {
  after: ["clusters"],
  async run(ctx) {
    const { rng, today } = ctx;
    const clusters = ctx.need("clusters");
    const big = managedCluster(clusters);
    const byProvince = new Map<string, BenchCluster[]>();
    for (const c of clusters) byProvince.set(c.provinceCode, [...(byProvince.get(c.provinceCode) ?? []), c]);
    const provinceFa = new Map(ctx.provinces.map((p) => [p.code, p.nameFa]));

    // Enterprises per cluster: a running project's cluster is bigger; sizes spread wide.
    const bigE = ctx.count(BIG.enterprises, 20);
    const nE = ctx.count(NATIONAL_ENTERPRISES, 200);
    const others = clusters.filter((c) => c.id !== big.id);
    const weights = others.map((c) => (inProject(c) ? 2.5 : 1) * (0.15 + rng.next() * 1.85) ** 2);
    const quota = new Map<string, number>();
    for (const [i, n] of apportion(Math.max(0, nE - bigE), weights).entries()) quota.set(others[i]!.id, Math.max(1, n));
    quota.set(big.id, bigE);

    const counts: Record<string, number> = {};
    const buf = {
      actors: [] as Insertable<DB["actors"]>[],
      enterprises: [] as Insertable<DB["enterprises"]>[],
      enterprise_products: [] as Insertable<DB["enterprise_products"]>[],
      people: [] as Insertable<DB["people"]>[],
      person_skills: [] as Insertable<DB["person_skills"]>[],
      institutions: [] as Insertable<DB["institutions"]>[],
      cluster_actors: [] as Insertable<DB["cluster_actors"]>[],
    };
    type Table = keyof typeof buf;
    // Parents first, so every foreign key points at a written row.
    const ORDER: Table[] = [
      "actors",
      "enterprises",
      "enterprise_products",
      "people",
      "person_skills",
      "institutions",
      "cluster_actors",
    ];
    const flush = async (force = false) => {
      if (!force && buf.actors.length < FLUSH) return;
      for (const t of ORDER) {
        const rows = buf[t];
        if (rows.length === 0) continue;
        await ctx.insert(t, rows as never);
        counts[t] = (counts[t] ?? 0) + rows.length;
        buf[t] = [] as never;
      }
    };

    const clusterActors = new Map<string, BenchActor[]>(clusters.map((c) => [c.id, []]));
    const madeEnterprises: { id: string; clusterId: string; provinceCode: string }[] = [];
    const enterprisesOf = new Map<string, string[]>();
    const member = (c: BenchCluster, id: string, kind: ActorKind, status: MembershipStatus, at: string) => {
      const joined = status === "applicant" ? null : at.slice(0, 10);
      buf.cluster_actors.push({
        cluster_id: c.id,
        actor_id: id,
        kind,
        status,
        joined_on: joined,
        left_on: status === "left" ? addDaysIso(joined!, rng.int(100, 1500)) : null,
        created_at: at,
        updated_at: at,
      });
      clusterActors.get(c.id)!.push({ id, kind });
    };
    const sinceIn = (c: BenchCluster) => {
      // Joined some time after the cluster was registered, and not after today.
      const first = c.steps[0]!.on;
      const span = Math.max(1, (Date.parse(today) - Date.parse(first)) / 86_400_000);
      return instantOn(rng, addDaysIso(first, rng.int(0, Math.floor(span))));
    };
    const cityIn = (c: BenchCluster) => (rng.chance(0.85) ? c.city : rng.pick(CITIES[c.provinceCode] ?? [c.city]));
    const published = () => {
      const on = rng.chance(0.4);
      return {
        published: on ? 1 : 0,
        published_fields: JSON.stringify(on ? rng.sample(PUBLISHABLE_FIELDS, rng.int(1, 5)) : []),
      };
    };
    const statusPicks: [MembershipStatus, number][] = [
      ["member", 80],
      ["applicant", 8],
      ["suspended", 4],
      ["left", 8],
    ];
    const legalPicks: [LegalForm, number][] = LEGAL_FORMS.map((f, i) => [f, [20, 2, 25, 8, 20, 22, 3][i]!]);

    // ----- enterprises
    let serial = 0;
    for (const c of clusters) {
      const product = c.product;
      const list: string[] = [];
      const taken = new Set<string>();
      for (let k = quota.get(c.id) ?? 0; k > 0; k--) {
        const id = rng.uuid();
        const city = cityIn(c);
        let name = enterpriseName(rng, product.fa, city);
        // One cluster holds no two enterprises of the same name in the same city (the
        // product's duplicate rule): a second one is told apart by a number, typed in any script.
        const key = (n: string) => `${normalizeFa(n)}|${city}`;
        if (taken.has(key(name)) || rng.chance(0.02)) {
          let i = 2;
          while (taken.has(key(`${name} شماره ${i}`))) i++;
          name = `${name} شماره ${typedDigits(rng, i)}`;
        }
        taken.add(key(name));
        name = typeFa(rng, name);
        const at = sinceIn(c);
        const products = rng
          .sample(product.groups, rng.int(1, Math.min(3, product.groups.length)))
          .map((g) => typeFa(rng, g));
        products.forEach((p, position) => {
          buf.enterprise_products.push({
            id: rng.uuid(),
            enterprise_id: id,
            name: p,
            name_norm: normalizeFa(p),
            product_group: normalizeFa(product.fa),
            position,
          });
        });
        const employees = Math.max(1, Math.round(Math.exp(rng.next() * 5)));
        const exports = rng.chance(0.15);
        buf.actors.push({
          id,
          kind: "enterprise",
          name,
          name_norm: normalizeFa(name),
          name_sort: sortKeyFa(name),
          search_norm: actorSearchText(name, [...products, city]),
          province_code: c.provinceCode,
          city,
          city_norm: normalizeFa(city),
          address: rng.chance(0.5) ? `شهرک صنعتی ${city}، خیابان ${typedDigits(rng, rng.int(1, 30))}` : null,
          phone: rng.chance(0.7) ? phone(rng) : null,
          mobile: rng.chance(0.5) ? mobile(rng) : null,
          email: rng.chance(0.3) ? `info${serial}@example.ir` : null,
          website: rng.chance(0.15) ? `https://firm${serial}.example.ir` : null,
          ...published(),
          created_at: at,
          updated_at: at,
        });
        buf.enterprises.push({
          id,
          cluster_id: c.id,
          province_code: c.provinceCode,
          national_id: rng.chance(0.6) ? companyId(serial) : null,
          legal_form: rng.chance(0.8) ? rng.weighted(legalPicks) : null,
          employees_industrial: rng.chance(0.8) ? employees : null,
          employees_guild: rng.chance(0.3) ? rng.int(0, 20) : null,
          capacity: rng.chance(0.5) ? rng.int(1, 500) * 10 : null,
          capacity_unit: rng.chance(0.5) ? rng.pick(CAPACITY_UNITS) : null,
          certificates: rng.chance(0.25) ? rng.sample(CERTIFICATES, rng.int(1, 2)).join("، ") : null,
          export_experience: exports ? 1 : 0,
          export_markets: exports ? rng.sample(MARKETS, rng.int(1, 3)).join("، ") : null,
          contact_person: rng.chance(0.6) ? typeFa(rng, personName(rng)) : null,
          created_at: at,
          updated_at: at,
        });
        member(c, id, "enterprise", c.id === big.id ? "member" : rng.weighted(statusPicks), at);
        madeEnterprises.push({ id, clusterId: c.id, provinceCode: c.provinceCode });
        list.push(id);
        serial++;
        await flush();
      }
      enterprisesOf.set(c.id, list);
    }
    // A few enterprises are members of a second cluster in their province.
    for (const e of madeEnterprises) {
      if (!rng.chance(0.04)) continue;
      const other = rng.pick(byProvince.get(e.provinceCode)!);
      if (other.id === e.clusterId) continue;
      member(other, e.id, "enterprise", "member", sinceIn(other));
      await flush();
    }

    // ----- people, in clusters in proportion to their enterprises
    const bigP = ctx.count(BIG.people, 10);
    const nP = ctx.count(NATIONAL_PEOPLE, 100);
    const pQuota = apportion(
      Math.max(0, nP - bigP),
      others.map((c) => quota.get(c.id)!),
    );
    const peopleOf = new Map(others.map((c, i) => [c.id, pQuota[i]!] as const));
    peopleOf.set(big.id, bigP);
    let personSerial = 0;
    for (const c of clusters) {
      const design = DESIGN_PRODUCTS.has(c.product.en);
      const staffOf = enterprisesOf.get(c.id) ?? [];
      for (let k = peopleOf.get(c.id) ?? 0; k > 0; k--) {
        const id = rng.uuid();
        personSerial++;
        const name = typeFa(rng, personName(rng));
        const city = cityIn(c);
        const at = sinceIn(c);
        const skills = new Set<Skill>();
        if (rng.chance(design ? 0.35 : 0.05)) skills.add("designer");
        for (let s = rng.int(skills.size ? 0 : 1, 2); s > 0; s--) skills.add(rng.pick(SKILLS));
        for (const skill of skills) buf.person_skills.push({ person_id: id, skill });
        const staff = staffOf.length > 0 && rng.chance(0.5) ? rng.pick(staffOf) : null;
        buf.actors.push({
          id,
          kind: "person",
          name,
          name_norm: normalizeFa(name),
          name_sort: sortKeyFa(name),
          search_norm: actorSearchText(name, [...[...skills].map((s) => SKILL_FA[s]), city]),
          province_code: c.provinceCode,
          city,
          city_norm: normalizeFa(city),
          mobile: rng.chance(0.8) ? mobile(rng) : null,
          email: rng.chance(0.4) ? `person${personSerial}@example.ir` : null,
          ...published(),
          created_at: at,
          updated_at: at,
        });
        buf.people.push({
          id,
          enterprise_id: staff,
          national_id: rng.chance(0.7) ? personId(rng) : null,
          job_title: staff ? rng.pick(JOB_TITLES) : null,
          portfolio:
            skills.has("designer") && rng.chance(0.6)
              ? JSON.stringify([`https://portfolio.example.ir/${id.slice(0, 8)}`])
              : "[]",
          bio: null,
        });
        member(c, id, "person", "member", at);
        await flush();
      }
    }

    // ----- institutions, each serving one to three clusters of its province
    const bigI = ctx.count(BIG.institutions, 10);
    const nI = ctx.count(NATIONAL_INSTITUTIONS, 60);
    const kindPicks = new WeightedPicker(INSTITUTION_KINDS, (k) =>
      k === "supplier" || k === "buyer" || k === "subcontractor" ? 3 : k === "union" || k === "cooperative" ? 2 : 1,
    );
    const clusterPicks = new WeightedPicker(others, (c) => quota.get(c.id)!);
    for (let i = 0; i < nI; i++) {
      const home = i < bigI ? big : clusterPicks.pick(rng);
      const kind = kindPicks.pick(rng);
      const id = rng.uuid();
      const city = cityIn(home);
      const name = typeFa(
        rng,
        institutionName(rng, kind, home.product.fa, city, provinceFa.get(home.provinceCode) ?? ""),
      );
      const at = sinceIn(home);
      buf.actors.push({
        id,
        kind: "institution",
        name,
        name_norm: normalizeFa(name),
        name_sort: sortKeyFa(name),
        search_norm: actorSearchText(name, [city]),
        province_code: home.provinceCode,
        city,
        city_norm: normalizeFa(city),
        phone: rng.chance(0.8) ? phone(rng) : null,
        ...published(),
        created_at: at,
        updated_at: at,
      });
      buf.institutions.push({ id, institution_kind: kind, description: null });
      member(home, id, "institution", "member", at);
      for (const other of rng.sample(byProvince.get(home.provinceCode)!, rng.int(0, 2))) {
        if (other.id !== home.id) member(other, id, "institution", "member", sinceIn(other));
      }
      await flush();
    }
    await flush(true);

    ctx.made.enterprises = madeEnterprises;
    ctx.made.clusterActors = clusterActors;
    ctx.made.networkClusterId = big.id;
    return {
      enterprises: counts.enterprises ?? 0,
      enterprise_products: counts.enterprise_products ?? 0,
      people: counts.people ?? 0,
      person_skills: counts.person_skills ?? 0,
      institutions: counts.institutions ?? 0,
      cluster_actors: counts.cluster_actors ?? 0,
    };
  },
};

export default generator;
