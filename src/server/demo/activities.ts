/**
 * The demo's activities, as the source reports tell them:
 * - Qom clothing: the virtual courses and the factory tours of year one, the
 *   market study of China, Bangladesh and Turkey, the Expo Dubai tour, the
 *   comprehensive book and the veterans' book, the first clothing conference
 *   of Qom; and a course ahead whose seats are taken, with a waiting list.
 * - Khorasan clothing: the Shik Up start-up event, the branding and the
 *   style-and-trend courses that 150 designers, suppliers, producers and
 *   sellers attended, the booths at Iran Mode in Tehran, the Qom and Alborz
 *   tours, the pavilion at Mashhad's clothing and textile fair; and an
 *   export course ahead.
 * - Zanjan (Hidaj footwear): the tours of fairs abroad and at home, and the
 *   Hidaj design centre's modelling courses.
 * - Qazvin packaging: the biweekly briefings at the secretariat (a series,
 *   a session each time), the national conference on Iranian goods with the
 *   members' booths, Iran Expo, the two magazine articles, the Turkey case
 *   study and its packaging workshops.
 * Each is tied to its programme of the cluster's action plan (planning.ts)
 * by the programme's title. Everything goes through the module's services
 * as the system, inside the demo's one transaction, so every rule holds:
 * created as planned, its people registered, checked in, then marked done.
 * The Khorasan courses' people who are not in the members' demo — producers
 * and fabric suppliers' staff of its member firms, and sellers — are added
 * here, so the courses' figures split by role.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { jalaliToIso } from "../../core/jalali";
import { normalizeFa, sortKeyFa } from "../../core/normalize";
import { SYSTEM_ACTOR } from "../../core/permissions";
import { ActivityInput, type ActivityInputT } from "../../core/schemas/activities";
import { loadConfig } from "../config";
import type { Deps } from "../context";
import type { DB } from "../db/schema";
import { createActivity, updateActivity } from "../modules/activities/activities";
import { checkIn } from "../modules/activities/attendance";
import { issueCertificates, putCertificateSettings } from "../modules/activities/certificates";
import { register } from "../modules/activities/registrations";
import { answerSurvey } from "../modules/activities/surveys";
import { actorSearchText } from "../modules/members/shared";
import { DemoRng, FIRST_NAMES, ILLUSTRATIVE, LAST_NAMES } from "./members";

function jalali(date: string): string {
  const iso = jalaliToIso(date);
  if (!iso) throw new Error(`demo data: bad Jalali date ${date}`);
  return iso;
}

const MILLION = 1_000_000;

const SURVEY_COMMENTS = {
  good: ["مطالب کاربردی بود.", "برگزاری منظم و مدرس مسلط بود.", "خواهان دوره تکمیلی هستیم."],
  fair: ["زمان دوره کوتاه بود.", "مثال‌های بیشتری از بازار استان لازم بود."],
};

/** Half national, three tenths province, the rest members: whole rials adding up to the cost. */
function costOf(millions: number) {
  const cost = millions * MILLION;
  const national = Math.round(cost * 0.5);
  const province = Math.round(cost * 0.3);
  return { costRials: cost, shares: { national, province, members: cost - national - province, others: 0 } };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Who comes: the cluster's people by role (`designer`…, `any`), or free names as on a public form. */
type Who = { from: "people"; count: number; role?: string } | { from: "public"; count: number };

interface DemoActivity {
  clusterKey: string;
  /** A words of the programme's title it serves (planning.ts); omitted: none. */
  programme?: string;
  input: DistributiveOmit<
    z.input<typeof ActivityInput>,
    "startDate" | "endDate" | "sessions" | "status" | "costRials" | "shares" | "programmeId"
  > & { costMillions?: number };
  /** Jalali (or ISO); or days from today (ahead: a positive number). */
  start: string | number;
  end?: string | number;
  /** Session days (Jalali or days from today) and times. */
  sessions?: { on: string | number; from: string; to: string }[];
  who?: Who[];
  /** Past: checked in (this share of those accepted, each session at this share) and marked done. */
  held?: { share: number; sessions?: number };
  certificates?: boolean;
}

const biweekly = (first: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ on: addDays(jalali(first), i * 14), from: "10:00", to: "12:00" }));
const weekly = (first: string, n: number, from = "16:00", to = "19:00") =>
  Array.from({ length: n }, (_, i) => ({ on: addDays(jalali(first), i * 7), from, to }));
function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const QOM_PLACE = "سالن اتحادیه تولیدکنندگان پوشاک قم";
const KR_PLACE = "دفتر توسعه خوشه‌های کسب و کار، شرکت شهرک‌های صنعتی خراسان رضوی";
const QZ_PLACE = "دبیرخانه خوشه صنعتی بسته‌بندی قزوین";
const HIDAJ_PLACE = "مرکز طراحی و مدلسازی کفش هیدج";

export const DEMO_ACTIVITIES: DemoActivity[] = [
  // ----- Qom clothing
  {
    clusterKey: "qom-clothing",
    programme: "دوره‌های آموزشی مجازی",
    input: {
      kind: "training",
      title: "دوره مجازی بازاریابی و فروش برخط پوشاک",
      online: true,
      onlineLink: "https://meet.example.ir/qom-marketing",
      details: { hours: 12, mode: "virtual", trainerId: null },
      capacity: 60,
      costMillions: 60,
    },
    start: "1398/10/15",
    end: "1398/11/06",
    sessions: weekly("1398/10/15", 4),
    who: [
      { from: "people", count: 14 },
      { from: "public", count: 22 },
    ],
    held: { share: 0.8, sessions: 0.85 },
    certificates: true,
  },
  {
    clusterKey: "qom-clothing",
    programme: "دوره‌های آموزشی مجازی",
    input: {
      kind: "training",
      title: "دوره مجازی مدیریت تولید و کنترل کیفیت پوشاک",
      online: true,
      onlineLink: "https://meet.example.ir/qom-production",
      details: { hours: 9, mode: "virtual", trainerId: null },
      capacity: 60,
      costMillions: 45,
    },
    start: "1399/02/10",
    end: "1399/02/24",
    sessions: weekly("1399/02/10", 3),
    who: [
      { from: "people", count: 12 },
      { from: "public", count: 18 },
    ],
    held: { share: 0.75, sessions: 0.9 },
  },
  {
    clusterKey: "qom-clothing",
    programme: "تورهای بازدید از کارخانجات پوشاک",
    input: {
      kind: "tour",
      title: "تور بازدید از کارخانجات پوشاک تهران",
      place: "شهرک صنعتی عباس‌آباد تهران",
      details: { scope: "domestic", destinations: ["تهران"] },
      capacity: 25,
      costMillions: 90,
    },
    start: "1398/12/05",
    who: [
      { from: "people", count: 10 },
      { from: "public", count: 12 },
    ],
    held: { share: 0.9 },
  },
  {
    clusterKey: "qom-clothing",
    programme: "مطالعه بازار پوشاک",
    input: {
      kind: "market_study",
      title: "مطالعه بازار پوشاک کشورهای پیشرو: چین، بنگلادش و ترکیه",
      organiser: "تیم توسعه خوشه پوشاک قم",
      details: { countries: ["CN", "BD", "TR"] },
      costMillions: 400,
    },
    start: "1399/01/15",
    end: "1399/06/15",
  },
  {
    clusterKey: "qom-clothing",
    programme: "اکسپو دبی",
    input: {
      kind: "tour",
      title: "تور خارجی بازدید از اکسپو ۲۰۲۰ دبی",
      place: "دبی",
      details: { scope: "foreign", destinations: ["دبی"] },
      capacity: 20,
      costMillions: 1200,
    },
    start: "1400/09/20",
    end: "1400/09/25",
    who: [
      { from: "people", count: 8 },
      { from: "public", count: 10 },
    ],
    held: { share: 1 },
  },
  {
    clusterKey: "qom-clothing",
    programme: "کتاب جامع",
    input: {
      kind: "publication",
      title: "کتاب جامع صنعت پوشاک",
      details: { form: "book" },
      costMillions: 350,
    },
    start: "1400/08/01",
    end: "1401/03/31",
  },
  {
    clusterKey: "qom-clothing",
    programme: "پیشکسوتان",
    input: {
      kind: "publication",
      title: "کتاب پیشکسوتان و کارآفرینان برتر پوشاک استان قم",
      details: { form: "book" },
      costMillions: 250,
    },
    start: "1400/10/01",
    end: "1401/04/31",
  },
  {
    clusterKey: "qom-clothing",
    programme: "نخستین همایش",
    input: {
      kind: "conference",
      title: "نخستین همایش صنعت پوشاک قم",
      place: "سالن همایش‌های اتاق بازرگانی قم",
      details: {},
      capacity: 300,
      costMillions: 900,
    },
    start: "1401/03/10",
    who: [
      { from: "people", count: 18 },
      { from: "public", count: 90 },
    ],
    held: { share: 0.85 },
  },
  {
    clusterKey: "qom-clothing",
    input: {
      kind: "training",
      title: "دوره حضوری الگوسازی و برش صنعتی",
      place: QOM_PLACE,
      details: { hours: 16, mode: "in_person", trainerId: null },
      capacity: 20,
      costMillions: 80,
    },
    start: 20,
    end: 41,
    sessions: [20, 27, 34, 41].map((on) => ({ on, from: "16:00", to: "20:00" })),
    // Two more than the seats: they wait.
    who: [
      { from: "people", count: 12 },
      { from: "public", count: 10 },
    ],
  },

  // ----- Khorasan clothing
  {
    clusterKey: "kr-clothing",
    programme: "شیک آپ",
    input: {
      kind: "startup_event",
      title: "رویداد استارتاپی «شیک آپ»",
      description: "شناسایی و معرفی صاحبان ایده‌های نو در مد و پوشاک و به‌هم‌رسانی آن‌ها با سرمایه‌گذاران.",
      place: "مرکز نوآوری مشهد",
      details: {},
      capacity: 200,
      costMillions: 1500,
    },
    start: "1402/09/20",
    end: "1402/09/21",
    who: [
      { from: "people", count: 30, role: "designer" },
      { from: "public", count: 40 },
    ],
    held: { share: 0.9 },
  },
  {
    clusterKey: "kr-clothing",
    programme: "برندسازی",
    input: {
      kind: "training",
      title: "دوره آموزشی برندسازی در صنعت مد و پوشاک",
      place: KR_PLACE,
      details: { hours: 12, mode: "in_person", trainerId: null },
      capacity: 120,
      costMillions: 400,
    },
    start: "1402/08/01",
    end: "1402/08/15",
    sessions: weekly("1402/08/01", 3, "15:00", "19:00"),
    // The first 95 of the 150 (course people, in the order below).
    who: [{ from: "people", count: 95, role: "course:0" }],
    held: { share: 1, sessions: 0.9 },
    certificates: true,
  },
  {
    clusterKey: "kr-clothing",
    programme: "روندشناسی",
    input: {
      kind: "training",
      title: "دوره آموزشی سبک‌شناسی و روندشناسی مد",
      place: KR_PLACE,
      details: { hours: 12, mode: "in_person", trainerId: null },
      capacity: 120,
      costMillions: 350,
    },
    start: "1402/09/01",
    end: "1402/09/15",
    sessions: weekly("1402/09/01", 3, "15:00", "19:00"),
    // The last 90 of the 150: 35 came to both courses.
    who: [{ from: "people", count: 90, role: "course:60" }],
    held: { share: 1, sessions: 0.9 },
  },
  {
    clusterKey: "kr-clothing",
    programme: "ایران مد",
    input: {
      kind: "exhibition",
      title: "برپایی غرفه واحدهای تولیدی در نمایشگاه ایران مد",
      place: "محل دائمی نمایشگاه‌های بین‌المللی تهران",
      details: { name: "نمایشگاه ایران مد", form: "booth", areaM2: 96, enterpriseIds: [] },
      costMillions: 600,
    },
    start: "1402/10/05",
    end: "1402/10/09",
  },
  {
    clusterKey: "kr-clothing",
    programme: "پوشاک قم",
    input: {
      kind: "tour",
      title: "تور صنعتی بازدید از واحدهای پوشاک قم",
      details: { scope: "domestic", destinations: ["قم"] },
      capacity: 30,
      costMillions: 300,
    },
    start: "1402/08/20",
    end: "1402/08/21",
    who: [{ from: "people", count: 26, role: "enterprise" }],
    held: { share: 0.95 },
  },
  {
    clusterKey: "kr-clothing",
    programme: "پوشاک البرز",
    input: {
      kind: "tour",
      title: "تور صنعتی بازدید از واحدهای پوشاک البرز",
      details: { scope: "domestic", destinations: ["کرج"] },
      capacity: 30,
      costMillions: 300,
    },
    start: "1402/09/12",
    end: "1402/09/13",
    who: [{ from: "people", count: 24, role: "enterprise" }],
    held: { share: 0.95 },
  },
  {
    clusterKey: "kr-clothing",
    programme: "پاویون",
    input: {
      kind: "exhibition",
      title: "پاویون خوشه در نمایشگاه پوشاک و نساجی مشهد",
      place: "نمایشگاه بین‌المللی مشهد",
      details: { name: "نمایشگاه پوشاک و نساجی مشهد", form: "pavilion", areaM2: 320, enterpriseIds: [] },
      costMillions: 900,
    },
    start: "1402/11/10",
    end: "1402/11/13",
  },
  {
    clusterKey: "kr-clothing",
    input: {
      kind: "training",
      title: "دوره آموزشی صادرات پوشاک به افغانستان، عراق و ترکمنستان",
      place: KR_PLACE,
      details: { hours: 8, mode: "in_person", trainerId: null },
      capacity: 40,
      costMillions: 120,
    },
    start: 25,
    end: 32,
    sessions: [25, 32].map((on) => ({ on, from: "15:00", to: "19:00" })),
    who: [{ from: "people", count: 18, role: "enterprise" }],
  },

  // ----- Zanjan: Hidaj footwear
  {
    clusterKey: "zn-shoes",
    input: {
      kind: "tour",
      title: "تور بازدید از نمایشگاه بین‌المللی کفش و چرم استانبول",
      details: { scope: "foreign", destinations: ["استانبول"] },
      capacity: 15,
      costMillions: 900,
    },
    start: "1403/02/20",
    end: "1403/02/24",
    who: [
      { from: "people", count: 6 },
      { from: "public", count: 6 },
    ],
    held: { share: 1 },
  },
  {
    clusterKey: "zn-shoes",
    input: {
      kind: "tour",
      title: "تور بازدید از نمایشگاه صنعت کفش تهران",
      details: { scope: "domestic", destinations: ["تهران"] },
      capacity: 30,
      costMillions: 150,
    },
    start: "1403/08/12",
    who: [
      { from: "people", count: 7 },
      { from: "public", count: 15 },
    ],
    held: { share: 0.9 },
  },
  {
    clusterKey: "zn-shoes",
    input: {
      kind: "training",
      title: "دوره تخصصی مدلسازی کفش",
      place: HIDAJ_PLACE,
      details: { hours: 24, mode: "in_person", trainerId: null },
      capacity: 20,
      costMillions: 180,
    },
    start: "1403/10/06",
    end: "1403/10/27",
    sessions: weekly("1403/10/06", 4, "09:00", "15:00"),
    who: [
      { from: "people", count: 6 },
      { from: "public", count: 12 },
    ],
    held: { share: 0.9, sessions: 0.85 },
    certificates: true,
  },
  {
    clusterKey: "zn-shoes",
    input: {
      kind: "training",
      title: "دوره پیشرفته مدلسازی و الگوی کفش با نرم‌افزار",
      place: HIDAJ_PLACE,
      details: { hours: 18, mode: "in_person", trainerId: null },
      capacity: 16,
      costMillions: 160,
    },
    start: 15,
    end: 29,
    sessions: [15, 22, 29].map((on) => ({ on, from: "09:00", to: "15:00" })),
    who: [
      { from: "people", count: 5 },
      { from: "public", count: 6 },
    ],
  },

  // ----- Qazvin packaging
  {
    clusterKey: "qz-packaging",
    programme: "جلسات توجیهی",
    input: {
      kind: "meeting",
      title: "جلسات توجیهی دوهفته‌یک‌بار اعضای خوشه",
      place: QZ_PLACE,
      details: { recurrence: "biweekly" },
      costMillions: 0,
    },
    start: "1391/09/20",
    end: addDays(jalali("1391/09/20"), 7 * 14),
    sessions: biweekly("1391/09/20", 8),
    who: [{ from: "people", count: 20 }],
    held: { share: 0.9, sessions: 0.7 },
  },
  {
    clusterKey: "qz-packaging",
    programme: "کالای ایرانی",
    input: {
      kind: "conference",
      title: "همایش سراسری مصرف کالای ایرانی",
      place: "تهران",
      details: {},
      capacity: 40,
      costMillions: 250,
    },
    start: "1391/10/15",
    who: [{ from: "people", count: 15 }],
    held: { share: 0.9 },
  },
  {
    clusterKey: "qz-packaging",
    programme: "کالای ایرانی",
    input: {
      kind: "exhibition",
      title: "غرفه اعضای خوشه در همایش سراسری مصرف کالای ایرانی",
      place: "تهران",
      details: { name: "همایش سراسری مصرف کالای ایرانی", form: "booth", areaM2: 36, enterpriseIds: [] },
      costMillions: 150,
    },
    start: "1391/10/15",
  },
  {
    clusterKey: "qz-packaging",
    programme: "ایران اکسپو",
    input: {
      kind: "exhibition",
      title: "حضور اعضا در نمایشگاه بین‌المللی ایران اکسپو",
      place: "محل دائمی نمایشگاه‌های بین‌المللی تهران",
      details: { name: "ایران اکسپو", form: "booth", areaM2: 72, enterpriseIds: [] },
      costMillions: 900,
    },
    start: "1392/02/10",
    end: "1392/02/13",
  },
  {
    clusterKey: "qz-packaging",
    programme: "فرهنگ‌سازی",
    input: {
      kind: "publication",
      title: "مقاله توسعه خوشه کسب و کار بسته‌بندی در مجله تعاون پلاست",
      details: { form: "article" },
      costMillions: 0,
    },
    start: "1392/01/20",
  },
  {
    clusterKey: "qz-packaging",
    programme: "فرهنگ‌سازی",
    input: {
      kind: "publication",
      title: "مقاله در مجله توسعه و فن‌آوری صنعت بسته‌بندی",
      details: { form: "article" },
      costMillions: 0,
    },
    start: "1392/02/25",
  },
  {
    clusterKey: "qz-packaging",
    programme: "ترکیه",
    input: {
      kind: "market_study",
      title: "بررسی موردی موفقیت‌های ترکیه در صنعت بسته‌بندی",
      details: { countries: ["TR"] },
      costMillions: 250,
    },
    start: "1391/12/01",
    end: "1392/03/31",
  },
  {
    clusterKey: "qz-packaging",
    programme: "کارگاه‌های بسته‌بندی",
    input: {
      kind: "workshop",
      title: "کارگاه بسته‌بندی با رویکرد توسعه بازار: تجربه ترکیه",
      place: QZ_PLACE,
      details: {},
      capacity: 40,
      costMillions: 120,
    },
    start: "1392/03/15",
    who: [
      { from: "people", count: 18 },
      { from: "public", count: 8 },
    ],
    held: { share: 0.85 },
  },
  {
    clusterKey: "qz-packaging",
    programme: "کارگاه‌های بسته‌بندی",
    input: {
      kind: "workshop",
      title: "کارگاه طراحی بسته‌بندی صادراتی",
      place: QZ_PLACE,
      details: {},
      capacity: 40,
      costMillions: 120,
    },
    start: "1392/05/20",
    who: [
      { from: "people", count: 16 },
      { from: "public", count: 6 },
    ],
    held: { share: 0.85 },
  },
];

/**
 * Khorasan's course people beyond the members' demo: producers and the fabric
 * suppliers' staff at its member firms (a person's employer is an enterprise
 * in the directory), and sellers, the clothing shops' salespeople (marketers).
 */
const KR_COURSE_PEOPLE = { producers: 52, suppliers: 25, sellers: 25 } as const;

/**
 * The services run inside the demo's one transaction: a database whose
 * transaction() hands them the demo's own, so a failure still leaves the
 * database empty for the next start to try again.
 */
function depsIn(trx: Kysely<DB>, dialect: Deps["database"]["dialect"]): Deps {
  const db = new Proxy(trx, {
    get(t, p) {
      if (p === "transaction") return () => ({ execute: <T>(fn: (x: Kysely<DB>) => Promise<T>) => fn(t) });
      const v = Reflect.get(t, p, t) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  return {
    database: { db, dialect, describe: "demo", close: async () => {} },
    // The defaults (no environment): the services' mails need an address for their links; the
    // mails themselves are not kept (see loadActivitiesDemo's end).
    config: loadConfig({}),
    mailer: { configured: false, send: async () => ({ message: "demo", permanent: true }), close: () => {} },
  };
}

/** Adds Khorasan's course people who are not in the members' demo, with their roles; their ids in role order. */
async function addCoursePeople(
  trx: Kysely<DB>,
  clusterId: string,
  now: string,
): Promise<{ producers: string[]; suppliers: string[]; sellers: string[] }> {
  const rng = new DemoRng(1402);
  const firms = (
    await trx
      .selectFrom("cluster_actors")
      .select("actor_id")
      .where("cluster_id", "=", clusterId)
      .where("kind", "=", "enterprise")
      .where("status", "=", "member")
      .orderBy("name_sort")
      .execute()
  ).map((r) => r.actor_id);
  const firm = () => (firms.length > 0 ? rng.pick(firms) : null);
  let serial = 0;
  const people = async (n: number, employer: () => string | null, jobTitle: string, skill?: "marketer") => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      await trx
        .insertInto("actors")
        .values({
          id,
          kind: "person",
          name,
          name_norm: normalizeFa(name),
          name_sort: sortKeyFa(name),
          search_norm: actorSearchText(name, ["مشهد"]),
          province_code: "IR-09",
          city: "مشهد",
          city_norm: normalizeFa("مشهد"),
          mobile: `0915${String(4_200_000 + serial++).padStart(7, "0")}`,
          notes: ILLUSTRATIVE,
          published: 0,
          published_fields: "[]",
          created_at: now,
          updated_at: now,
          created_by: null,
        })
        .execute();
      await trx
        .insertInto("people")
        .values({ id, enterprise_id: employer(), national_id: null, job_title: jobTitle, bio: null })
        .execute();
      if (skill) await trx.insertInto("person_skills").values({ person_id: id, skill }).execute();
      await trx
        .insertInto("cluster_actors")
        .values({
          cluster_id: clusterId,
          actor_id: id,
          kind: "person",
          status: "member",
          joined_on: jalali("1402/07/20"),
          left_on: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      ids.push(id);
    }
    return ids;
  };
  return {
    producers: await people(KR_COURSE_PEOPLE.producers, firm, "مدیر تولید"),
    suppliers: await people(KR_COURSE_PEOPLE.suppliers, firm, "کارشناس تأمین پارچه و مواد اولیه"),
    sellers: await people(KR_COURSE_PEOPLE.sellers, () => null, "فروشنده پوشاک", "marketer"),
  };
}

/** Loads the demo's activities; returns how many activities, registrations, check-ins, certificates and survey answers it wrote. */
export async function loadActivitiesDemo(
  trx: Kysely<DB>,
  dialect: Deps["database"]["dialect"],
  clusterIds: Map<string, { id: string; provinceCode: string }>,
  now: string,
  today: string,
): Promise<{ activities: number; registrations: number; checkIns: number; certificates: number; surveys: number }> {
  const deps = depsIn(trx, dialect);
  const rng = new DemoRng(11);
  // Days from today, ISO dates (a series' sessions) or Jalali dates as the reports give them.
  const day = (d: string | number) =>
    typeof d === "number" ? addDays(today, d) : /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : jalali(d);

  const kr = clusterIds.get("kr-clothing")!.id;
  const added = await addCoursePeople(trx, kr, now);

  // The clusters' people (members), each with the first of their skills, or how they are employed.
  const peopleOf = new Map<string, { id: string; role: string }[]>();
  for (const { id: clusterId } of clusterIds.values()) {
    const rows = await trx
      .selectFrom("cluster_actors as ca")
      .innerJoin("people", "people.id", "ca.actor_id")
      .leftJoin("actors as employer", "employer.id", "people.enterprise_id")
      .select(["people.id", "employer.kind as employerKind"])
      .where("ca.cluster_id", "=", clusterId)
      .where("ca.kind", "=", "person")
      .where("ca.status", "=", "member")
      .orderBy("ca.name_sort")
      .execute();
    if (rows.length === 0) continue;
    const skills = await trx
      .selectFrom("person_skills")
      .select(["person_id", "skill"])
      .where(
        "person_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    const skillOf = new Map<string, string>();
    for (const s of skills) if (!skillOf.has(s.person_id)) skillOf.set(s.person_id, s.skill);
    peopleOf.set(
      clusterId,
      rows.map((r) => ({
        id: r.id,
        role: skillOf.get(r.id) ?? (r.employerKind === "enterprise" ? "enterprise" : "other"),
      })),
    );
  }
  // The 150 of Khorasan's courses, in order: 48 designers, then producers, suppliers, sellers (plus
  // two of the pattern makers, so the two courses' union is exactly 150).
  const krDesigners = (peopleOf.get(kr) ?? []).filter((p) => p.role === "designer").map((p) => p.id);
  const krPattern = (peopleOf.get(kr) ?? []).filter((p) => p.role === "pattern_maker").map((p) => p.id);
  const course = [...krDesigners, ...added.producers, ...added.suppliers, ...added.sellers];
  course.push(...krPattern.slice(0, Math.max(0, 150 - course.length)));
  const coursePeople = course.slice(0, 150);

  const enterprisesOf = async (clusterId: string, n: number) =>
    (
      await trx
        .selectFrom("cluster_actors")
        .select("actor_id")
        .where("cluster_id", "=", clusterId)
        .where("kind", "=", "enterprise")
        .where("status", "=", "member")
        .orderBy("name_sort")
        .limit(n)
        .execute()
    ).map((r) => r.actor_id);

  let activities = 0;
  let registrations = 0;
  let checkIns = 0;
  let certificates = 0;
  let surveys = 0;
  let publicSerial = 0;
  for (const d of DEMO_ACTIVITIES) {
    const clusterId = clusterIds.get(d.clusterKey)!.id;
    let programmeId: string | null = null;
    if (d.programme) {
      const p = await trx
        .selectFrom("planning_programmes")
        .select("id")
        .where("cluster_id", "=", clusterId)
        .where("title", "like", `%${d.programme}%`)
        .orderBy("start_date")
        .executeTakeFirst();
      if (!p) throw new Error(`demo activities: no programme «${d.programme}» in ${d.clusterKey}`);
      programmeId = p.id;
    }
    const { costMillions, ...fields } = d.input;
    const startDate = day(d.start);
    const sessions = (d.sessions ?? []).map((s) => ({ startsOn: day(s.on), startTime: s.from, endTime: s.to }));
    let details = fields.details;
    if (fields.kind === "exhibition") {
      details = {
        ...fields.details,
        enterpriseIds: await enterprisesOf(clusterId, fields.details.form === "pavilion" ? 12 : 5),
      };
    }
    // Parsed as the API parses a request: the same defaults and checks.
    const input: ActivityInputT = ActivityInput.parse({
      ...fields,
      details,
      startDate,
      endDate: d.end === undefined ? startDate : day(d.end),
      sessions,
      programmeId,
      status: "planned",
      ...costOf(costMillions ?? 0),
    });
    const created = await createActivity(deps, SYSTEM_ACTOR, clusterId, input);
    activities++;

    // Registrations: the people asked for, then public names, in batches the API takes.
    const registered: string[] = [];
    const taken = new Set<string>();
    for (const w of d.who ?? []) {
      let people: { personId: string }[] | { name: string; mobile: string }[];
      if (w.from === "people") {
        let ids: string[];
        if (w.role?.startsWith("course:")) {
          const from = Number(w.role.slice(7));
          ids = coursePeople.slice(from, from + w.count);
        } else {
          const pool = (peopleOf.get(clusterId) ?? []).filter(
            (p) => !taken.has(p.id) && (!w.role || p.role === w.role),
          );
          ids = rng.sample(pool, w.count).map((p) => p.id);
        }
        for (const id of ids) taken.add(id);
        people = ids.map((personId) => ({ personId }));
      } else {
        people = Array.from({ length: w.count }, () => ({
          name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
          mobile: `0912${String(7_300_000 + publicSerial++).padStart(7, "0")}`,
        }));
      }
      for (let i = 0; i < people.length; i += 100) {
        const batch = people.slice(i, i + 100) as { personId: string }[];
        const out = await register(deps, SYSTEM_ACTOR, created.id, { people: batch, sessionId: null });
        for (const r of out.items) if (r.status === "accepted") registered.push(r.id);
        registrations += out.items.length;
      }
    }
    const past = input.endDate < today;
    if (!past) continue;

    // Held: those who came checked in at each session they attended (the first one always).
    const list = created.sessions.length > 0 ? created.sessions.map((s) => s.id) : [null];
    const came: string[] = [];
    for (const registrationId of d.held ? registered : []) {
      if (!rng.chance(d.held!.share)) continue;
      came.push(registrationId);
      const first = rng.int(0, list.length - 1);
      for (const [k, sessionId] of list.entries()) {
        if (k !== first && !rng.chance(d.held!.sessions ?? 1)) continue;
        await checkIn(deps, SYSTEM_ACTOR, created.id, { registrationId, sessionId });
        checkIns++;
      }
    }
    // About two in five who came answered the satisfaction survey (paper forms the office entered).
    for (const registrationId of came) {
      if (!rng.chance(0.4)) continue;
      const score = rng.pick([5, 5, 4, 4, 4, 3, 2]);
      const comment = rng.chance(0.3) ? rng.pick(SURVEY_COMMENTS[score >= 4 ? "good" : "fair"]) : null;
      await answerSurvey(deps, SYSTEM_ACTOR, registrationId, { score, comment });
      surveys++;
    }
    if (d.certificates) {
      await putCertificateSettings(deps, SYSTEM_ACTOR, created.id, {
        minAttendancePercent: 75,
        signatories: [{ name: "دبیر خوشه", title: "عامل توسعه خوشه" }],
      });
      const issued = await issueCertificates(deps, SYSTEM_ACTOR, created.id, { allEligible: true, mail: false }, "");
      certificates += issued.issued.length;
    }
    await updateActivity(deps, SYSTEM_ACTOR, created.id, {
      ...input,
      status: "done",
      sessions: created.sessions.map((s) => ({
        id: s.id,
        startsOn: s.startsOn,
        startTime: s.startTime,
        endTime: s.endTime,
      })),
    });
  }
  // The demo is history: the confirmations and certificates its registrations wrote to the outbox
  // (kept, with no mailer) were never sent, and would fill an administrator's outbox. The database
  // was empty when the demo began, so the outbox holds only the demo's mails.
  await trx.deleteFrom("outbox").execute();
  return { activities, registrations, checkIns, certificates, surveys };
}
