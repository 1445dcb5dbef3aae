/**
 * Benchmark data for planning (bench/data.ts): for every cluster whose
 * project got as far as an agent's contract, its diagnostic study (vision,
 * SWOT, parts by level, pressure points, strategies answering them, the
 * baseline; a study still under way while the cluster is at the contract
 * step), and from the action-planning step on its yearly action plans — one
 * per project year that has begun, about twenty programmes each with cost
 * shares adding up to the budget, targets, milestones and links to the
 * pressure points — with the approved versions (snapshots in the
 * PlanSnapshot shape plans.ts keeps), the council meetings that approved or
 * returned them (attendance from the seats the governance generator made,
 * current on the day, and the council's quorum rule), meetings scheduled
 * ahead, plans awaiting approval, plans in revision and council members'
 * comments. Loaded only by the benchmark.
 */
import type { Insertable } from "kysely";
import { organisation, typedDigits, typeFa } from "../../../../bench/fa-data";
import { apportion, type BenchGenerator, instantOn, maxIso, minIso } from "../../../../bench/kit";
import { addDaysIso, addYearsIso } from "../../../core/jalali";
import {
  BASELINE_INDICATORS,
  type BaselineIndicator,
  INTERVENTION_AREAS,
  type PlanSnapshot,
  type PlanStatus,
  type PressureCategory,
  type ProgrammeSnapshot,
  type QuorumKind,
  quorumMet,
  quorumNeeded,
  type StudyLevel,
} from "../../../core/planning";
import type { DB } from "../../db/schema";
import { type BenchCluster, inProject } from "../clusters/bench-data";

type Row<T extends keyof DB> = Insertable<DB[T]>;

// ----------------------------------------------------------------- vocabulary

const Z = "\u200c";

const PRESSURE_POINTS: Record<PressureCategory, readonly string[]> = {
  raw_materials: ["کمبود و گرانی مواد اولیه", "وابستگی به مواد اولیه وارداتی", "کیفیت نامناسب مواد اولیه داخلی"],
  production_space: ["کمبود فضای تولید مناسب", `پراکندگی کارگاه${Z}ها در بافت مسکونی`, "نبود زمین در شهرک صنعتی"],
  market: ["ضعف بازاریابی و فروش", "نبود برند مشترک", "رقابت کالای قاچاق", `وابستگی به واسطه${Z}ها در فروش`],
  skills: ["کمبود نیروی کار ماهر", "ضعف دانش مدیریتی صاحبان بنگاه", "مهاجرت نیروی آموزش‌دیده"],
  design: ["ضعف طراحی و نوآوری محصول", "تقلید از طرح‌های رقبا", `نبود طراح حرفه${Z}ای در بنگاه‌ها`],
  finance: ["دشواری دسترسی به تسهیلات بانکی", "کمبود سرمایه در گردش", "وثیقه‌های سنگین بانکی"],
  technology: [`فرسودگی ماشین${Z}آلات`, "فناوری تولید قدیمی", "نبود آزمایشگاه کنترل کیفیت"],
  institutions: [`ضعف تشکل${Z}های صنفی`, "نبود نهاد پشتیبان مشترک", "هماهنگی کم دستگاه‌های اجرایی"],
  trust: [`بی${Z}اعتمادی میان بنگاه‌ها`, "سابقه کم همکاری مشترک", "رقابت ناسالم قیمتی"],
};
const CATEGORIES = Object.keys(PRESSURE_POINTS) as PressureCategory[];

const EVIDENCE = [
  `بر پایه پرسشنامه از ${"{n}"} بنگاه خوشه`,
  "مصاحبه با مدیران بنگاه‌ها و اتحادیه",
  "گزارش سازمان صنعت، معدن و تجارت استان",
  "بازدید میدانی عامل توسعه",
  "جلسه کانونی با بنگاه‌های پیشرو",
];

const STRATEGIES: readonly (readonly [string, readonly PressureCategory[]])[] = [
  ["توسعه بازار و برندسازی مشترک", ["market", "design"]],
  ["ارتقای مهارت و فناوری تولید", ["skills", "technology"]],
  ["تقویت همکاری و نهادسازی در خوشه", ["trust", "institutions"]],
  ["تأمین مشترک مواد اولیه و خدمات", ["raw_materials", "production_space"]],
  ["بهبود دسترسی به منابع مالی", ["finance"]],
];

const PROGRAMMES: Record<(typeof INTERVENTION_AREAS)[number], readonly string[]> = {
  sensitisation: [
    "همایش آشنایی با رویکرد توسعه خوشه‌ای",
    "بازدید بنگاه‌ها از خوشه موفق",
    "انتشار خبرنامه خوشه",
    `جلسات آشنایی با بنگاه${Z}های تازه‌وارد`,
  ],
  institution_building: [
    "تشکیل شرکت توسعه خوشه",
    "تقویت اتحادیه تولیدکنندگان",
    "راه‌اندازی دبیرخانه خوشه",
    "تدوین اساسنامه کنسرسیوم",
  ],
  networking: [
    `تشکیل شبکه${Z}های همکاری بنگاه‌ها`,
    "جلسات هم‌اندیشی ماهانه",
    "ایجاد کنسرسیوم صادراتی",
    "پیوند با دانشگاه و مراکز پژوهشی",
  ],
  market_development: [
    "حضور مشترک در نمایشگاه تخصصی",
    "تهیه کاتالوگ مشترک",
    "تدوین طرح بازاریابی مشترک",
    `اعزام هیئت تجاری به بازارهای هدف`,
    "راه‌اندازی فروشگاه اینترنتی مشترک",
  ],
  technology: [
    "ممیزی فنی بنگاه‌ها",
    `خرید مشترک ماشین${Z}آلات`,
    "استقرار سیستم مدیریت کیفیت",
    "راه‌اندازی آزمایشگاه مشترک",
  ],
  skills: [
    "دوره آموزشی مدیریت تولید",
    "آموزش بازاریابی دیجیتال",
    "دوره فنی اپراتورها",
    "آموزش صادرات و تجارت بین‌الملل",
  ],
  design: ["کارگاه طراحی محصول", "ثبت برند مشترک", "طراحی بسته‌بندی", "مسابقه طراحی محصول"],
  value_chain: [
    "خرید مشترک مواد اولیه",
    "ایجاد مرکز خدمات مشترک",
    "اتصال به تأمین‌کنندگان بزرگ",
    "ساماندهی پیمانکاران فرعی",
  ],
};

const OBJECTIVES = [
  "افزایش فروش بنگاه‌های خوشه",
  "کاهش هزینه تولید از راه همکاری",
  "ارتقای کیفیت محصول و رضایت مشتری",
  "ورود به بازارهای صادراتی تازه",
  "افزایش اعتماد و همکاری میان بنگاه‌ها",
  "ارتقای مهارت نیروی کار",
];

const RESPONSIBLE = [
  "عامل توسعه خوشه",
  "دبیرخانه خوشه",
  "شرکت توسعه خوشه",
  "اتحادیه تولیدکنندگان",
  "سازمان صنعت، معدن و تجارت استان",
  "سازمان فنی و حرفه‌ای",
];

const TARGETS: readonly (readonly [string, string, number, number])[] = [
  // indicator, unit, typical baseline, typical target
  ["تعداد بنگاه‌های شرکت‌کننده", "بنگاه", 10, 40],
  ["نفر-ساعت آموزش", "نفر-ساعت", 0, 1200],
  ["فروش صادراتی", "میلیون دلار", 2, 5],
  ["قراردادهای همکاری منعقدشده", "قرارداد", 0, 6],
  ["بنگاه‌های دارای گواهی کیفیت", "بنگاه", 3, 12],
  ["رضایت بنگاه‌ها", "درصد", 40, 75],
  ["محصولات تازه طراحی‌شده", "محصول", 0, 15],
  ["کاهش هزینه خرید مواد اولیه", "درصد", 0, 10],
];
const VERIFICATION = ["گزارش عامل توسعه", "صورتجلسه", "فهرست حضور و غیاب", "گواهی صادرشده", "پرسشنامه ارزیابی"];

const PROGRAMME_MILESTONES = [
  "تهیه شرح خدمات",
  "انتخاب مجری",
  "برگزاری جلسه آغاز کار",
  "اجرای مرحله نخست",
  "اجرای مرحله دوم",
  "ارزیابی و گزارش پایانی",
];

const SWOT = {
  strengths: [
    "سابقه طولانی تولید در منطقه",
    "نیروی کار باتجربه",
    "تمرکز جغرافیایی بنگاه‌ها",
    "شهرت محصول در بازار داخلی",
    `وجود بنگاه${Z}های پیشرو`,
  ],
  weaknesses: ["ضعف بازاریابی", "کوچکی بنگاه‌ها", "فناوری قدیمی", "همکاری اندک میان بنگاه‌ها", "نبود برند"],
  opportunities: [
    "بازارهای کشورهای همسایه",
    "حمایت‌های استانی از خوشه‌ها",
    "رشد فروش اینترنتی",
    "تسهیلات صندوق توسعه ملی",
  ],
  threats: ["واردات کالای ارزان", "نوسان نرخ ارز", "گرانی مواد اولیه", "رکود بازار داخلی", "قاچاق کالا"],
} as const;

const PART_TITLES: Record<StudyLevel, (product: string, province: string) => string> = {
  cluster: (p) => `شناخت بنگاه‌های خوشه ${p} و زنجیره ارزش`,
  industry: (p) => `وضعیت صنعت ${p} در کشور`,
  province: (_, pr) => `جایگاه خوشه در اقتصاد استان ${pr}`,
  national: () => `سیاست${Z}ها و حمایت‌های ملی`,
  international: (p) => `بازارهای جهانی ${p} و رقبا`,
};

const FINDINGS = [
  "بیشتر بنگاه‌ها خانوادگی و کمتر از ده نفر کارکن دارند.",
  "فروش عمدتاً از راه واسطه‌ها و در بازار استان انجام می‌شود.",
  "مواد اولیه از چند تأمین‌کننده محدود و با قیمت بالا خریداری می‌شود.",
  "همکاری میان بنگاه‌ها اندک است و تجربه خرید یا فروش مشترک کم است.",
  "ماشین‌آلات بیشتر بنگاه‌ها بیش از پانزده سال عمر دارند.",
  "نیروی کار ماهر کمیاب است و آموزش رسمی در منطقه وجود ندارد.",
  "صادرات به کشورهای همسایه ظرفیت رشد دارد ولی استانداردها رعایت نمی‌شود.",
  "تشکل صنفی موجود فعال است ولی توان کارشناسی کمی دارد.",
];
const SOURCES = [
  "پرسشنامه بنگاه‌ها",
  "آمار مرکز آمار ایران",
  "گزارش اتاق بازرگانی",
  "مصاحبه با فعالان",
  "سامانه بهین‌یاب",
];

const BASELINE_SOURCES = ["سرشماری عامل توسعه", "گزارش سازمان صنعت، معدن و تجارت", "اداره کل گمرک", "پرسشنامه بنگاه‌ها"];

const VISIONS = (product: string, city: string) => [
  `خوشه ${product} ${city}، خوشه‌ای پیشرو در بازار ملی و صادرکننده به کشورهای همسایه در افق ۱۴۱۰`,
  `تبدیل ${city} به قطب تولید ${product} باکیفیت با برند مشترک`,
  `خوشه‌ای همکار، نوآور و رقابت‌پذیر در صنعت ${product}`,
];

const OWN_AREAS = ["گردشگری صنعتی", "اقتصاد دیجیتال", "صادرات به کشورهای همسایه", "اشتغال زنان"];

const AGENDA = [
  "گزارش عامل توسعه از پیشرفت برنامه",
  "بررسی برنامه عملیاتی",
  "گزارش مالی و سهم‌های هزینه",
  "برنامه حضور در نمایشگاه",
  "پیشنهادهای اعضا",
];
const OTHER_DECISIONS = [
  "مقرر شد گزارش پیشرفت هر سه ماه به شورا ارائه شود.",
  "دبیرخانه مکلف شد فهرست بنگاه‌های متقاضی نمایشگاه را تهیه کند.",
  "پیشنهاد تشکیل کارگروه بازاریابی تصویب شد.",
  "مقرر شد جلسه بعدی در محل شهرک صنعتی برگزار شود.",
];
const RETURN_COMMENTS = [
  "سهم اعضا در برنامه‌های بازاریابی واقع‌بینانه نیست؛ بازنگری شود.",
  "برای برنامه‌های آموزشی شاخص قابل سنجش تعیین شود.",
  "بودجه برنامه خرید مشترک با توان مالی بنگاه‌ها تناسب ندارد.",
  "برنامه‌ها به نقاط فشار اولویت‌دار مطالعه شناختی پیوند داده شوند.",
];
const COMMENTS = [
  "برنامه حضور در نمایشگاه با تقویم نمایشگاه‌های استان هماهنگ شود.",
  "پیشنهاد می‌کنم سهم استان در برنامه آموزشی افزایش یابد.",
  "زمان‌بندی برنامه خرید مشترک فشرده است.",
  "با کلیات برنامه موافقم.",
  "برای برنامه برندسازی از تجربه خوشه‌های دیگر استفاده شود.",
  "شاخص فروش صادراتی باید با آمار گمرک سنجیده شود.",
];
const ORDINAL = ["اول", "دوم", "سوم"];
const MINUTES = "جلسه با تلاوت آیاتی از قرآن کریم آغاز شد. گزارش عامل توسعه ارائه و پس از بحث، تصمیم‌های زیر گرفته شد.";

// ----------------------------------------------------------------- helpers

/** The state whose work the cluster has reached (on hold: the one it was held from). */
function stageOf(c: BenchCluster): BenchCluster["state"] {
  return c.state === "on_hold" ? (c.steps[c.steps.length - 2]?.to ?? "identified") : c.state;
}
const lastStep = (c: BenchCluster, to: string) => [...c.steps].reverse().find((s) => s.to === to)?.on ?? null;
const MILLION = 1_000_000;

interface Seat {
  id: string;
  person_name: string;
  role: string;
  from_date: string;
  to_date: string | null;
}

const generator: BenchGenerator = {
  after: ["governance", "users"],
  async run(ctx) {
    const { rng, today } = ctx;
    const clusters = ctx.need("clusters").filter(inProject);
    const users = ctx.need("users");
    const councilGrants = ctx.need("councilGrants");
    const provinceFa = new Map(ctx.provinces.map((p) => [p.code, p.nameFa]));

    // The councils' seats as the governance generator wrote them.
    const seatRows = await ctx.db
      .selectFrom("governance_members")
      .select(["id", "cluster_id", "person_name", "role", "from_date", "to_date"])
      .where("body", "=", "steering_council")
      .execute();
    const seatsOf = new Map<string, Seat[]>();
    for (const s of seatRows) {
      const list = seatsOf.get(s.cluster_id!) ?? [];
      list.push(s);
      seatsOf.set(s.cluster_id!, list);
    }
    const seatsOn = (clusterId: string, day: string) =>
      (seatsOf.get(clusterId) ?? []).filter((s) => s.from_date <= day && (s.to_date === null || s.to_date >= day));

    // Who writes comments: the cluster's council members with accounts, else a province admin.
    const commentersOf = new Map<string, string[]>();
    for (const g of councilGrants) commentersOf.set(g.clusterId, [...(commentersOf.get(g.clusterId) ?? []), g.userId]);
    const adminsOf = new Map<string, string[]>();
    for (const u of users) {
      if (u.role !== "province_admin" || !u.provinceCode || !u.active) continue;
      adminsOf.set(u.provinceCode, [...(adminsOf.get(u.provinceCode) ?? []), u.id]);
    }

    const studies: Row<"planning_studies">[] = [];
    const parts: Row<"planning_study_parts">[] = [];
    const points: Row<"planning_pressure_points">[] = [];
    const strategies: Row<"planning_strategies">[] = [];
    const strategyPoints: Row<"planning_strategy_points">[] = [];
    const baselines: Row<"planning_baselines">[] = [];
    const areas: Row<"planning_areas">[] = [];
    const plans: Row<"planning_plans">[] = [];
    const programmes: Row<"planning_programmes">[] = [];
    const programmePoints: Row<"planning_programme_points">[] = [];
    const targets: Row<"planning_targets">[] = [];
    const milestones: Row<"planning_milestones">[] = [];
    const meetings: Row<"planning_meetings">[] = [];
    const attendees: Row<"planning_meeting_attendees">[] = [];
    const decisions: Row<"planning_decisions">[] = [];
    const versions: Row<"planning_versions">[] = [];
    const comments: Row<"planning_comments">[] = [];
    const rules: Row<"planning_council_rules">[] = [];

    // Some provinces add their own intervention areas beside the built-in ones.
    const ownAreas = new Map<string, string[]>();
    for (const p of ctx.provinces) {
      if (!rng.chance(0.3)) continue;
      const on = addDaysIso(today, -rng.int(200, 1200));
      for (const name of rng.sample(OWN_AREAS, rng.int(1, 2))) {
        const id = rng.uuid();
        areas.push({
          id,
          province_code: p.code,
          name_fa: typeFa(rng, name),
          name_en: null,
          archived_at: null,
          created_at: instantOn(rng, on),
        });
        ownAreas.set(p.code, [...(ownAreas.get(p.code) ?? []), id]);
      }
    }

    for (const c of clusters) {
      const stage = stageOf(c);
      const pf = provinceFa.get(c.provinceCode) ?? "";
      const product = c.product.fa;
      const agentStart = c.agentStart ?? c.steps[c.steps.length - 1]!.on;
      // The study: begun at the contract, finished by the action-planning step.
      const underWay = stage === "agent_contracted";
      const studyOn = minIso(lastStep(c, "diagnostic") ?? addDaysIso(agentStart, rng.int(20, 60)), today);
      const studyAt = (d: string) => instantOn(rng, minIso(maxIso(d, agentStart), today));

      const levels: StudyLevel[] = underWay
        ? ["cluster", "industry"]
        : ["cluster", "industry", "province", rng.chance(0.6) ? "international" : "national"];
      for (const level of levels) {
        parts.push({
          id: rng.uuid(),
          cluster_id: c.id,
          level,
          title: typeFa(rng, PART_TITLES[level](product, pf)),
          findings: rng.sample(FINDINGS, rng.int(3, 5)).join(" "),
          sources: rng.chance(0.7) ? rng.sample(SOURCES, rng.int(1, 3)).join("، ") : null,
          created_at: studyAt(addDaysIso(studyOn, -rng.int(10, 60))),
        });
      }
      const cats = rng.sample(CATEGORIES, rng.int(5, 8));
      const pointList: { id: string; category: PressureCategory }[] = [];
      const nPoints = rng.int(6, 10);
      for (let i = 0; i < nPoints; i++) {
        const category = cats[i % cats.length]!;
        const id = rng.uuid();
        pointList.push({ id, category });
        points.push({
          id,
          cluster_id: c.id,
          title: typeFa(
            rng,
            `${PRESSURE_POINTS[category][Math.floor(i / cats.length) % PRESSURE_POINTS[category].length]!}`,
          ),
          category,
          severity: rng.weighted([
            [3, 3],
            [2, 4],
            [1, 2],
          ] as const),
          evidence: rng.chance(0.7) ? rng.pick(EVIDENCE).replace("{n}", typedDigits(rng, rng.int(20, 200))) : null,
          created_at: studyAt(addDaysIso(studyOn, -rng.int(0, 30))),
        });
      }
      const swot = Object.fromEntries(
        Object.entries(SWOT).map(([k, items]) => [
          k,
          rng.sample(items, underWay ? rng.int(0, 2) : rng.int(3, 5)).map((s) => typeFa(rng, s)),
        ]),
      );
      studies.push({
        cluster_id: c.id,
        vision: underWay && rng.chance(0.5) ? null : typeFa(rng, rng.pick(VISIONS(product, c.city))),
        swot: JSON.stringify(swot),
        updated_at: studyAt(studyOn),
      });
      if (underWay) continue;

      const strategyList: { id: string; points: string[] }[] = [];
      for (const [title, serves] of rng.sample(STRATEGIES, 3)) {
        const id = rng.uuid();
        const mine = pointList.filter((p) => serves.includes(p.category)).map((p) => p.id);
        const linked = [...new Set([...mine, ...rng.sample(pointList, rng.int(1, 2)).map((p) => p.id)])].slice(0, 4);
        strategyList.push({ id, points: linked });
        strategies.push({
          id,
          cluster_id: c.id,
          title: typeFa(rng, title),
          description: rng.chance(0.6) ? rng.pick(OBJECTIVES) : null,
          created_at: studyAt(addDaysIso(studyOn, rng.int(0, 20))),
        });
        for (const p of linked) strategyPoints.push({ strategy_id: id, pressure_point_id: p, cluster_id: c.id });
      }
      const est = rng.int(30, 400);
      const values: Record<BaselineIndicator, number> = {
        enterprises: est,
        jobs: est * rng.int(4, 12),
        exports_usd: rng.chance(0.6) ? rng.int(1, 500) * 10_000 : 0,
        sales_rials: est * rng.int(5, 80) * 1_000 * MILLION,
        exporting_enterprises: Math.round(est * rng.next() * 0.2),
        products: rng.int(3, 40),
      };
      for (const indicator of rng.sample(BASELINE_INDICATORS, rng.int(4, 6))) {
        baselines.push({
          cluster_id: c.id,
          indicator,
          value: values[indicator],
          measured_on: addDaysIso(studyOn, -rng.int(0, 60)),
          source: rng.chance(0.8) ? rng.pick(BASELINE_SOURCES) : null,
        });
      }

      // The council's quorum rule: a majority unless it set another.
      const rule: { kind: QuorumKind; count: number | null } = rng.weighted([
        [{ kind: "majority", count: null }, 85],
        [{ kind: "two_thirds", count: null }, 10],
        [{ kind: "min_count", count: rng.int(3, 4) }, 5],
      ] as const);
      if (rule.kind !== "majority" || rng.chance(0.1)) rules.push({ cluster_id: c.id, ...rule });

      if (stage === "diagnostic") continue;

      // ------------------------------------------------------------- meetings
      const meeting = (
        day: string,
        kind: "approve" | "return" | "other",
        planDecisions: { kind: "approve_plan" | "return_plan"; planId: string; text: string }[] = [],
      ): { id: string; attendees: number } | null => {
        const seats = seatsOn(c.id, day);
        if (seats.length === 0) return null;
        const needed = quorumNeeded(rule, seats.length);
        const wantQuorate = kind !== "other" || rng.chance(0.9);
        const present = wantQuorate
          ? rng.sample(seats, Math.min(seats.length, rng.int(needed, Math.max(needed, seats.length))))
          : rng.sample(seats, Math.max(0, needed - 1));
        const quorate = quorumMet(rule, present.length, seats.length);
        if (kind !== "other" && !quorate) return null;
        const id = rng.uuid();
        const created = addDaysIso(day, -rng.int(7, 30));
        meetings.push({
          id,
          cluster_id: c.id,
          province_code: c.provinceCode,
          held_on: day,
          place: rng.chance(0.8)
            ? typeFa(
                rng,
                rng.pick([`سالن جلسات سازمان صنعت، معدن و تجارت ${pf}`, `دفتر خوشه ${c.city}`, `شهرک صنعتی ${c.city}`]),
              )
            : null,
          online: rng.chance(0.15) ? 1 : 0,
          agenda: JSON.stringify(rng.sample(AGENDA, rng.int(2, 4))),
          status: "held",
          minutes: rng.chance(0.8) ? MINUTES : null,
          seats: seats.length,
          quorum_needed: needed,
          quorate: quorate ? 1 : 0,
          created_at: instantOn(rng, maxIso(created, agentStart)),
          recorded_at: instantOn(rng, minIso(addDaysIso(day, rng.int(0, 5)), today)),
        });
        for (const s of present) {
          attendees.push({ meeting_id: id, member_id: s.id, person_name: s.person_name, role: s.role });
        }
        const n = present.length;
        const list = [
          ...planDecisions,
          ...rng.sample(OTHER_DECISIONS, kind === "other" ? rng.int(1, 3) : rng.int(0, 1)).map((text) => ({
            kind: "other" as const,
            planId: null,
            text,
          })),
        ];
        list.forEach((d, position) => {
          const against =
            d.kind === "approve_plan" ? rng.int(0, Math.floor((n - 1) / 3)) : rng.int(0, Math.floor(n / 4));
          const abstain = rng.int(0, Math.max(0, Math.floor((n - against) / 5)));
          decisions.push({
            id: rng.uuid(),
            meeting_id: id,
            position,
            kind: d.kind,
            plan_id: d.planId,
            text: typeFa(rng, d.text),
            votes_for: n - against - abstain,
            votes_against: against,
            votes_abstain: abstain,
          });
        });
        return { id, attendees: n };
      };

      // ------------------------------------------------------------- plans
      const planningOn = lastStep(c, "action_planning") ?? addDaysIso(agentStart, 120);
      const implementationOn = lastStep(c, "implementation");
      const years = [1, 2, 3].filter(
        (k) => addYearsIso(agentStart, k - 1) <= today && (stage !== "action_planning" || k === 1),
      );
      const currentYear = years[years.length - 1] ?? 1;
      const own = ownAreas.get(c.provinceCode) ?? [];
      const commenters = commentersOf.get(c.id) ?? adminsOf.get(c.provinceCode) ?? [];
      let scheduledFor: string | null = null;

      for (const year of years) {
        const periodStart = addYearsIso(agentStart, year - 1);
        const periodEnd = addDaysIso(addYearsIso(agentStart, year), -1);
        const past = year < currentYear || stage === "handed_over" || stage === "network";
        // What became of the plan: earlier years were approved; the current one is anywhere on its way.
        let status: PlanStatus;
        let revision = false;
        if (past) status = "approved";
        else if (stage === "action_planning") {
          status = rng.weighted<PlanStatus>([
            ["draft", 30],
            ["submitted", 40],
            ["returned", 12],
            ["approved", 18],
          ]);
        } else if (year === 1) {
          status = rng.weighted<PlanStatus>([
            ["approved", 80],
            ["draft", 10],
            ["submitted", 10],
          ]);
        } else {
          status = rng.weighted<PlanStatus>([
            ["approved", 45],
            ["submitted", 25],
            ["draft", 18],
            ["returned", 12],
          ]);
        }
        // A draft of a plan that was approved before is a revision; some revisions are sent again.
        if (status === "draft" && (year === 1 ? stage === "implementation" : rng.chance(0.6))) revision = true;
        if (status === "submitted" && stage !== "action_planning" && (year === 1 || rng.chance(0.3))) revision = true;
        const twice = status === "approved" && rng.chance(0.15);
        const versionCount = (status === "approved" ? 1 : 0) + (revision ? 1 : 0) + (twice ? 1 : 0);

        // When the plan was written and approved.
        const written = year === 1 ? maxIso(planningOn, periodStart) : addDaysIso(periodStart, -rng.int(30, 90));
        const createdOn = minIso(maxIso(written, agentStart), today);
        const firstApproval =
          year === 1
            ? minIso(
                implementationOn
                  ? addDaysIso(implementationOn, -rng.int(0, 20))
                  : addDaysIso(createdOn, rng.int(30, 90)),
                today,
              )
            : minIso(addDaysIso(periodStart, -rng.int(0, 25)), today);
        const approvalDays: string[] = [];
        for (let v = 0; v < versionCount; v++) {
          const d = v === 0 ? maxIso(firstApproval, createdOn) : addDaysIso(approvalDays[v - 1]!, rng.int(60, 200));
          approvalDays.push(minIso(d, addDaysIso(today, -rng.int(1, 20))));
        }
        approvalDays.sort();

        const planId = rng.uuid();
        const title = typeFa(rng, `برنامه عملیاتی سال ${ORDINAL[year - 1]} ${c.nameFa}`);

        // Programmes: about twenty, inside the plan's year, cost shares adding up to each budget.
        const n = rng.int(18, 23);
        const from = year === 1 ? minIso(maxIso(periodStart, planningOn), addDaysIso(periodEnd, -120)) : periodStart;
        const approvedEver = versionCount > 0;
        const made: ProgrammeSnapshot[] = [];
        for (let i = 0; i < n; i++) {
          const area: string = own.length > 0 && rng.chance(0.05) ? rng.pick(own) : rng.pick(INTERVENTION_AREAS);
          const titles = area in PROGRAMMES ? PROGRAMMES[area as keyof typeof PROGRAMMES] : ["برنامه ویژه استان"];
          const strategy = rng.chance(0.85) ? rng.pick(strategyList) : null;
          const linked = rng.chance(0.9)
            ? [
                ...new Set(
                  strategy && rng.chance(0.7)
                    ? rng.sample(strategy.points, rng.int(1, 2))
                    : rng.sample(pointList, rng.int(1, 2)).map((p) => p.id),
                ),
              ].sort()
            : [];
          const startDate = minIso(addDaysIso(from, rng.int(0, 200)), addDaysIso(periodEnd, -30));
          const endDate = minIso(addDaysIso(startDate, rng.int(30, 200)), periodEnd);
          const budgetRials = rng.int(2, 80) * 100 * MILLION;
          const [national, province, members, others] = apportion(budgetRials / MILLION, [
            rng.int(30, 60),
            rng.int(10, 30),
            rng.int(10, 40),
            rng.chance(0.4) ? rng.int(0, 20) : 0,
          ]).map((x) => x * MILLION) as [number, number, number, number];
          const tcount = rng.int(1, 2);
          made.push({
            id: rng.uuid(),
            title: typeFa(rng, `${rng.pick(titles)} ${rng.chance(0.3) ? product : ""}`.trim()),
            area,
            strategyId: strategy?.id ?? null,
            pressurePointIds: linked,
            objective: rng.chance(0.8) ? rng.pick(OBJECTIVES) : null,
            responsible: rng.chance(0.85)
              ? rng.chance(0.2)
                ? typeFa(rng, organisation(rng, c.city, pf))
                : rng.pick(RESPONSIBLE)
              : null,
            startDate,
            endDate,
            budgetRials,
            shares: { national, province, members, others },
            targets: rng.sample(TARGETS, tcount).map(([indicator, unit, base, goal]) => ({
              indicator,
              baseline: rng.chance(0.8) ? Math.round(base * (0.5 + rng.next())) : null,
              target: Math.max(1, Math.round(goal * (0.5 + rng.next()))),
              unit,
              verification: rng.chance(0.7) ? rng.pick(VERIFICATION) : null,
            })),
          });
        }

        for (const [position, p] of made.entries()) {
          const started = approvedEver && p.startDate <= today;
          const ms = rng.int(2, 4);
          const span = Math.max(1, (Date.parse(p.endDate) - Date.parse(p.startDate)) / 86_400_000);
          let done = 0;
          for (let m = 0; m < ms; m++) {
            const planned = addDaysIso(p.startDate, Math.round(((m + 1) * span) / ms));
            const isDone = started && planned < today && rng.chance(0.8);
            if (isDone) done++;
            milestones.push({
              id: rng.uuid(),
              programme_id: p.id,
              cluster_id: c.id,
              title: typeFa(
                rng,
                PROGRAMME_MILESTONES[
                  Math.min(PROGRAMME_MILESTONES.length - 1, Math.round((m * 5) / Math.max(1, ms - 1)))
                ]!,
              ),
              planned_date: planned,
              done_on: isDone ? minIso(addDaysIso(planned, rng.int(-10, 30)), today) : null,
              position: m,
            });
          }
          const ended = started && p.endDate < today;
          const actualStart = started ? minIso(addDaysIso(p.startDate, rng.int(0, 30)), today) : null;
          programmes.push({
            id: p.id,
            plan_id: planId,
            cluster_id: c.id,
            title: p.title,
            area: p.area,
            strategy_id: p.strategyId,
            objective: p.objective,
            responsible: p.responsible,
            start_date: p.startDate,
            end_date: p.endDate,
            budget_rials: p.budgetRials,
            share_national: p.shares.national,
            share_province: p.shares.province,
            share_members: p.shares.members,
            share_others: p.shares.others,
            spent_rials: started ? Math.round((p.budgetRials * (done + rng.next())) / (ms + 1) / MILLION) * MILLION : 0,
            actual_start: actualStart,
            actual_end: ended && done === ms ? minIso(addDaysIso(p.endDate, rng.int(-10, 30)), today) : null,
            position,
            created_at: instantOn(rng, createdOn),
          });
          for (const pp of p.pressurePointIds)
            programmePoints.push({ programme_id: p.id, pressure_point_id: pp, cluster_id: c.id });
          p.targets.forEach((t, i) => {
            targets.push({
              id: rng.uuid(),
              programme_id: p.id,
              cluster_id: c.id,
              indicator: t.indicator,
              baseline: t.baseline,
              target: t.target,
              unit: t.unit,
              verification: t.verification,
              measured: ended && rng.chance(0.75) ? Math.round(t.target * (0.4 + rng.next() * 0.8)) : null,
              measured_on: null,
              position: i,
            });
          });
        }
        // Measured targets are dated after their programme ended.
        for (const t of targets.slice(targets.length - made.reduce((s, p) => s + p.targets.length, 0))) {
          if (t.measured === null || t.measured === undefined) continue;
          const p = made.find((x) => x.id === t.programme_id)!;
          t.measured_on = minIso(addDaysIso(p.endDate, rng.int(0, 30)), today);
        }

        // The versions: the last is the plan as it is unless a revision is open; earlier ones differ.
        const snapshot = (programmesOf: ProgrammeSnapshot[]): PlanSnapshot => ({
          title,
          projectYear: year,
          periodStart,
          periodEnd,
          programmes: programmesOf,
        });
        const older = (list: ProgrammeSnapshot[]): ProgrammeSnapshot[] => {
          // Before the revision: the last programmes were not there yet, one had another budget and end,
          // and one the revision removed.
          const kept = list.slice(0, list.length - rng.int(1, 2)).map((p) => ({ ...p }));
          const k = rng.int(0, kept.length - 1);
          const p = kept[k]!;
          const budgetRials = Math.max(1, Math.round((p.budgetRials * 0.8) / MILLION)) * MILLION;
          const [national, province, members, others] = apportion(budgetRials / MILLION, [
            p.shares.national || 1,
            p.shares.province,
            p.shares.members,
            p.shares.others,
          ]).map((x) => x * MILLION) as [number, number, number, number];
          kept[k] = {
            ...p,
            budgetRials,
            shares: { national, province, members, others },
            endDate: maxIso(p.startDate, addDaysIso(p.endDate, -rng.int(0, 20))),
          };
          const gone = list[rng.int(0, list.length - 1)]!;
          kept.push({ ...gone, id: rng.uuid(), title: typeFa(rng, rng.pick(PROGRAMMES.sensitisation)), targets: [] });
          return kept;
        };
        const contents: ProgrammeSnapshot[][] = [];
        let content = made;
        for (let v = versionCount - 1; v >= 0; v--) {
          const isCurrent = v === versionCount - 1 && status === "approved";
          content = isCurrent ? made : older(content);
          contents[v] = content;
        }

        const approvals: { day: string; meetingId: string | null }[] = [];
        for (let v = 0; v < versionCount; v++) {
          const day = approvalDays[v]!;
          const m = meeting(day, "approve", [
            { kind: "approve_plan", planId, text: `برنامه عملیاتی سال ${ORDINAL[year - 1]} تصویب شد.` },
          ]);
          approvals.push({ day, meetingId: m?.id ?? null });
          const s = snapshot(contents[v]!);
          versions.push({
            plan_id: planId,
            version_no: v + 1,
            approved_on: day,
            meeting_id: m?.id ?? null,
            programme_count: s.programmes.length,
            budget_rials: s.programmes.reduce((t, p) => t + p.budgetRials, 0),
            snapshot: JSON.stringify(s),
            created_at: instantOn(rng, day),
          });
        }

        // Submission, return and the last change.
        const lastApproval = approvals[approvals.length - 1]?.day ?? null;
        let submittedOn: string | null = null;
        let returnComment: string | null = null;
        let updatedOn = lastApproval ?? createdOn;
        let commentsUntil = lastApproval ?? today;
        if (status === "approved") submittedOn = addDaysIso(lastApproval!, -rng.int(5, 30));
        else if (status === "submitted") {
          submittedOn = maxIso(minIso(addDaysIso(today, -rng.int(2, 60)), today), lastApproval ?? createdOn);
          updatedOn = submittedOn;
          scheduledFor = addDaysIso(today, rng.int(3, 40));
        } else if (status === "returned") {
          submittedOn = maxIso(addDaysIso(today, -rng.int(30, 90)), createdOn);
          const back = minIso(addDaysIso(submittedOn, rng.int(7, 25)), today);
          returnComment = rng.pick(RETURN_COMMENTS);
          meeting(back, "return", [{ kind: "return_plan", planId, text: returnComment }]);
          updatedOn = back;
          commentsUntil = back;
        } else if (revision) {
          submittedOn = addDaysIso(lastApproval!, -rng.int(5, 30));
          updatedOn = minIso(addDaysIso(lastApproval!, rng.int(10, 120)), today);
        }
        // Now and then an approved plan had been returned once before.
        if (status === "approved" && !twice && rng.chance(0.1)) {
          const back = addDaysIso(submittedOn!, -rng.int(20, 60));
          if (back > createdOn)
            meeting(back, "return", [{ kind: "return_plan", planId, text: rng.pick(RETURN_COMMENTS) }]);
        }
        // Council members comment while a plan awaits approval.
        if (submittedOn && commenters.length > 0 && (status === "submitted" || rng.chance(0.3))) {
          const until = status === "submitted" ? today : commentsUntil;
          for (let i = rng.int(status === "submitted" ? 0 : 1, 3); i > 0; i--) {
            const span = Math.max(0, (Date.parse(until) - Date.parse(submittedOn)) / 86_400_000);
            comments.push({
              id: rng.uuid(),
              plan_id: planId,
              user_id: rng.pick(commenters),
              body: typeFa(rng, rng.pick(COMMENTS)),
              created_at: instantOn(rng, addDaysIso(submittedOn, rng.int(0, Math.floor(span)))),
            });
          }
        }

        plans.push({
          id: planId,
          cluster_id: c.id,
          province_code: c.provinceCode,
          project_year: year,
          title,
          period_start: periodStart,
          period_end: periodEnd,
          status,
          approved_version: versionCount > 0 ? versionCount : null,
          return_comment: returnComment,
          submitted_at: submittedOn ? instantOn(rng, submittedOn) : null,
          programme_count: made.length,
          budget_rials: made.reduce((t, p) => t + p.budgetRials, 0),
          created_at: instantOn(rng, createdOn),
          updated_at: instantOn(rng, updatedOn),
        });
      }

      // Meetings on other business: a few a year while the project runs.
      const until = minIso(stage === "handed_over" || stage === "network" ? addYearsIso(agentStart, 3) : today, today);
      for (let d = addDaysIso(agentStart, rng.int(100, 160)); d < until; d = addDaysIso(d, rng.int(90, 200))) {
        if (rng.chance(0.7)) meeting(d, "other");
      }
      // A meeting ahead to decide a plan awaiting approval (and now and then one not yet recorded).
      if (scheduledFor || (stage === "implementation" && rng.chance(0.3))) {
        const day = scheduledFor ?? addDaysIso(today, rng.int(-10, 60));
        meetings.push({
          id: rng.uuid(),
          cluster_id: c.id,
          province_code: c.provinceCode,
          held_on: day,
          place: rng.chance(0.7) ? typeFa(rng, `دفتر خوشه ${c.city}`) : null,
          online: rng.chance(0.2) ? 1 : 0,
          agenda: JSON.stringify(
            scheduledFor
              ? ["بررسی و تصویب برنامه عملیاتی", ...rng.sample(AGENDA, rng.int(1, 2))]
              : rng.sample(AGENDA, 2),
          ),
          status: "scheduled",
          minutes: null,
          seats: null,
          quorum_needed: null,
          quorate: null,
          created_at: instantOn(rng, addDaysIso(minIso(day, today), -rng.int(1, 20))),
          recorded_at: null,
        });
      }
    }

    await ctx.insert("planning_studies", studies);
    await ctx.insert("planning_study_parts", parts);
    await ctx.insert("planning_pressure_points", points);
    await ctx.insert("planning_strategies", strategies);
    await ctx.insert("planning_strategy_points", strategyPoints);
    await ctx.insert("planning_baselines", baselines);
    await ctx.insert("planning_areas", areas);
    await ctx.insert("planning_plans", plans);
    await ctx.insert("planning_programmes", programmes);
    await ctx.insert("planning_programme_points", programmePoints);
    await ctx.insert("planning_targets", targets);
    await ctx.insert("planning_milestones", milestones);
    await ctx.insert("planning_meetings", meetings);
    await ctx.insert("planning_meeting_attendees", attendees);
    await ctx.insert("planning_decisions", decisions);
    await ctx.insert("planning_versions", versions);
    await ctx.insert("planning_comments", comments);
    await ctx.insert("planning_council_rules", rules);
    return {
      planning_studies: studies.length,
      planning_pressure_points: points.length,
      planning_plans: plans.length,
      planning_programmes: programmes.length,
      planning_targets: targets.length,
      planning_milestones: milestones.length,
      planning_versions: versions.length,
      planning_meetings: meetings.length,
      planning_meeting_attendees: attendees.length,
      planning_comments: comments.length,
    };
  },
};

export default generator;
