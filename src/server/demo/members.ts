/**
 * The demo's members and stakeholders, drawn from the source reports
 * (shared/seeds): what each report says a cluster holds, filled out with
 * generated firms, people and institutions so the screens are real.
 *
 *   Qazvin packaging: about 300 firms in the four product groups the
 *     secretariat names (polymer, cellulose, glass, metal), the Tehran
 *     province plastics cooperative and the union of nationwide supply
 *     cooperatives it met about joint purchase of raw materials, and the
 *     social systems and relations it identified (the links).
 *   Qom clothing: producers, the fabric suppliers of its soft supply network,
 *     the clothing producers' union, the industrial estates company.
 *   Khorasan (Mashhad) clothing: the designer database («بانک اطلاعاتی و
 *     شناسنامه طراحان پوشاک»): people with the designer skill, and the
 *     export consortium being formed.
 *   Zanjan hand-made carpet: the export consortium's 15 traders and
 *     producers, and others.
 *   Hidaj shoes: workshops and the shoe design and modelling centre.
 *   Isfahan: an institution of every kind the Isfahan report names, serving
 *     its developed clusters.
 *
 * The reports name the clusters, the union, the cooperatives and the
 * centres; every firm's and person's name below is generated, and its notes
 * say so («نام نمایشی»). Deterministic: a fixed seed, so every demo load is
 * the same.
 */
import type { InstitutionKind, MembershipStatus, Skill } from "../../core/members";
import type { RelationshipType } from "../../core/network";

/** A note on every generated record: the name is illustrative, not a real business or person. */
export const ILLUSTRATIVE = "نام نمایشی است (داده نمونه برای آشنایی با سامانه).";

const Z = "\u200c";

// ----------------------------------------------------------------- a seeded stream

/** mulberry32: the demo's own small deterministic stream (the benchmark's kit is not in the server bundle). */
export class DemoRng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  sample<T>(items: readonly T[], k: number): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a.slice(0, Math.min(k, a.length));
  }
}

// ----------------------------------------------------------------- vocabulary

export const FIRST_NAMES = [
  "محمد",
  "علی",
  "حسین",
  "رضا",
  "مهدی",
  "زهرا",
  "فاطمه",
  "مریم",
  "سارا",
  "نرگس",
  "امیر",
  "حمید",
  "سعید",
  "مجید",
  "الهام",
  "نیلوفر",
  "سمیه",
  "مینا",
  "شیرین",
  "لیلا",
  "محمدرضا",
  "علیرضا",
  "فرشته",
  "یگانه",
  "پیمان",
  "گلاره",
  "کیمیا",
  "یاسمن",
  "مرتضی",
  "هادی",
  "پریسا",
  "کاوه",
];

export const LAST_NAMES = [
  "محمدی",
  "حسینی",
  "رضایی",
  "احمدی",
  "کریمی",
  "موسوی",
  "جعفری",
  "کاظمی",
  "قاسمی",
  "یوسفی",
  "صادقی",
  "حیدری",
  "رحیمی",
  "نوری",
  "اکبری",
  "باقری",
  "مرادی",
  "عباسی",
  "شریفی",
  `حسین${Z}زاده`,
  `علی${Z}پور`,
  `تقی${Z}پور`,
  `نیک${Z}نام`,
  "امیری",
  "کیانی",
  "بهرامی",
  "ملکی",
  "رستمی",
  "چگینی",
  "قزوینی",
  "زنجانی",
  "قمی",
];

/** Trading names firms take (the generated part of a firm's name). */
const BRANDS = [
  "آوا",
  "نگین",
  "البرز",
  "پارسیان",
  "آریا",
  "سپهر",
  "مهرگان",
  "کیمیا",
  "ستاره",
  "نوین",
  "پیشگام",
  "زاگرس",
  "دنا",
  "سپید",
  "الوند",
  "رویا",
  "آرمان",
  "بهار",
  "پرنیان",
  "تابان",
  "درنا",
  "رخشان",
  "سینا",
  "شایان",
  "فراز",
  "کوثر",
  "مانا",
  "نیکان",
  "هامون",
  "یکتا",
  "آسمان",
  "ارغوان",
  "پویا",
  "ترنم",
  "دلارام",
  "رادین",
  "ساحل",
  "طلوع",
  "فرهود",
  "گلستان",
];

// ----------------------------------------------------------------- what each cluster holds

export interface DemoEnterpriseGroup {
  clusterKey: string;
  count: number;
  /** The cluster's product group these firms belong to. */
  productGroup: string;
  products: readonly string[];
  /** How such a firm is named: {b} a brand, {l} a family name, {c} the city. */
  names: readonly string[];
  cities: readonly string[];
  /** Share of statuses among these firms' memberships. */
  statuses?: readonly (readonly [MembershipStatus, number])[];
  capacityUnit?: string;
}

const QZ_CITIES = ["قزوین", "البرز", "تاکستان", "الوند", "آبیک", `بوئین${Z}زهرا`, "محمدیه"];
const QZ_STATUSES = [
  ["member", 82],
  ["applicant", 8],
  ["suspended", 4],
  ["left", 6],
] as const;

export const DEMO_ENTERPRISE_GROUPS: DemoEnterpriseGroup[] = [
  {
    clusterKey: "qz-packaging",
    count: 120,
    productGroup: "پلیمری",
    products: [
      `فیلم پلی${Z}اتیلن`,
      `فیلم چندلایه`,
      `ظروف یکبار مصرف`,
      "بطری PET",
      "کیسه پلاستیکی",
      "پریفرم",
      "سلفون بسته‌بندی",
      "درب پلاستیکی",
    ],
    names: [`بسته${Z}بندی پلیمری {b}`, "پلاستیک {b} {c}", `صنایع بسته${Z}بندی {b}`, "تولیدی فیلم {l}", "پلیمر {b}"],
    cities: QZ_CITIES,
    statuses: QZ_STATUSES,
    capacityUnit: "تن در سال",
  },
  {
    clusterKey: "qz-packaging",
    count: 90,
    productGroup: "سلولزی",
    products: [
      `کارتن سه${Z}لایه`,
      `کارتن پنج${Z}لایه`,
      "جعبه مقوایی",
      "کیسه کاغذی",
      "لیوان کاغذی",
      `ظروف گیاهی یکبار مصرف`,
    ],
    names: [`کارتن${Z}سازی {b}`, "مقوا و کارتن {l}", `صنایع سلولزی {b}`, `جعبه${Z}سازی {b} {c}`],
    cities: QZ_CITIES,
    statuses: QZ_STATUSES,
    capacityUnit: "تن در سال",
  },
  {
    clusterKey: "qz-packaging",
    count: 40,
    productGroup: "شیشه‌ای",
    products: ["بطری شیشه‌ای", "شیشه مربا و کنسرو", "ظروف شیشه‌ای دارویی", "شیشه عطر"],
    names: [`شیشه${Z}گری {b}`, "شیشه {b} {c}", `صنایع شیشه${Z}ای {l}`],
    cities: QZ_CITIES,
    statuses: QZ_STATUSES,
    capacityUnit: "عدد در ماه",
  },
  {
    clusterKey: "qz-packaging",
    count: 50,
    productGroup: "فلزی",
    products: ["قوطی کنسرو", "درب فلزی", "قوطی آئروسل", "بشکه فلزی", "قوطی حلبی روغن"],
    names: [`قوطی${Z}سازی {b}`, "صنایع فلزی {b} {c}", `بسته${Z}بندی فلزی {l}`],
    cities: QZ_CITIES,
    statuses: QZ_STATUSES,
    capacityUnit: "عدد در ماه",
  },
  ...(["پوشاک زنانه", "پوشاک مردانه", "پوشاک کودک"] as const).map(
    (g, i): DemoEnterpriseGroup => ({
      clusterKey: "qom-clothing",
      count: [22, 16, 14][i]!,
      productGroup: g,
      products:
        i === 0
          ? ["مانتو", "چادر", "لباس مجلسی", "شومیز"]
          : i === 1
            ? ["پیراهن مردانه", "شلوار", "کت و شلوار", "لباس کار"]
            : ["لباس نوزاد", "سرهمی کودک", "لباس مدرسه"],
      names: ["تولیدی پوشاک {b}", "پوشاک {b} قم", "تولیدی {l}", "پوشاک {l}"],
      cities: ["قم"],
      statuses: [
        ["member", 85],
        ["applicant", 10],
        ["suspended", 5],
      ],
      capacityUnit: "عدد در ماه",
    }),
  ),
  {
    clusterKey: "kr-clothing",
    count: 45,
    productGroup: "پوشاک",
    products: ["مانتو", "پیراهن مردانه", "لباس کودک", "پوشاک ورزشی", "شلوار جین", "لباس کار"],
    names: ["تولیدی پوشاک {b} مشهد", "پوشاک {b}", "تولیدی {l}", "گروه تولیدی {b}"],
    cities: ["مشهد", "نیشابور"],
    statuses: [
      ["member", 80],
      ["applicant", 15],
      ["left", 5],
    ],
    capacityUnit: "عدد در ماه",
  },
  {
    clusterKey: "zn-carpet",
    count: 15,
    productGroup: "تجارت فرش",
    products: ["فرش دستباف", "فرش ابریشم", "گلیم"],
    names: ["بازرگانی فرش {l}", "تجارت فرش {b} زنجان"],
    cities: ["زنجان"],
  },
  {
    clusterKey: "zn-carpet",
    count: 20,
    productGroup: "تولید فرش",
    products: ["فرش دستباف", "گبه", "گلیم", "قالیچه"],
    names: ["تولیدی فرش دستباف {l}", "کارگاه قالی‌بافی {b}"],
    cities: ["زنجان", "ابهر", "خرمدره"],
    statuses: [
      ["member", 80],
      ["left", 20],
    ],
  },
  {
    clusterKey: "zn-shoes",
    count: 18,
    productGroup: "کفش",
    products: ["کفش دست‌دوز", "کفش چرمی مردانه", "کفش زنانه", "صندل"],
    names: ["کفش {b} هیدج", "تولیدی کفش {l}"],
    cities: ["هیدج"],
    capacityUnit: "جفت در ماه",
  },
  {
    clusterKey: "is-gold",
    count: 20,
    productGroup: "طلا و جواهر",
    products: ["زیورآلات طلا", "ملیله", "انگشتر", "سرویس طلا"],
    names: ["طلا و جواهر {b}", "گالری طلای {l}", "کارگاه زرگری {l}"],
    cities: ["اصفهان"],
  },
];

export interface DemoInstitution {
  key: string;
  name: string;
  kind: InstitutionKind;
  provinceCode: string;
  city: string;
  /** The clusters it serves. */
  clusterKeys: string[];
  description?: string;
  /** Named in a report (not generated). */
  fromReport?: boolean;
}

const QZ = "qz-packaging";
export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    key: "tehran-plastics-coop",
    name: "تعاونی پلاستیک استان تهران",
    kind: "cooperative",
    provinceCode: "IR-23",
    city: "تهران",
    clusterKeys: [QZ],
    description: "دبیرخانه خوشه برای تشکیل شبکه خرید مشترک مواد اولیه پلاستیک با رییس این تعاونی جلسه داشته است.",
    fromReport: true,
  },
  {
    key: "supply-coops-union",
    name: "اتحادیه تعاونی‌های سراسری تأمین نیاز",
    kind: "union",
    provinceCode: "IR-23",
    city: "تهران",
    clusterKeys: [QZ],
    description: "طرف جلسات شبکه خرید مشترک مواد اولیه خوشه بسته‌بندی قزوین.",
    fromReport: true,
  },
  {
    key: "qz-secretariat",
    name: "دبیرخانه خوشه صنعتی بسته‌بندی قزوین",
    kind: "support_institution",
    provinceCode: "IR-26",
    city: "قزوین",
    clusterKeys: [QZ],
    fromReport: true,
  },
  {
    key: "qz-estates",
    name: "شرکت شهرک‌های صنعتی استان قزوین",
    kind: "public_service",
    provinceCode: "IR-26",
    city: "قزوین",
    clusterKeys: [QZ],
    fromReport: true,
  },
  {
    key: "taavon-plast",
    name: "مجله تعاون پلاست",
    kind: "private_association",
    provinceCode: "IR-23",
    city: "تهران",
    clusterKeys: [QZ],
    fromReport: true,
  },
  {
    key: "packaging-journal",
    name: "مجله توسعه و فن‌آوری صنعت بسته‌بندی",
    kind: "private_association",
    provinceCode: "IR-23",
    city: "تهران",
    clusterKeys: [QZ],
    fromReport: true,
  },
  {
    key: "qz-resin",
    name: "پخش مواد پلیمری البرز",
    kind: "supplier",
    provinceCode: "IR-26",
    city: "البرز",
    clusterKeys: [QZ],
  },
  {
    key: "qz-paper",
    name: "تأمین کاغذ و مقوای قزوین",
    kind: "supplier",
    provinceCode: "IR-26",
    city: "قزوین",
    clusterKeys: [QZ],
  },
  {
    key: "qz-tinplate",
    name: "بازرگانی ورق حلب پارسیان",
    kind: "supplier",
    provinceCode: "IR-23",
    city: "تهران",
    clusterKeys: [QZ],
  },
  {
    key: "qz-machines",
    name: "ماشین‌آلات بسته‌بندی سپهر",
    kind: "machinery_supplier",
    provinceCode: "IR-26",
    city: "قزوین",
    clusterKeys: [QZ],
  },
  {
    key: "qz-food",
    name: "صنایع غذایی زرین (خریدار بسته‌بندی)",
    kind: "buyer",
    provinceCode: "IR-26",
    city: "تاکستان",
    clusterKeys: [QZ],
  },
  {
    key: "qz-transport",
    name: "حمل‌ونقل جاده‌ای آراسنج",
    kind: "transport",
    provinceCode: "IR-26",
    city: "قزوین",
    clusterKeys: [QZ],
  },
  {
    key: "qom-union",
    name: "اتحادیه تولیدکنندگان پوشاک قم",
    kind: "union",
    provinceCode: "IR-25",
    city: "قم",
    clusterKeys: ["qom-clothing"],
    description: "همراه شرکت شهرکهای صنعتی و تیم توسعه خوشه پیگیر تجمیع واحدهای پوشاک قم.",
    fromReport: true,
  },
  {
    key: "qom-estates",
    name: "شرکت شهرکهای صنعتی قم",
    kind: "public_service",
    provinceCode: "IR-25",
    city: "قم",
    clusterKeys: ["qom-clothing"],
    fromReport: true,
  },
  {
    key: "qom-supply-net",
    name: "شبکه نرم تأمین مواد اولیه خوشه پوشاک قم",
    kind: "mutual_help_group",
    provinceCode: "IR-25",
    city: "قم",
    clusterKeys: ["qom-clothing"],
    description: "از دستاوردهای سال دوم: خرید مشترک مواد اولیه اعضای خوشه.",
    fromReport: true,
  },
  ...["پارچه", "نخ و یراق", "دکمه و زیپ", "پارچه چادری", "لوازم خیاطی"].map(
    (what, i): DemoInstitution => ({
      key: `qom-supplier-${i}`,
      name: `تأمین ${what} ${["آوا", "نگین", "سپهر", "کوثر", "یکتا"][i]} قم`,
      kind: "supplier",
      provinceCode: "IR-25",
      city: "قم",
      clusterKeys: ["qom-clothing"],
    }),
  ),
  {
    key: "qom-training",
    name: "آموزشگاه فنی و حرفه‌ای خیاطی قم",
    kind: "support_institution",
    provinceCode: "IR-25",
    city: "قم",
    clusterKeys: ["qom-clothing"],
  },
  {
    key: "kr-union",
    name: "اتحادیه تولیدکنندگان پوشاک مشهد",
    kind: "union",
    provinceCode: "IR-09",
    city: "مشهد",
    clusterKeys: ["kr-clothing"],
  },
  {
    key: "kr-consortium",
    name: "کنسرسیوم صادراتی پوشاک خراسان رضوی",
    kind: "exporter",
    provinceCode: "IR-09",
    city: "مشهد",
    clusterKeys: ["kr-clothing"],
    description: "در سال دوم تشکیل؛ صادرات پوشاک استان در ۱۴۰۰ به افغانستان، عراق و ترکمنستان.",
    fromReport: true,
  },
  {
    key: "kr-office",
    name: "دفتر توسعه خوشه‌های کسب و کار خراسان رضوی",
    kind: "support_institution",
    provinceCode: "IR-09",
    city: "مشهد",
    clusterKeys: ["kr-clothing"],
    fromReport: true,
  },
  {
    key: "kr-designers",
    name: "انجمن طراحان مد و لباس خراسان",
    kind: "private_association",
    provinceCode: "IR-09",
    city: "مشهد",
    clusterKeys: ["kr-clothing"],
  },
  {
    key: "zn-consortium",
    name: "کنسرسیوم صادراتی فرش دستباف زنجان",
    kind: "exporter",
    provinceCode: "IR-19",
    city: "زنجان",
    clusterKeys: ["zn-carpet"],
    description: "۱۵ تاجر و تولیدکننده عضو این کنسرسیوم هستند.",
    fromReport: true,
  },
  {
    key: "zn-chamber",
    name: "اتاق بازرگانی زنجان",
    kind: "support_institution",
    provinceCode: "IR-19",
    city: "زنجان",
    clusterKeys: ["zn-carpet"],
    fromReport: true,
  },
  {
    key: "zn-estates",
    name: "شرکت شهرکهای صنعتی استان زنجان",
    kind: "public_service",
    provinceCode: "IR-19",
    city: "زنجان",
    clusterKeys: ["zn-carpet", "zn-shoes", "zn-zinc"],
    fromReport: true,
  },
  {
    key: "zn-shoe-centre",
    name: "مرکز طراحی و مدلسازی کفش هیدج",
    kind: "support_institution",
    provinceCode: "IR-19",
    city: "هیدج",
    clusterKeys: ["zn-shoes"],
    description: "سایت تخصصی طراحی و مدلسازی کفش: دوره‌های مدلسازی و خدمات مشاوره.",
    fromReport: true,
  },
  // One of each kind the Isfahan report names, serving the province's developed clusters.
  ...(
    [
      ["supplier", "تأمین شمش و فلزات گرانبهای نقش جهان"],
      ["subcontractor", "پیمانکاری ریخته‌گری و پرداخت طلای سپاهان"],
      ["buyer", "فروشگاه‌های زنجیره‌ای طلای چهارباغ"],
      ["exporter", "بازرگانی صادراتی زاینده‌رود"],
      ["machinery_supplier", "ماشین‌آلات زرگری و جواهرسازی آریا"],
      ["support_institution", "مرکز رشد صنایع دستی و زیورآلات اصفهان"],
      ["consultant", "شرکت مشاوران توسعه کسب‌وکار سپاهان"],
      ["union", "اتحادیه طلا و جواهر اصفهان"],
      ["mutual_help_group", "گروه همیار زرگران بازار اصفهان"],
      ["cooperative", "تعاونی تأمین مواد اولیه زرگران اصفهان"],
      ["private_association", "انجمن سازندگان طلا و جواهر اصفهان"],
      ["public_service", "شرکت شهرکهای صنعتی استان اصفهان"],
      ["transport", "حمل و نقل ارزشمند امین اصفهان"],
      ["financial_institution", "صندوق ضمانت سرمایه‌گذاری صنایع کوچک، شعبه اصفهان"],
    ] as const
  ).map(
    ([kind, name]): DemoInstitution => ({
      key: `is-${kind}`,
      name,
      kind,
      provinceCode: "IR-10",
      city: "اصفهان",
      clusterKeys:
        kind === "public_service" || kind === "consultant" ? ["is-gold", "is-stone", "is-brick"] : ["is-gold"],
      fromReport: kind === "public_service",
    }),
  ),
];

export interface DemoPeopleGroup {
  clusterKey: string;
  count: number;
  /** Skills every person of the group has; a second one may be drawn from `extra`. */
  skills: readonly Skill[];
  extra?: readonly Skill[];
  city: string;
  provinceCode: string;
  /** Share who work for one of the cluster's firms. */
  staff: number;
  portfolio?: boolean;
  jobTitles?: readonly string[];
}

export const DEMO_PEOPLE_GROUPS: DemoPeopleGroup[] = [
  // Khorasan's designer database.
  {
    clusterKey: "kr-clothing",
    count: 48,
    skills: ["designer"],
    extra: ["pattern_maker", "trainer", "marketer"],
    city: "مشهد",
    provinceCode: "IR-09",
    staff: 0.4,
    portfolio: true,
    jobTitles: ["طراح لباس", "طراح ارشد", "طراح آزاد"],
  },
  {
    clusterKey: "kr-clothing",
    count: 12,
    skills: ["pattern_maker"],
    extra: ["technician"],
    city: "مشهد",
    provinceCode: "IR-09",
    staff: 0.7,
  },
  {
    clusterKey: "kr-clothing",
    count: 6,
    skills: ["trainer"],
    extra: ["consultant"],
    city: "مشهد",
    provinceCode: "IR-09",
    staff: 0,
  },
  {
    clusterKey: "qom-clothing",
    count: 10,
    skills: ["designer"],
    extra: ["pattern_maker"],
    city: "قم",
    provinceCode: "IR-25",
    staff: 0.6,
    portfolio: true,
  },
  {
    clusterKey: "qom-clothing",
    count: 8,
    skills: ["trainer"],
    extra: ["consultant", "marketer"],
    city: "قم",
    provinceCode: "IR-25",
    staff: 0,
  },
  {
    clusterKey: "qz-packaging",
    count: 30,
    skills: ["technician"],
    extra: ["manager", "marketer", "export_specialist"],
    city: "قزوین",
    provinceCode: "IR-26",
    staff: 0.9,
    jobTitles: ["مدیر تولید", "کارشناس کنترل کیفیت", "مدیر فروش"],
  },
  {
    clusterKey: "qz-packaging",
    count: 6,
    skills: ["consultant"],
    extra: ["researcher", "trainer"],
    city: "قزوین",
    provinceCode: "IR-26",
    staff: 0,
  },
  {
    clusterKey: "zn-shoes",
    count: 8,
    skills: ["designer"],
    extra: ["pattern_maker", "craftsperson"],
    city: "هیدج",
    provinceCode: "IR-19",
    staff: 0.5,
    portfolio: true,
  },
  {
    clusterKey: "zn-carpet",
    count: 10,
    skills: ["craftsperson"],
    extra: ["designer"],
    city: "زنجان",
    provinceCode: "IR-19",
    staff: 0.5,
  },
];

/** How links run in a cluster's network, by what is at each end. */
export interface DemoLinkRule {
  clusterKey: string;
  /** "group:<product group>", "inst:<institution key>", "kind:person", or "any". */
  from: string;
  to: string;
  type: RelationshipType;
  /** Links from each actor at the from end (or a total when `total`). */
  perActor?: number;
  total?: number;
  /** Share of the from end that has the link (for per-actor rules). */
  share?: number;
}

export const DEMO_LINK_RULES: DemoLinkRule[] = [
  // Qazvin: joint purchase of plastics through the Tehran cooperative and the supply union.
  {
    clusterKey: QZ,
    from: "group:پلیمری",
    to: "inst:tehran-plastics-coop",
    type: "buys_from",
    perActor: 1,
    share: 0.35,
  },
  { clusterKey: QZ, from: "group:پلیمری", to: "inst:supply-coops-union", type: "member_of", perActor: 1, share: 0.25 },
  { clusterKey: QZ, from: "inst:qz-resin", to: "group:پلیمری", type: "supplies", total: 40 },
  { clusterKey: QZ, from: "inst:qz-paper", to: "group:سلولزی", type: "supplies", total: 35 },
  { clusterKey: QZ, from: "inst:qz-tinplate", to: "group:فلزی", type: "supplies", total: 20 },
  { clusterKey: QZ, from: "inst:qz-machines", to: "any", type: "supplies", total: 30 },
  { clusterKey: QZ, from: "any", to: "inst:qz-food", type: "supplies", total: 40 },
  { clusterKey: QZ, from: "inst:qz-transport", to: "any", type: "cooperates_with", total: 25 },
  { clusterKey: QZ, from: "any", to: "inst:qz-secretariat", type: "member_of", total: 90 },
  { clusterKey: QZ, from: "inst:qz-secretariat", to: "inst:tehran-plastics-coop", type: "cooperates_with", total: 1 },
  { clusterKey: QZ, from: "inst:qz-secretariat", to: "inst:supply-coops-union", type: "cooperates_with", total: 1 },
  { clusterKey: QZ, from: "inst:qz-secretariat", to: "inst:qz-estates", type: "cooperates_with", total: 1 },
  { clusterKey: QZ, from: "inst:qz-secretariat", to: "inst:taavon-plast", type: "cooperates_with", total: 1 },
  { clusterKey: QZ, from: "inst:qz-secretariat", to: "inst:packaging-journal", type: "cooperates_with", total: 1 },
  // Within each product group firms subcontract for and cooperate with each other; across them, less.
  { clusterKey: QZ, from: "group:پلیمری", to: "group:پلیمری", type: "cooperates_with", perActor: 1, share: 0.6 },
  { clusterKey: QZ, from: "group:سلولزی", to: "group:سلولزی", type: "subcontracts_for", perActor: 1, share: 0.6 },
  { clusterKey: QZ, from: "group:شیشه‌ای", to: "group:شیشه‌ای", type: "cooperates_with", perActor: 1, share: 0.6 },
  { clusterKey: QZ, from: "group:فلزی", to: "group:فلزی", type: "subcontracts_for", perActor: 1, share: 0.6 },
  { clusterKey: QZ, from: "group:سلولزی", to: "group:پلیمری", type: "cooperates_with", total: 15 },
  { clusterKey: QZ, from: "kind:person", to: "any", type: "represents", perActor: 1, share: 0.8 },
  // Qom: the union, the soft supply network and its suppliers.
  { clusterKey: "qom-clothing", from: "any", to: "inst:qom-union", type: "member_of", perActor: 1, share: 0.6 },
  { clusterKey: "qom-clothing", from: "any", to: "inst:qom-supply-net", type: "member_of", perActor: 1, share: 0.4 },
  ...[0, 1, 2, 3, 4].map(
    (i): DemoLinkRule => ({
      clusterKey: "qom-clothing",
      from: `inst:qom-supplier-${i}`,
      to: "any",
      type: "supplies",
      total: 12,
    }),
  ),
  { clusterKey: "qom-clothing", from: "any", to: "any", type: "subcontracts_for", total: 30 },
  { clusterKey: "qom-clothing", from: "inst:qom-union", to: "inst:qom-estates", type: "cooperates_with", total: 1 },
  {
    clusterKey: "qom-clothing",
    from: "kind:person",
    to: "inst:qom-training",
    type: "cooperates_with",
    perActor: 1,
    share: 0.5,
  },
  // Mashhad: designers work with producers; the consortium forms.
  { clusterKey: "kr-clothing", from: "kind:person", to: "any", type: "cooperates_with", perActor: 2, share: 0.8 },
  { clusterKey: "kr-clothing", from: "any", to: "inst:kr-consortium", type: "member_of", total: 12 },
  { clusterKey: "kr-clothing", from: "any", to: "inst:kr-union", type: "member_of", perActor: 1, share: 0.5 },
  {
    clusterKey: "kr-clothing",
    from: "kind:person",
    to: "inst:kr-designers",
    type: "member_of",
    perActor: 1,
    share: 0.5,
  },
  { clusterKey: "kr-clothing", from: "inst:kr-office", to: "inst:kr-consortium", type: "cooperates_with", total: 1 },
  // Zanjan: the export consortium's 15 traders and producers.
  {
    clusterKey: "zn-carpet",
    from: "group:تجارت فرش",
    to: "inst:zn-consortium",
    type: "member_of",
    perActor: 1,
    share: 1,
  },
  {
    clusterKey: "zn-carpet",
    from: "group:تولید فرش",
    to: "group:تجارت فرش",
    type: "supplies",
    perActor: 1,
    share: 0.9,
  },
  { clusterKey: "zn-carpet", from: "inst:zn-chamber", to: "inst:zn-consortium", type: "cooperates_with", total: 1 },
  {
    clusterKey: "zn-carpet",
    from: "kind:person",
    to: "group:تولید فرش",
    type: "cooperates_with",
    perActor: 1,
    share: 1,
  },
  // Hidaj: workshops and the design centre.
  { clusterKey: "zn-shoes", from: "any", to: "inst:zn-shoe-centre", type: "cooperates_with", perActor: 1, share: 0.7 },
  { clusterKey: "zn-shoes", from: "group:کفش", to: "group:کفش", type: "subcontracts_for", perActor: 1, share: 0.5 },
  // Isfahan gold: one of every kind around the workshops.
  { clusterKey: "is-gold", from: "inst:is-supplier", to: "any", type: "supplies", total: 12 },
  { clusterKey: "is-gold", from: "inst:is-subcontractor", to: "any", type: "subcontracts_for", total: 8 },
  { clusterKey: "is-gold", from: "any", to: "inst:is-buyer", type: "supplies", total: 10 },
  { clusterKey: "is-gold", from: "any", to: "inst:is-exporter", type: "supplies", total: 6 },
  { clusterKey: "is-gold", from: "any", to: "inst:is-union", type: "member_of", perActor: 1, share: 0.7 },
  { clusterKey: "is-gold", from: "any", to: "inst:is-cooperative", type: "member_of", perActor: 1, share: 0.4 },
  { clusterKey: "is-gold", from: "any", to: "inst:is-mutual_help_group", type: "member_of", total: 8 },
  { clusterKey: "is-gold", from: "inst:is-financial_institution", to: "any", type: "cooperates_with", total: 5 },
];

/** A firm's name from its group's patterns. */
export function firmName(rng: DemoRng, pattern: string, city: string): string {
  return pattern.replace("{b}", rng.pick(BRANDS)).replace("{l}", rng.pick(LAST_NAMES)).replace("{c}", city);
}
