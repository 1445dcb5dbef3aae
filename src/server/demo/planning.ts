/**
 * The planning chain of the demo, as the source reports tell it:
 * - Qom clothing: the pressure points its diagnostic study found, the three
 *   strategies it set, and its programmes of years 1–3 (approved each year;
 *   year 3's revision, the industrial estate for the members, awaits the
 *   council), with the next council meeting scheduled.
 * - Khorasan clothing: the study at international, national and provincial
 *   level and the first-year plan of 22 programmes approved by its council.
 *   The report names fourteen of them (the Shik Up event, the branding and
 *   trend courses, the Iran Mode booths, the Qom and Alborz tours, the
 *   exporters' meeting, the Mashhad pavilion, the designer database, three
 *   courses, the production-cost research, the consortium consultancy); the
 *   other eight are the usual programmes of the areas it lists
 *   (sensitisation, design, market, workforce, value chain), marked below.
 * - Qazvin packaging: the study at cluster, industry, national and
 *   international level and the draft of year one in the six areas the
 *   report lists.
 * Dates are Jalali as the reports give them; amounts in rials are the demo's.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { jalaliToIso } from "../../core/jalali";
import type { BaselineIndicator, InterventionArea, PressureCategory, StudyLevel } from "../../core/planning";
import type { DB } from "../db/schema";
import { approvePlanInTx, refreshTotals } from "../modules/planning/plans";

function jalali(date: string): string {
  const iso = jalaliToIso(date);
  if (!iso) throw new Error(`demo data: bad Jalali date ${date}`);
  return iso;
}

/** A programme: title, area, the strategy it serves (index), Jalali start and end, budget in millions of rials. */
type DemoProgramme = [string, InterventionArea, number | null, string, string, number];

interface DemoPlan {
  year: 1 | 2 | 3;
  title: string;
  start: string;
  end: string;
  programmes: DemoProgramme[];
  /** Approved at a meeting on this Jalali date; omitted: a draft. */
  approvedOn?: string;
  /** Programmes a revision adds after approval; the revision is then submitted to the council. */
  revision?: DemoProgramme[];
}

interface DemoPlanning {
  clusterKey: string;
  vision: string;
  swot: { strengths: string[]; weaknesses: string[]; opportunities: string[]; threats: string[] };
  parts: [StudyLevel, string, string][];
  points: [string, PressureCategory, 1 | 2 | 3, string][];
  /** Title and the indexes of the pressure points it answers. */
  strategies: [string, number[]][];
  baseline: [BaselineIndicator, number, string, string][];
  plans: DemoPlan[];
  /** The next council meeting, this many days from today, with its agenda. */
  nextMeeting?: { inDays: number; place: string; agenda: string[] };
}

const QOM = "گزارش شورای راهبری خوشه پوشاک قم";
const KR = "گزارش شرکت شهرکهای صنعتی خراسان رضوی";
const QZ = "گزارش دبیرخانه خوشه صنعتی بسته‌بندی استان قزوین";

export const DEMO_PLANNING: DemoPlanning[] = [
  {
    clusterKey: "qom-clothing",
    vision:
      "خوشه پوشاک قم، تولیدکننده پوشاک باکیفیت و دارای برند در بازار کشور و منطقه، با واحدهای مستقر در یک زون صنعتی پوشاک.",
    swot: {
      strengths: ["شمار زیاد تولیدکنندگان کوچک و متوسط پوشاک", "اتحادیه فعال تولیدکنندگان پوشاک"],
      weaknesses: ["پراکندگی واحدها در بافت شهری", "خرید تک‌تک و گران مواد اولیه", "ضعف بازاریابی و برند"],
      opportunities: ["بازار زائران و گردشگران قم", "بازارهای صادراتی منطقه"],
      threats: ["واردات پوشاک ارزان", "نوسان قیمت پارچه و نخ"],
    },
    parts: [
      ["cluster", "شناخت بنگاه‌ها و روابط آن‌ها", "بازدید از واحدها و نشست با تولیدکنندگان؛ شناسایی نقاط فشار خوشه."],
      ["international", "کشورهای پیشرو در صنعت پوشاک", "مطالعه بازار پوشاک چین، بنگلادش و ترکیه."],
    ],
    points: [
      ["دشواری و گرانی تأمین مواد اولیه", "raw_materials", 3, `${QOM}: راهبرد «رفع مشکلات تأمین مواد اولیه».`],
      [
        "نبود فضای تولید مناسب و پراکندگی واحدها",
        "production_space",
        3,
        `${QOM}: تجمیع واحدها از مطالبات اساسی ذینفعان.`,
      ],
      ["ضعف بازاریابی و فروش", "market", 2, `${QOM}: راهبرد «بهبود فضای تولید و توسعه بازار».`],
      ["کمبود نیروی انسانی ماهر", "skills", 2, `${QOM}: راهبرد «ارتقاء مهارت منابع انسانی».`],
    ],
    strategies: [
      ["بهبود وضعیت تأمین مواد اولیه", [0]],
      ["بهبود فضای تولید و توسعه بازار", [1, 2]],
      ["ارتقای مهارت منابع انسانی", [3]],
    ],
    baseline: [],
    plans: [
      {
        year: 1,
        title: "برنامه عملیاتی سال اول خوشه پوشاک قم",
        start: "1398/07/01",
        end: "1399/06/31",
        approvedOn: "1398/07/20",
        programmes: [
          ["نشست‌های آشنایی و هم‌اندیشی با تولیدکنندگان", "sensitisation", null, "1398/08/01", "1399/06/15", 300],
          ["بازدید از واحدهای تولیدی و نیازسنجی", "sensitisation", null, "1398/08/01", "1398/12/25", 150],
          ["دوره‌های آموزشی مجازی", "skills", 2, "1398/10/01", "1399/05/31", 600],
          ["تورهای بازدید از کارخانجات پوشاک", "networking", 2, "1398/11/01", "1399/04/31", 450],
          ["راه‌اندازی و مدیریت صفحات مجازی خوشه", "sensitisation", 1, "1398/09/01", "1399/06/31", 120],
          ["مطالعه بازار پوشاک چین، بنگلادش و ترکیه", "market_development", 1, "1399/01/15", "1399/06/15", 400],
        ],
      },
      {
        year: 2,
        title: "برنامه عملیاتی سال دوم خوشه پوشاک قم",
        start: "1399/07/01",
        end: "1400/06/31",
        approvedOn: "1399/07/15",
        programmes: [
          ["بازدید از نمایشگاه‌های پوشاک", "market_development", 1, "1399/08/01", "1400/05/31", 500],
          ["تورهای بازدید صنعتی", "networking", 2, "1399/09/01", "1400/04/31", 400],
          ["دوره‌های آموزشی حضوری", "skills", 2, "1399/08/15", "1400/06/15", 700],
          ["خرید مشترک مواد اولیه و شبکه نرم تأمین", "value_chain", 0, "1399/08/01", "1400/06/31", 900],
          ["راه‌اندازی و مدیریت وب‌سایت خوشه", "market_development", 1, "1399/09/01", "1400/03/31", 350],
          ["پیگیری واگذاری زمین و ایجاد زون صنعتی پوشاک", "institution_building", 1, "1399/08/01", "1400/06/31", 200],
          ["نشریه الکترونیکی خوشه", "sensitisation", null, "1399/10/01", "1400/06/31", 100],
        ],
      },
      {
        year: 3,
        title: "برنامه عملیاتی سال سوم خوشه پوشاک قم",
        start: "1400/07/01",
        end: "1401/06/31",
        approvedOn: "1400/07/12",
        programmes: [
          ["فروش مشترک محصولات خوشه", "market_development", 1, "1400/08/01", "1401/06/31", 800],
          ["تور خارجی بازدید از اکسپو دبی", "market_development", 1, "1400/09/15", "1400/10/15", 1200],
          ["تهیه و انتشار کتاب جامع صنعت پوشاک", "sensitisation", null, "1400/08/01", "1401/03/31", 350],
          ["کتاب پیشکسوتان و کارآفرینان برتر پوشاک استان", "sensitisation", null, "1400/10/01", "1401/04/31", 250],
          ["نخستین همایش صنعت پوشاک قم", "networking", 1, "1401/02/01", "1401/03/15", 900],
        ],
        revision: [
          [
            "استقرار ذینفعان خوشه در یکی از شهرک‌های صنعتی قم",
            "institution_building",
            1,
            "1401/01/15",
            "1401/06/31",
            500,
          ],
        ],
      },
    ],
    nextMeeting: {
      inDays: 20,
      place: "شرکت شهرکهای صنعتی قم، سالن شورا",
      agenda: ["بررسی بازنگری برنامه سال سوم", "گزارش تجمیع واحدهای پوشاک در شهرک صنعتی"],
    },
  },
  {
    clusterKey: "kr-clothing",
    vision: "خوشه پوشاک خراسان رضوی با طراحی و برند خود، زنجیره ارزش کامل و کنسرسیوم صادراتی به کشورهای همسایه.",
    swot: {
      strengths: ["۳۴ هزار شاغل مستقیم، ۱۳٬۵۰۰ نفر در صنعت", "صادرات به افغانستان، عراق و ترکمنستان"],
      weaknesses: ["هزینه‌های بالای تولید", "ضعف طراحی و برند"],
      opportunities: ["بازار زائران مشهد", "بازارهای صادراتی همسایه"],
      threats: ["پوشاک وارداتی", "نوسان ارز"],
    },
    parts: [
      ["international", "بازار جهانی و منطقه‌ای پوشاک", "روندهای مد و رقابت منطقه‌ای؛ بازارهای همسایه شرقی."],
      ["national", "صنعت پوشاک کشور", "جایگاه خراسان رضوی در تولید و صادرات پوشاک کشور."],
      [
        "province",
        "خوشه پوشاک استان",
        "۳۴ هزار نفر شاغل مستقیم که ۱۳٬۵۰۰ نفر آن صنعتی‌اند؛ صادرات ۱۴۰۰: ۳٫۳۲ میلیون دلار.",
      ],
    ],
    points: [
      ["بالا بودن هزینه‌های تولید پوشاک", "finance", 3, `${KR}: پروژه پژوهشی علل بالا بودن هزینه‌های تولید.`],
      ["ضعف طراحی و برندسازی", "design", 3, `${KR}: دوره‌های برندسازی و سبک‌شناسی.`],
      ["وابستگی صادرات به سه بازار همسایه", "market", 2, `${KR}: ۷۳٪ افغانستان، ۲۱٪ عراق، ۶٪ ترکمنستان.`],
      ["کمبود مهارت طراحان و تولیدکنندگان", "skills", 2, `${KR}: ۱۵۰ بهره‌مند دوره‌های آموزشی.`],
      ["ضعف همکاری و اعتماد میان فعالان", "trust", 2, `${KR}: حساس‌سازی تولیدکنندگان و فعالان.`],
    ],
    strategies: [
      ["حساس‌سازی و اعتمادسازی فعالان پوشاک", [4]],
      ["توسعه و بهبود طراحی", [1]],
      ["توسعه بازار و صادرات", [2]],
      ["توانمندسازی نیروی انسانی", [3]],
      ["بهبود زنجیره ارزش و کاهش هزینه تولید", [0]],
    ],
    baseline: [
      ["jobs", 34000, "1401/10/01", `${KR} (برآورد از مطالعات)`],
      ["exports_usd", 3_320_000, "1400/12/29", "آمار گمرک، پایان ۱۴۰۰"],
    ],
    plans: [
      {
        year: 1,
        title: "برنامه عملیاتی سال اول خوشه پوشاک خراسان رضوی",
        start: "1402/07/01",
        end: "1403/06/30",
        approvedOn: "1402/06/20",
        programmes: [
          ["رویداد استارتاپی «شیک آپ»", "design", 1, "1402/08/01", "1402/09/30", 1500],
          ["دوره آموزشی برندسازی در صنعت مد و پوشاک", "skills", 3, "1402/07/15", "1402/09/15", 400],
          ["دوره آموزشی سبک‌شناسی و روندشناسی", "design", 1, "1402/08/01", "1402/10/15", 350],
          [
            "حمایت از برپایی غرفه در نمایشگاه ایران مد تهران",
            "market_development",
            2,
            "1402/10/01",
            "1402/11/30",
            2000,
          ],
          ["تور صنعتی بازدید از واحدهای پوشاک قم", "networking", 0, "1402/08/15", "1402/08/30", 300],
          ["تور صنعتی بازدید از واحدهای پوشاک البرز", "networking", 0, "1402/09/10", "1402/09/25", 300],
          [
            "نخستین نشست تولیدکنندگان دارای ظرفیت صادراتی (به‌سوی کنسرسیوم)",
            "market_development",
            2,
            "1402/10/15",
            "1402/10/30",
            150,
          ],
          [
            "حضور در نمایشگاه پوشاک و نساجی مشهد در قالب پاویون",
            "market_development",
            2,
            "1402/11/01",
            "1402/12/20",
            2500,
          ],
          ["بانک اطلاعاتی و شناسنامه طراحان پوشاک", "design", 1, "1402/09/01", "1403/02/31", 450],
          ["دوره آموزشی الگوسازی و دوخت صنعتی", "skills", 3, "1403/01/15", "1403/03/15", 350],
          ["دوره آموزشی بازاریابی دیجیتال و فروش برخط", "skills", 3, "1403/02/01", "1403/03/31", 300],
          ["دوره آموزشی مدیریت تولید و کاهش ضایعات", "skills", 3, "1403/03/01", "1403/04/31", 300],
          [
            "پروژه پژوهشی علل بالا بودن هزینه‌های تولید پوشاک و راهکارهای بهبود",
            "value_chain",
            4,
            "1402/09/01",
            "1403/03/31",
            900,
          ],
          ["دوره مشاوره‌ای تشکیل کنسرسیوم صادراتی", "market_development", 2, "1403/01/15", "1403/05/31", 600],
          // The eight below are not named in the report: the usual programmes of the areas it lists.
          ["نشست‌های معرفی پروژه توسعه خوشه به تولیدکنندگان", "sensitisation", 0, "1402/07/01", "1402/08/30", 150],
          ["بازدید از واحدهای تولیدی و نیازسنجی", "sensitisation", 0, "1402/07/10", "1402/10/30", 200],
          ["عضوگیری در شبکه توسعه پوشاک استان", "sensitisation", 0, "1402/08/01", "1403/06/30", 100],
          ["خبرنامه الکترونیکی و صفحات مجازی خوشه", "sensitisation", 0, "1402/08/01", "1403/06/30", 150],
          ["شناسایی تأمین‌کنندگان پارچه و مواد اولیه", "value_chain", 4, "1402/10/01", "1403/01/31", 250],
          ["نشست هم‌اندیشی طراحان و تولیدکنندگان", "design", 1, "1402/12/01", "1402/12/20", 100],
          ["بررسی بازارهای افغانستان، عراق و ترکمنستان", "market_development", 2, "1403/02/01", "1403/05/31", 500],
          ["کارگاه قیمت‌گذاری و بهای تمام‌شده", "value_chain", 4, "1403/04/01", "1403/04/31", 150],
        ],
      },
    ],
  },
  {
    clusterKey: "qz-packaging",
    vision:
      "خوشه بسته‌بندی قزوین، مرجع بسته‌بندی پلیمری، سلولزی، شیشه‌ای و فلزی کشور با شبکه خرید مشترک و حضور در بازارهای خارجی.",
    swot: {
      strengths: ["حدود ۳۰۰ بنگاه در چهار گروه محصول", "نزدیکی به بازار تهران"],
      weaknesses: ["ضعف شناسایی بازارهای هدف", "پراکندگی خرید مواد اولیه پلاستیک"],
      opportunities: ["سیاست حمایت از کالای ایرانی", "تجربه موفق ترکیه"],
      threats: ["گرانی و کمبود مواد اولیه پلیمری"],
    },
    parts: [
      ["cluster", "سطح خوشه", "گردآوری داده‌ها و تحلیل نظام‌های اجتماعی و روابط میان آن‌ها با مذاکرات حضوری."],
      ["industry", "سطح صنعت", "چهار دسته محصول پلیمری، سلولزی، شیشه‌ای و فلزی."],
      ["national", "سطح ملی", "رایزنی با نهادهای دولتی و تشکل‌های خصوصی."],
      ["international", "سطح بین‌المللی", "بررسی موردی موفقیت‌های ترکیه در صنعت بسته‌بندی."],
    ],
    points: [
      ["تهیه مواد اولیه در حوزه پلاستیک", "raw_materials", 3, `${QZ}: از نقاط فشار ذینفعان اصلی خوشه.`],
      ["ضعف شناسایی بازارهای هدف داخلی و خارجی", "market", 2, `${QZ}: بررسی موردی ترکیه و کارگاه‌های توسعه بازار.`],
      ["انسجام و تعامل کم میان ذینفعان", "trust", 2, `${QZ}: تورهای صنعتی برای افزایش انسجام.`],
    ],
    strategies: [
      ["تشکیل شبکه خرید مشترک مواد اولیه", [0]],
      ["توسعه بازار و ارتقای کیفیت محصولات", [1]],
      ["اعتمادآفرینی و شبکه‌سازی", [2]],
    ],
    baseline: [["enterprises", 300, "1391/06/01", QZ]],
    plans: [
      {
        year: 1,
        title: "برنامه عملیاتی سال اول خوشه بسته‌بندی قزوین",
        start: "1391/09/01",
        end: "1392/08/30",
        programmes: [
          ["حضور در همایش سراسری مصرف کالای ایرانی با غرفه اعضا", "sensitisation", 2, "1391/10/01", "1391/10/30", 400],
          ["فرهنگ‌سازی با مصاحبه با ذینفعان (کلیپ)", "sensitisation", 2, "1391/10/01", "1392/02/31", 200],
          [
            "درج مقالات در مجلات تعاون پلاست و توسعه و فناوری صنعت بسته‌بندی",
            "sensitisation",
            2,
            "1391/11/01",
            "1392/04/31",
            50,
          ],
          ["جلسات مدون شورای راهبری خوشه", "institution_building", null, "1391/09/15", "1392/08/30", 60],
          ["جلسات توجیهی دوهفته‌یک‌بار با اعضا در دبیرخانه", "institution_building", 0, "1391/09/15", "1392/08/30", 80],
          ["بررسی موردی موفقیت‌های ترکیه در صنعت بسته‌بندی", "market_development", 1, "1391/12/01", "1392/03/31", 250],
          ["حضور اعضا در نمایشگاه بین‌المللی ایران اکسپو", "market_development", 1, "1392/02/01", "1392/02/31", 900],
          ["تورهای صنعتی داخلی", "networking", 2, "1392/01/15", "1392/05/31", 300],
          ["تشکیل شبکه خرید مشترک مواد اولیه", "networking", 0, "1391/11/01", "1392/08/30", 150],
          ["پرتال جامع اطلاع‌رسانی و بازاریابی خوشه", "technology", 1, "1392/01/01", "1392/08/30", 450],
          ["کارگاه‌های بسته‌بندی با رویکرد توسعه بازار", "skills", 1, "1392/03/01", "1392/06/31", 350],
        ],
      },
    ],
  },
];

/** Targets the Khorasan report gives figures for (150 beneficiaries of the courses, the fair booths): indicator, target, unit. */
const DEMO_TARGETS: Record<string, [string, number, string]> = {
  "دوره آموزشی برندسازی در صنعت مد و پوشاک": ["بهره‌مندان دوره", 40, "نفر"],
  "دوره آموزشی سبک‌شناسی و روندشناسی": ["بهره‌مندان دوره", 40, "نفر"],
  "دوره آموزشی الگوسازی و دوخت صنعتی": ["بهره‌مندان دوره", 25, "نفر"],
  "دوره آموزشی بازاریابی دیجیتال و فروش برخط": ["بهره‌مندان دوره", 25, "نفر"],
  "دوره آموزشی مدیریت تولید و کاهش ضایعات": ["بهره‌مندان دوره", 20, "نفر"],
  "حمایت از برپایی غرفه در نمایشگاه ایران مد تهران": ["واحدهای دارای غرفه", 10, "واحد"],
  "حضور در نمایشگاه پوشاک و نساجی مشهد در قالب پاویون": ["واحدهای حاضر در پاویون", 15, "واحد"],
  "بانک اطلاعاتی و شناسنامه طراحان پوشاک": ["طراحان ثبت‌شده", 100, "نفر"],
  "دوره مشاوره‌ای تشکیل کنسرسیوم صادراتی": ["بنگاه‌های عضو کنسرسیوم", 5, "بنگاه"],
};

const MILLION = 1_000_000;

/** Half national, three tenths province, the rest members: whole rials adding up to the budget. */
function sharesOf(budget: number) {
  const national = Math.round(budget * 0.5);
  const province = Math.round(budget * 0.3);
  return { national, province, members: budget - national - province, others: 0 };
}

type Seat = { id: string; person_name: string; role: string };

/** Loads the planning chain of the demo clusters; returns how many plans and programmes it wrote. */
export async function loadPlanningDemo(
  trx: Kysely<DB>,
  clusterIds: Map<string, { id: string; provinceCode: string }>,
  now: string,
  today: string,
): Promise<{ plans: number; programmes: number }> {
  let plans = 0;
  let programmeCount = 0;
  // Study items list in the order they were recorded: each gets its own instant, in the reports' order.
  let tick = 0;
  const recorded = () => new Date(Date.parse(now) + tick++).toISOString();
  for (const d of DEMO_PLANNING) {
    const cluster = clusterIds.get(d.clusterKey)!;
    await trx
      .insertInto("planning_studies")
      .values({ cluster_id: cluster.id, vision: d.vision, swot: JSON.stringify(d.swot), updated_at: now })
      .execute();
    for (const [level, title, findings] of d.parts) {
      await trx
        .insertInto("planning_study_parts")
        .values({
          id: randomUUID(),
          cluster_id: cluster.id,
          level,
          title,
          findings,
          sources: null,
          created_at: recorded(),
        })
        .execute();
    }
    const pointIds = d.points.map(() => randomUUID());
    for (const [i, [title, category, severity, evidence]] of d.points.entries()) {
      await trx
        .insertInto("planning_pressure_points")
        .values({
          id: pointIds[i]!,
          cluster_id: cluster.id,
          title,
          category,
          severity,
          evidence,
          created_at: recorded(),
        })
        .execute();
    }
    const strategyIds = d.strategies.map(() => randomUUID());
    for (const [i, [title, points]] of d.strategies.entries()) {
      await trx
        .insertInto("planning_strategies")
        .values({ id: strategyIds[i]!, cluster_id: cluster.id, title, description: null, created_at: recorded() })
        .execute();
      for (const p of points) {
        await trx
          .insertInto("planning_strategy_points")
          .values({ strategy_id: strategyIds[i]!, pressure_point_id: pointIds[p]!, cluster_id: cluster.id })
          .execute();
      }
    }
    for (const [indicator, value, on, source] of d.baseline) {
      await trx
        .insertInto("planning_baselines")
        .values({ cluster_id: cluster.id, indicator, value, measured_on: jalali(on), source })
        .execute();
    }
    const seats: Seat[] = await trx
      .selectFrom("governance_members")
      .select(["id", "person_name", "role"])
      .where("body", "=", "steering_council")
      .where("cluster_id", "=", cluster.id)
      .execute();

    for (const plan of d.plans) {
      const planId = randomUUID();
      plans++;
      await trx
        .insertInto("planning_plans")
        .values({
          id: planId,
          cluster_id: cluster.id,
          province_code: cluster.provinceCode,
          project_year: plan.year,
          title: plan.title,
          period_start: jalali(plan.start),
          period_end: jalali(plan.end),
          status: plan.approvedOn ? "submitted" : "draft",
          approved_version: null,
          return_comment: null,
          submitted_at: plan.approvedOn ? jalali(plan.approvedOn) : null,
          programme_count: 0,
          budget_rials: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const insertProgrammes = async (list: DemoProgramme[], from: number) => {
        for (const [i, [title, area, strategy, start, end, millions]] of list.entries()) {
          const id = randomUUID();
          const budget = millions * MILLION;
          const s = sharesOf(budget);
          await trx
            .insertInto("planning_programmes")
            .values({
              id,
              plan_id: planId,
              cluster_id: cluster.id,
              title,
              area,
              strategy_id: strategy === null ? null : strategyIds[strategy]!,
              objective: null,
              responsible: "تیم توسعه خوشه",
              start_date: jalali(start),
              end_date: jalali(end),
              budget_rials: budget,
              share_national: s.national,
              share_province: s.province,
              share_members: s.members,
              share_others: s.others,
              spent_rials: plan.approvedOn && jalali(end) < today ? Math.round(budget * 0.9) : 0,
              actual_start: null,
              actual_end: null,
              position: from + i,
              created_at: now,
            })
            .execute();
          // The strategy's pressure points are the ones the programme answers.
          if (strategy !== null) {
            for (const p of d.strategies[strategy]![1]) {
              await trx
                .insertInto("planning_programme_points")
                .values({ programme_id: id, pressure_point_id: pointIds[p]!, cluster_id: cluster.id })
                .execute();
            }
          }
          const target = DEMO_TARGETS[title];
          if (target) {
            await trx
              .insertInto("planning_targets")
              .values({
                id: randomUUID(),
                programme_id: id,
                cluster_id: cluster.id,
                indicator: target[0],
                baseline: 0,
                target: target[1],
                unit: target[2],
                verification: "فهرست دبیرخانه خوشه",
                measured: null,
                measured_on: null,
                position: 0,
              })
              .execute();
          }
          programmeCount++;
        }
        await refreshTotals(trx, planId);
      };
      await insertProgrammes(plan.programmes, 0);
      if (!plan.approvedOn) continue;

      // The council met and approved it: a held, quorate meeting whose decision made version 1.
      const heldOn = jalali(plan.approvedOn);
      const meetingId = randomUUID();
      const present = seats.length;
      await trx
        .insertInto("planning_meetings")
        .values({
          id: meetingId,
          cluster_id: cluster.id,
          province_code: cluster.provinceCode,
          held_on: heldOn,
          place: "شرکت شهرکهای صنعتی استان",
          online: 0,
          agenda: JSON.stringify([`بررسی و تصویب ${plan.title}`]),
          status: "held",
          minutes: `${plan.title} با ${present} عضو حاضر بررسی و تصویب شد.`,
          seats: seats.length,
          quorum_needed: Math.floor(seats.length / 2) + 1,
          quorate: 1,
          created_at: now,
          recorded_at: now,
        })
        .execute();
      for (const s of seats) {
        await trx
          .insertInto("planning_meeting_attendees")
          .values({ meeting_id: meetingId, member_id: s.id, person_name: s.person_name, role: s.role })
          .execute();
      }
      await trx
        .insertInto("planning_decisions")
        .values({
          id: randomUUID(),
          meeting_id: meetingId,
          position: 0,
          kind: "approve_plan",
          plan_id: planId,
          text: `${plan.title} تصویب شد.`,
          votes_for: present,
          votes_against: 0,
          votes_abstain: 0,
        })
        .execute();
      const row = await trx.selectFrom("planning_plans").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
      await approvePlanInTx(trx, row, { date: heldOn, meetingId });

      if (plan.revision) {
        // A revision opened after approval, with its additions, now before the council.
        await insertProgrammes(plan.revision, plan.programmes.length);
        await trx
          .updateTable("planning_plans")
          .set({ status: "submitted", submitted_at: now })
          .where("id", "=", planId)
          .execute();
      }
    }
    if (d.nextMeeting) {
      const on = new Date(`${today}T00:00:00Z`);
      on.setUTCDate(on.getUTCDate() + d.nextMeeting.inDays);
      await trx
        .insertInto("planning_meetings")
        .values({
          id: randomUUID(),
          cluster_id: cluster.id,
          province_code: cluster.provinceCode,
          held_on: on.toISOString().slice(0, 10),
          place: d.nextMeeting.place,
          online: 0,
          agenda: JSON.stringify(d.nextMeeting.agenda),
          status: "scheduled",
          minutes: null,
          seats: null,
          quorum_needed: null,
          quorate: null,
          created_at: now,
          recorded_at: null,
        })
        .execute();
    }
  }
  return { plans, programmes: programmeCount };
}
