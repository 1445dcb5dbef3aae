/**
 * Persian demo data drawn from the five source reports (shared/seeds): the
 * provinces and clusters they name, with the states, dates and figures the
 * reports give, and one account per role. Dates are written in Jalali as the
 * reports give them; the loader converts them. Where a report gives no date,
 * the record carries the date it was entered, as an office entering paper
 * records would. Over 400 lines because it is data, kept in one file so it
 * reads side by side with the reports.
 */

export interface DemoContract {
  organisation: string;
  leadPerson?: string;
  contractNumber?: string;
  /** Jalali start date. */
  start: string;
  /** Jalali end date; three years by default. */
  end?: string;
  amountRials?: number;
  milestones?: { title: string; planned: string; actual?: string; amountRials?: number }[];
}

export interface DemoCluster {
  key: string;
  provinceCode: string;
  nameFa: string;
  nameEn: string;
  state: string;
  /** Jalali date the cluster entered its state, when the report gives it. */
  since?: string;
  /** Relative alternative to `since`: the contract started this many days ago (for "year 3 now"). */
  contractStartedDaysAgo?: number;
  place?: string;
  sector?: string;
  isic?: string[];
  productGroups?: string[];
  advantageNote?: string;
  enterprises?: { value: number; source: string; date?: string };
  jobs?: { industrial: number; guild: number; source: string; date?: string };
  agent?: DemoContract;
  supervisor?: DemoContract;
  /** Where the record comes from, kept on its first history entry. */
  note: string;
}

const QOM = "گزارش شورای راهبری خوشه پوشاک قم (شرکت شهرکهای صنعتی قم)";
const KR = "گزارش شرکت شهرکهای صنعتی خراسان رضوی";
const ZN = "گزارش شرکت شهرکهای صنعتی استان زنجان";
const IS = "گزارش معاونت صنایع کوچک شرکت شهرکهای صنعتی استان اصفهان";
const QZ = "گزارش دبیرخانه خوشه صنعتی بسته‌بندی استان قزوین";

export const DEMO_CLUSTERS: DemoCluster[] = [
  {
    key: "qom-clothing",
    provinceCode: "IR-25",
    nameFa: "خوشه پوشاک قم",
    nameEn: "Qom clothing",
    state: "implementation",
    since: "1398/07/01",
    place: "شهر قم",
    sector: "پوشاک",
    isic: ["14", "1410"],
    productGroups: ["پوشاک زنانه", "پوشاک مردانه", "پوشاک کودک"],
    advantageNote:
      "سه راهبرد پس از مطالعه شناختی: بهبود تأمین مواد اولیه، بهبود فضای تولید و توسعه بازار، ارتقای مهارت منابع انسانی؛ برنامه‌ریزی برای استقرار ذینفعان در یکی از شهرکهای صنعتی.",
    agent: { organisation: "عامل توسعه خوشه پوشاک قم", start: "1398/07/01" },
    note: `${QOM}: پروژه توسعه خوشه در مهر ۱۳۹۸ آغاز شده و در سال سوم اجراست.`,
  },
  {
    key: "kr-clothing",
    provinceCode: "IR-09",
    nameFa: "خوشه پوشاک مشهد",
    nameEn: "Mashhad clothing",
    state: "implementation",
    since: "1401/10/01",
    place: "مشهد",
    sector: "پوشاک",
    isic: ["14"],
    jobs: { industrial: 13500, guild: 20500, source: KR },
    agent: {
      organisation: "عامل توسعه خوشه پوشاک خراسان رضوی",
      start: "1401/10/01",
      end: "1404/12/29",
      milestones: [
        { title: "گزارش مطالعه شناختی", planned: "1402/03/31", actual: "1402/04/15" },
        { title: "برنامه عملیاتی سال اول", planned: "1402/06/31", actual: "1402/06/20" },
        { title: "گزارش پایانی", planned: "1404/12/15" },
      ],
    },
    note: `${KR}: قرارداد توسعه خوشه پوشاک از دی ۱۴۰۱ تا پایان ۱۴۰۴؛ ۳۴ هزار شغل مستقیم که ۱۳٬۵۰۰ نفر آن صنعتی است.`,
  },
  {
    key: "kr-plastics",
    provinceCode: "IR-09",
    nameFa: "خوشه پلاستیک خراسان رضوی",
    nameEn: "Khorasan Razavi plastics",
    state: "feasibility",
    sector: "پلاستیک",
    isic: ["222"],
    note: `${KR}: مطالعه امکان‌سنجی در ابتدای دولت سیزدهم.`,
  },
  {
    key: "kr-dairy",
    provinceCode: "IR-09",
    nameFa: "خوشه لبنیات خراسان رضوی",
    nameEn: "Khorasan Razavi dairy",
    state: "feasibility",
    sector: "صنایع غذایی",
    isic: ["105"],
    note: `${KR}: مطالعه امکان‌سنجی در ابتدای دولت سیزدهم.`,
  },
  ...(
    [
      ["kr-bags-shoes", "خوشه کیف و کفش مشهد", "Mashhad bags and shoes", "چرم و کفش"],
      ["kr-gold", "خوشه طلا و جواهر مشهد", "Mashhad gold and jewellery", "طلا و جواهر"],
      ["kr-carpet", "خوشه فرش دستباف خراسان رضوی", "Khorasan Razavi hand-made carpet", "فرش دستباف"],
      ["kr-furniture", "خوشه مبلمان مشهد", "Mashhad furniture", "مبلمان"],
      ["kr-saffron", "خوشه زعفران خراسان رضوی", "Khorasan Razavi saffron", "کشاورزی و فرآوری"],
    ] as const
  ).map(
    ([key, nameFa, nameEn, sector]): DemoCluster => ({
      key,
      provinceCode: "IR-09",
      nameFa,
      nameEn,
      sector,
      state: "handed_over",
      note: `${KR}: توسعه این خوشه پایان یافته و حمایت‌ها ادامه دارد.`,
    }),
  ),
  {
    key: "zn-shoes",
    provinceCode: "IR-19",
    nameFa: "خوشه کفش هیدج",
    nameEn: "Hidaj shoes",
    state: "implementation",
    contractStartedDaysAgo: 2 * 365 + 60,
    place: "هیدج",
    sector: "کفش",
    isic: ["152"],
    agent: { organisation: "عامل توسعه خوشه کفش هیدج", start: "" },
    note: `${ZN}: سایت تخصصی طراحی و مدلسازی کفش در هیدج راه‌اندازی شده است؛ خوشه در سال سوم اجراست.`,
  },
  {
    key: "zn-carpet",
    provinceCode: "IR-19",
    nameFa: "خوشه فرش دستباف زنجان",
    nameEn: "Zanjan hand-made carpet",
    state: "handed_over",
    sector: "فرش دستباف",
    advantageNote: "کنسرسیوم صادراتی فرش با ۱۵ تاجر و تولیدکننده.",
    note: `${ZN}: خوشه واگذار شده است.`,
  },
  {
    key: "zn-zinc",
    provinceCode: "IR-19",
    nameFa: "خوشه روی زنجان",
    nameEn: "Zanjan zinc",
    state: "handed_over",
    sector: "فلزات غیرآهنی",
    isic: ["2420"],
    note: `${ZN}: خوشه واگذار شده است.`,
  },
  ...(
    [
      ["zn-knives", "خوشه چاقوی زنجان", "Zanjan knives", "صنایع دستی فلزی"],
      ["zn-copper", "خوشه مسگری زنجان", "Zanjan coppersmithing", "صنایع دستی فلزی"],
      ["zn-tourism", "خوشه گردشگری زنجان", "Zanjan tourism", "گردشگری"],
    ] as const
  ).map(
    ([key, nameFa, nameEn, sector]): DemoCluster => ({
      key,
      provinceCode: "IR-19",
      nameFa,
      nameEn,
      sector,
      state: "identified",
      note: `${ZN}: یکی از شش بخش صنعتی و گردشگری شناسایی‌شده برای تشکیل خوشه.`,
    }),
  ),
  ...(
    [
      ["is-gold", "خوشه طلا و جواهر اصفهان", "Isfahan gold and jewellery", "اصفهان"],
      ["is-kashan-carpet", "خوشه فرش ماشینی کاشان", "Kashan machine carpet", "کاشان"],
      ["is-aran-carpet", "خوشه فرش ماشینی آران و بیدگل", "Aran-Bidgol machine carpet", "آران و بیدگل"],
      ["is-plastic", "خوشه محصولات پلاستیکی اصفهان", "Isfahan plastic products", "اصفهان"],
      ["is-kordabad", "خوشه برزنت، باند و گاز کردآباد", "Kordabad tarpaulin, bandage and gauze", "کردآباد"],
      ["is-towel", "خوشه حوله آدریان خمینی‌شهر", "Adrian Khomeinishahr towels", "آدریان، خمینی‌شهر"],
      ["is-sheets", "خوشه ملحفه درچه و خمینی‌شهر", "Dorcheh and Khomeinishahr sheets", "درچه و خمینی‌شهر"],
      ["is-stone", "خوشه سنگ اصفهان", "Isfahan stone", "اصفهان"],
      ["is-brick", "خوشه آجر اصفهان", "Isfahan brick", "اصفهان"],
    ] as const
  ).map(
    ([key, nameFa, nameEn, place]): DemoCluster => ({
      key,
      provinceCode: "IR-10",
      nameFa,
      nameEn,
      place,
      state: "network",
      note: `${IS}: از خوشه‌های توسعه‌یافته که در شبکه فراگیر خوشه ادامه می‌دهند.`,
    }),
  ),
  // The Isfahan report speaks of some 70 identified clusters without naming
  // them; these stand in for the rest so the registry shows the province's size.
  ...ISFAHAN_IDENTIFIED().map(
    ([nameFa, nameEn], i): DemoCluster => ({
      key: `is-identified-${i}`,
      provinceCode: "IR-10",
      nameFa,
      nameEn,
      state: "identified",
      note: `${IS}: حدود ۷۰ خوشه بر اساس مزیت‌های نسبی منطقه‌ای شناسایی شده است (نمونه نمایشی).`,
    }),
  ),
  {
    key: "qz-packaging",
    provinceCode: "IR-26",
    nameFa: "خوشه صنعتی بسته‌بندی قزوین",
    nameEn: "Qazvin packaging",
    state: "diagnostic",
    since: "1391/06/01",
    place: "استان قزوین",
    sector: "بسته‌بندی",
    isic: ["1702", "2220", "2310", "2599"],
    productGroups: ["پلیمری", "سلولزی", "شیشه‌ای", "فلزی"],
    advantageNote: "صنعت بسته‌بندی به‌عنوان مزیت رقابتی استان پس از بررسی‌های کارشناسی و تأیید کمیته استانی و سازمان.",
    enterprises: { value: 300, source: QZ },
    agent: { organisation: "دبیرخانه خوشه صنعتی بسته‌بندی قزوین", start: "1391/06/01" },
    note: `${QZ}: دبیرخانه خوشه از شهریور ۱۳۹۱ با فاز مطالعات فعالیت خود را آغاز کرده است.`,
  },
];

function ISFAHAN_IDENTIFIED(): Array<[string, string]> {
  return [
    ["خوشه قلمزنی اصفهان", "Isfahan metal engraving"],
    ["خوشه میناکاری اصفهان", "Isfahan enamelling"],
    ["خوشه خاتم‌کاری اصفهان", "Isfahan marquetry (khatam)"],
    ["خوشه منبت‌کاری اصفهان", "Isfahan wood carving"],
    ["خوشه قلمکار اصفهان", "Isfahan block printing (qalamkar)"],
    ["خوشه فرش دستباف نایین", "Nain hand-made carpet"],
    ["خوشه فرش دستباف کاشان", "Kashan hand-made carpet"],
    ["خوشه گلاب قمصر کاشان", "Qamsar rose water"],
    ["خوشه گز اصفهان", "Isfahan gaz confectionery"],
    ["خوشه مبلمان اصفهان", "Isfahan furniture"],
    ["خوشه کاشی سنتی اصفهان", "Isfahan traditional tiles"],
    ["خوشه چرم اصفهان", "Isfahan leather"],
    ["خوشه کفش اصفهان", "Isfahan shoes"],
    ["خوشه پوشاک اصفهان", "Isfahan clothing"],
    ["خوشه قطعات خودرو اصفهان", "Isfahan auto parts"],
    ["خوشه ریخته‌گری اصفهان", "Isfahan foundry"],
    ["خوشه ماشین‌آلات کشاورزی اصفهان", "Isfahan farm machinery"],
    ["خوشه صنایع غذایی نجف‌آباد", "Najafabad food industry"],
    ["خوشه گلیم و گبه سمیرم", "Semirom kilim and gabbeh"],
    ["خوشه نساجی کاشان", "Kashan textiles"],
    ["خوشه مخمل کاشان", "Kashan velvet"],
    ["خوشه سفالگری نطنز", "Natanz pottery"],
    ["خوشه گلاب نیاسر", "Niasar rose water"],
    ["خوشه گیاهان دارویی خوانسار", "Khansar medicinal herbs"],
    ["خوشه عسل خوانسار", "Khansar honey"],
    ["خوشه لبنیات فریدن", "Fereydan dairy"],
    ["خوشه سیب‌زمینی فریدن", "Fereydan potato"],
    ["خوشه تجهیزات پزشکی اصفهان", "Isfahan medical equipment"],
    ["خوشه نرم‌افزار اصفهان", "Isfahan software"],
    ["خوشه گردشگری اصفهان", "Isfahan tourism"],
    ["خوشه ملیله‌کاری اصفهان", "Isfahan filigree"],
    ["خوشه نقره‌کاری اصفهان", "Isfahan silverwork"],
    ["خوشه بسته‌بندی اصفهان", "Isfahan packaging"],
    ["خوشه صنایع فلزی مبارکه", "Mobarakeh metal industry"],
    ["خوشه درب و پنجره اصفهان", "Isfahan doors and windows"],
    ["خوشه شیشه اصفهان", "Isfahan glass"],
    ["خوشه کابینت اصفهان", "Isfahan kitchen cabinets"],
    ["خوشه لوازم خانگی اصفهان", "Isfahan home appliances"],
    ["خوشه تابلو برق اصفهان", "Isfahan switchboards"],
    ["خوشه پمپ و شیرآلات اصفهان", "Isfahan pumps and valves"],
    ["خوشه چاپ اصفهان", "Isfahan printing"],
    ["خوشه کاغذ و مقوای اصفهان", "Isfahan paper and board"],
    ["خوشه مرغداری اصفهان", "Isfahan poultry"],
    ["خوشه قارچ اصفهان", "Isfahan mushrooms"],
    ["خوشه پسته اردستان", "Ardestan pistachio"],
    ["خوشه گل محمدی کاشان", "Kashan damask rose"],
    ["خوشه بدلیجات اصفهان", "Isfahan costume jewellery"],
    ["خوشه لوازم ورزشی اصفهان", "Isfahan sports goods"],
    ["خوشه مبلمان اداری اصفهان", "Isfahan office furniture"],
    ["خوشه انار اصفهان", "Isfahan pomegranate"],
    ["خوشه فرش دستباف اردستان", "Ardestan hand-made carpet"],
    ["خوشه سفال و سرامیک شاهین‌شهر", "Shahinshahr ceramics"],
    ["خوشه صنایع چوبی فلاورجان", "Falavarjan wood products"],
    ["خوشه پوشاک کودک خمینی‌شهر", "Khomeinishahr children's clothing"],
    ["خوشه رنگ و رزین اصفهان", "Isfahan paint and resin"],
    ["خوشه ابزارآلات اصفهان", "Isfahan hand tools"],
    ["خوشه لوله و اتصالات اصفهان", "Isfahan pipes and fittings"],
    ["خوشه کیف و کفش نجف‌آباد", "Najafabad bags and shoes"],
  ];
}

/** Khorasan Razavi's feasibility round (seed 001): three candidates, clothing chosen first. */
export const DEMO_FEASIBILITY = {
  provinceCode: "IR-09",
  criteria: [
    { name: "مزیت نسبی منطقه‌ای", weight: 30 },
    { name: "تعداد بنگاه‌ها و اشتغال", weight: 25 },
    { name: "ظرفیت صادرات", weight: 25 },
    { name: "آمادگی ذینفعان برای همکاری", weight: 20 },
  ],
  studies: [
    {
      clusterKey: "kr-clothing",
      date: "1400/09/15",
      author: "دفتر توسعه خوشه‌های کسب و کار خراسان رضوی",
      scores: [9, 10, 8, 7],
    },
    {
      clusterKey: "kr-plastics",
      date: "1400/09/15",
      author: "دفتر توسعه خوشه‌های کسب و کار خراسان رضوی",
      scores: [7, 6, 6, 6],
    },
    {
      clusterKey: "kr-dairy",
      date: "1400/09/15",
      author: "دفتر توسعه خوشه‌های کسب و کار خراسان رضوی",
      scores: [8, 6, 5, 5],
    },
  ],
  decision: {
    date: "1401/06/15",
    clusterKey: "kr-clothing",
    reason:
      "اجرای برنامه‌ها برای حمایت از سه خوشه اولویت‌بندی شد و خوشه پوشاک با ۳۴ هزار شغل مستقیم و صادرات به افغانستان، عراق و ترکمنستان در اولویت قرار گرفت.",
  },
};

/** Governance bodies the reports name: the Qom clothing steering council and Qom's provincial committee. */
export const DEMO_GOVERNANCE: Array<{
  body: "provincial_committee" | "steering_council";
  provinceCode: string;
  clusterKey?: string;
  personName: string;
  organisation: string;
  role: string;
  from: string;
  userEmail?: string;
}> = [
  {
    body: "steering_council",
    provinceCode: "IR-25",
    clusterKey: "qom-clothing",
    personName: "دکتر ابراهیمی",
    organisation: "شرکت شهرکهای صنعتی قم (مدیرعامل)",
    role: "chair",
    from: "1398/07/01",
  },
  {
    body: "steering_council",
    provinceCode: "IR-25",
    clusterKey: "qom-clothing",
    personName: "عامل توسعه خوشه پوشاک قم",
    organisation: "تیم توسعه خوشه",
    role: "secretary",
    from: "1398/07/01",
  },
  {
    body: "steering_council",
    provinceCode: "IR-25",
    clusterKey: "qom-clothing",
    personName: "نماینده اتحادیه پوشاک قم",
    organisation: "اتحادیه تولیدکنندگان پوشاک",
    role: "union_representative",
    from: "1398/07/01",
  },
  {
    body: "steering_council",
    provinceCode: "IR-25",
    clusterKey: "qom-clothing",
    personName: "مدیر تولیدی پوشاک نگین",
    organisation: "تولیدی پوشاک نگین قم",
    role: "enterprise_representative",
    from: "1399/01/15",
    userEmail: "council@khooshe.ir",
  },
  {
    body: "provincial_committee",
    provinceCode: "IR-25",
    personName: "معاون برنامه‌ریزی استانداری قم",
    organisation: "استانداری قم",
    role: "chair",
    from: "1398/01/20",
  },
  {
    body: "provincial_committee",
    provinceCode: "IR-25",
    personName: "دکتر ابراهیمی",
    organisation: "شرکت شهرکهای صنعتی قم",
    role: "secretary",
    from: "1398/01/20",
  },
  // Khorasan clothing's steering council: "managers and representatives of the unions and associations
  // concerned, and experts of the field" (the Khorasan report); the chair is the company's CEO it quotes.
  ...(
    [
      ["جعفر فرشچی", "شرکت شهرکهای صنعتی خراسان رضوی (مدیرعامل)", "chair"],
      ["عامل توسعه خوشه پوشاک خراسان رضوی", "معاونت صنایع کوچک، دفتر توسعه خوشه‌های کسب و کار", "secretary"],
      ["نماینده اتحادیه تولیدکنندگان پوشاک مشهد", "اتحادیه تولیدکنندگان و فروشندگان پوشاک", "union_representative"],
      ["نماینده انجمن طراحان مد و لباس", "انجمن طراحان مد و لباس خراسان رضوی", "association_representative"],
      ["خبره صنعت پوشاک", "دانشگاه فردوسی مشهد", "expert"],
    ] as const
  ).map(([personName, organisation, role]) => ({
    body: "steering_council" as const,
    provinceCode: "IR-09",
    clusterKey: "kr-clothing",
    personName,
    organisation,
    role,
    from: "1401/10/01",
  })),
];

export const DEMO_ENTERPRISES: Array<{ clusterKey: string; name: string }> = [
  { clusterKey: "qom-clothing", name: "تولیدی پوشاک نگین قم" },
  { clusterKey: "qom-clothing", name: "پوشاک کودک آوا" },
  { clusterKey: "qz-packaging", name: "بسته‌بندی پلیمری البرز قزوین" },
  { clusterKey: "zn-shoes", name: "کفش دست‌دوز هیدج" },
];

export const DEMO_PASSWORD = "Khooshe1234";

export interface DemoAccount {
  email: string;
  name: string;
  role: "national_admin" | "province_admin" | "cluster_manager" | "council_member" | "member";
  provinceCode?: string;
  clusterKey?: string;
  enterpriseName?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@khooshe.ir", name: "مدیر ملی سامانه", role: "national_admin" },
  { email: "qom@khooshe.ir", name: "مدیر خوشه‌های استان قم", role: "province_admin", provinceCode: "IR-25" },
  { email: "agent@khooshe.ir", name: "عامل توسعه خوشه پوشاک قم", role: "cluster_manager", clusterKey: "qom-clothing" },
  {
    email: "council@khooshe.ir",
    name: "عضو شورای راهبری خوشه پوشاک قم",
    role: "council_member",
    clusterKey: "qom-clothing",
  },
  {
    email: "member@khooshe.ir",
    name: "مدیر تولیدی پوشاک نگین",
    role: "member",
    enterpriseName: "تولیدی پوشاک نگین قم",
  },
];
