/**
 * Persian vocabulary for the benchmark's generators: cities per province,
 * the products clusters are named after, people's names, organisations,
 * and how offices really type them (Arabic ي/ك from older keyboards and
 * software, ZWNJ typed, spaced or left out, Persian or Latin digits). The
 * canonical forms below use the Persian letters and ZWNJ (\u200c); typeFa()
 * makes the variants.
 */
import type { Rng } from "./kit";

const Z = "\u200c";

/** Roughly each province's share of the country's clusters (industry and population). */
export const PROVINCE_WEIGHTS: Record<string, number> = {
  "IR-23": 9,
  "IR-10": 8,
  "IR-09": 7,
  "IR-03": 5,
  "IR-07": 5,
  "IR-06": 4,
  "IR-30": 4,
  "IR-02": 4,
  "IR-01": 3.5,
  "IR-00": 3.5,
  "IR-08": 3.5,
  "IR-04": 3,
  "IR-26": 3,
  "IR-25": 3,
  "IR-21": 3,
  "IR-19": 2.5,
  "IR-13": 2.5,
  "IR-20": 2.5,
  "IR-05": 2.5,
  "IR-27": 2.5,
  "IR-24": 2,
  "IR-15": 2,
  "IR-12": 2,
  "IR-22": 2,
  "IR-18": 1.5,
  "IR-11": 1.5,
  "IR-14": 1.5,
  "IR-29": 1.5,
  "IR-28": 1.5,
  "IR-17": 1,
  "IR-16": 1,
};

export const CITIES: Record<string, readonly string[]> = {
  "IR-00": ["اراک", "ساوه", "خمین", "محلات", "دلیجان"],
  "IR-01": ["رشت", "لاهیجان", "بندر انزلی", "آستارا", "رودسر"],
  "IR-02": ["ساری", "بابل", "آمل", `قائم${Z}شهر`, "نوشهر"],
  "IR-03": ["تبریز", "مراغه", "مرند", "میانه", "اهر"],
  "IR-04": ["ارومیه", "خوی", "مهاباد", "میاندوآب", "سلماس"],
  "IR-05": ["کرمانشاه", `اسلام${Z}آباد غرب`, "کنگاور", "هرسین"],
  "IR-06": ["اهواز", "دزفول", "آبادان", "خرمشهر", "شوشتر"],
  "IR-07": ["شیراز", "مرودشت", "کازرون", "جهرم", "لار"],
  "IR-08": ["کرمان", "رفسنجان", "سیرجان", "بم", "جیرفت"],
  "IR-09": ["مشهد", "نیشابور", "سبزوار", "تربت حیدریه", "قوچان"],
  "IR-10": ["اصفهان", "کاشان", `نجف${Z}آباد`, `خمینی${Z}شهر`, `شاهین${Z}شهر`, "نطنز"],
  "IR-11": ["زاهدان", "زابل", "چابهار", "ایرانشهر"],
  "IR-12": ["سنندج", "سقز", "مریوان", "بانه"],
  "IR-13": ["همدان", "ملایر", "نهاوند", "تویسرکان"],
  "IR-14": ["شهرکرد", "بروجن", "فارسان"],
  "IR-15": [`خرم${Z}آباد`, "بروجرد", "دورود", "الیگودرز"],
  "IR-16": ["ایلام", "دهلران", "مهران"],
  "IR-17": ["یاسوج", "دوگنبدان", "دهدشت"],
  "IR-18": ["بوشهر", "برازجان", "کنگان", "گناوه"],
  "IR-19": ["زنجان", "ابهر", "خرمدره", "قیدار"],
  "IR-20": ["سمنان", "شاهرود", "دامغان", "گرمسار"],
  "IR-21": ["یزد", "میبد", "اردکان", "تفت"],
  "IR-22": ["بندرعباس", "میناب", "قشم", "بندر لنگه"],
  "IR-23": ["تهران", "ری", "اسلامشهر", "شهریار", "ورامین", "دماوند"],
  "IR-24": ["اردبیل", `مشگین${Z}شهر`, `پارس${Z}آباد`, "خلخال"],
  "IR-25": ["قم", "جعفریه", "کهک"],
  "IR-26": ["قزوین", "تاکستان", "الوند", `بوئین${Z}زهرا`],
  "IR-27": ["گرگان", "گنبد کاووس", `علی${Z}آباد کتول`, "بندر ترکمن"],
  "IR-28": ["بجنورد", "شیروان", "اسفراین"],
  "IR-29": ["بیرجند", "قائن", "فردوس", "طبس"],
  "IR-30": ["کرج", "هشتگرد", "نظرآباد", "فردیس"],
};

export interface Product {
  fa: string;
  en: string;
  isic: readonly string[];
  groups: readonly string[];
  /** How common clusters of it are. */
  weight: number;
}

export const PRODUCTS: readonly Product[] = [
  {
    fa: "پوشاک",
    en: "Clothing",
    isic: ["14", "1410"],
    groups: ["پوشاک زنانه", "پوشاک مردانه", "پوشاک کودک", "لباس کار"],
    weight: 8,
  },
  {
    fa: "کفش",
    en: "Footwear",
    isic: ["15", "1520"],
    groups: ["کفش مردانه", "کفش زنانه", "کفش ورزشی", "کفش طبی"],
    weight: 6,
  },
  { fa: "چرم", en: "Leather", isic: ["15", "1511", "1512"], groups: [`کیف چرمی`, "کمربند", "چرم طبیعی"], weight: 3 },
  { fa: "فرش دستباف", en: "Hand-woven carpet", isic: ["13", "1393"], groups: ["فرش ابریشم", "گلیم", "گبه"], weight: 6 },
  {
    fa: "مبلمان",
    en: "Furniture",
    isic: ["31", "3100"],
    groups: ["مبلمان خانگی", "مبلمان اداری", "کابینت"],
    weight: 6,
  },
  {
    fa: "طلا و جواهر",
    en: "Gold and jewellery",
    isic: ["32", "3211"],
    groups: ["زیورآلات طلا", `سنگ${Z}های قیمتی`],
    weight: 3,
  },
  {
    fa: `بسته${Z}بندی`,
    en: "Packaging",
    isic: ["17", "1702", "22"],
    groups: ["کارتن", `بسته${Z}بندی پلاستیکی`, `بسته${Z}بندی مواد غذایی`],
    weight: 5,
  },
  {
    fa: `سنگ${Z}بری`,
    en: "Stone cutting",
    isic: ["23", "2396"],
    groups: ["سنگ ساختمانی", "سنگ تزئینی", "مرمریت"],
    weight: 4,
  },
  { fa: "لبنیات", en: "Dairy", isic: ["10", "1050"], groups: ["پنیر", "ماست", "شیر پاستوریزه"], weight: 3 },
  {
    fa: "پلاستیک",
    en: "Plastics",
    isic: ["22", "2220"],
    groups: ["لوله و اتصالات", "ظروف پلاستیکی", "فیلم"],
    weight: 3,
  },
  {
    fa: `قطعه${Z}سازی خودرو`,
    en: "Auto parts",
    isic: ["29", "2930"],
    groups: ["قطعات موتوری", "قطعات بدنه", "لاستیک و تیوب"],
    weight: 4,
  },
  {
    fa: `ماشین${Z}آلات کشاورزی`,
    en: "Agricultural machinery",
    isic: ["28", "2821"],
    groups: ["تراکتور", "ادوات کشاورزی", `سیستم${Z}های آبیاری`],
    weight: 3,
  },
  {
    fa: "صنایع دستی",
    en: "Handicrafts",
    isic: ["32", "3290"],
    groups: [`میناکاری`, `خاتم${Z}کاری`, "قلمزنی"],
    weight: 6,
  },
  { fa: "خرما", en: "Dates", isic: ["10", "1030"], groups: ["خرمای صادراتی", "شیره خرما"], weight: 2 },
  { fa: "زعفران", en: "Saffron", isic: ["10", "1079"], groups: [`زعفران بسته${Z}بندی`, "گل زعفران"], weight: 2 },
  { fa: "پسته", en: "Pistachio", isic: ["10", "1030"], groups: ["پسته خام", "پسته شور"], weight: 2 },
  {
    fa: "کاشی و سرامیک",
    en: "Tiles and ceramics",
    isic: ["23", "2392", "2393"],
    groups: ["کاشی دیواری", "سرامیک کف", "چینی بهداشتی"],
    weight: 3,
  },
  { fa: "شیرینی", en: "Confectionery", isic: ["10", "1073"], groups: ["گز", "سوهان", "شیرینی سنتی"], weight: 3 },
  { fa: "نساجی", en: "Textiles", isic: ["13", "1311", "1312"], groups: ["نخ", "پارچه", "حوله"], weight: 4 },
  { fa: "ظروف مسی", en: "Copperware", isic: ["25", "2599"], groups: ["ظروف مسی", "قلمزنی مس"], weight: 2 },
  { fa: "سفال", en: "Pottery", isic: ["23", "2393"], groups: [`سفال لعاب${Z}دار`, "سفالینه"], weight: 2 },
  { fa: "عسل", en: "Honey", isic: ["01", "0149"], groups: ["عسل طبیعی", "موم", "ژل رویال"], weight: 2 },
  { fa: "گلاب", en: "Rosewater", isic: ["20", "2029"], groups: ["گلاب", "عرقیات گیاهی"], weight: 1 },
  { fa: "چاقوسازی", en: "Cutlery", isic: ["25", "2593"], groups: ["چاقو", "ابزار برش"], weight: 1 },
  { fa: "آجر", en: "Brick", isic: ["23", "2392"], groups: ["آجر نما", "آجر فشاری"], weight: 2 },
  {
    fa: `ریخته${Z}گری`,
    en: "Foundry",
    isic: ["24", "2431", "2432"],
    groups: ["ریخته‌گری چدن", "ریخته‌گری آلومینیوم"],
    weight: 2,
  },
  {
    fa: `نرم${Z}افزار`,
    en: "Software",
    isic: ["62", "6201"],
    groups: [`نرم${Z}افزار سازمانی`, "اپلیکیشن موبایل"],
    weight: 2,
  },
  { fa: "مصالح ساختمانی", en: "Building materials", isic: ["23"], groups: ["گچ", "سیمان", "بتن آماده"], weight: 2 },
  {
    fa: `ماشین${Z}آلات صنعتی`,
    en: "Industrial machinery",
    isic: ["28", "2829"],
    groups: [`ماشین${Z}آلات بسته${Z}بندی`, `ماشین${Z}آلات غذایی`],
    weight: 2,
  },
  {
    fa: "لوازم خانگی",
    en: "Home appliances",
    isic: ["27", "2750"],
    groups: ["یخچال", "اجاق گاز", "لوازم برقی کوچک"],
    weight: 2,
  },
  { fa: "چاپ", en: "Printing", isic: ["18", "1811"], groups: ["چاپ افست", `چاپ بسته${Z}بندی`], weight: 1 },
  {
    fa: "تجهیزات پزشکی",
    en: "Medical devices",
    isic: ["32", "3250"],
    groups: ["تجهیزات پزشکی", "لوازم یکبار مصرف"],
    weight: 1,
  },
  { fa: "کشمش", en: "Raisins", isic: ["10", "1030"], groups: ["کشمش سبز", "کشمش پلویی"], weight: 1 },
  { fa: "حصیربافی", en: "Wickerwork", isic: ["16", "1629"], groups: ["سبد", "حصیر"], weight: 1 },
  { fa: "شیشه", en: "Glass", isic: ["23", "2310"], groups: ["شیشه ساختمانی", `ظروف شیشه${Z}ای`], weight: 1 },
  { fa: "رب و کنسرو", en: "Canned food", isic: ["10", "1030"], groups: ["رب گوجه", "کنسرو ماهی"], weight: 2 },
  { fa: `آبزی${Z}پروری`, en: "Aquaculture", isic: ["03", "0321"], groups: ["میگو", `ماهی قزل${Z}آلا`], weight: 1 },
  { fa: "گیاهان دارویی", en: "Medicinal herbs", isic: ["01", "2100"], groups: ["عرقیات", "داروی گیاهی"], weight: 2 },
];

export const FIRST_NAMES: readonly string[] = [
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
  "ناصر",
  "کاظم",
  "یوسف",
  "یاسر",
  "کیوان",
  "کامران",
  "پریسا",
  "الهام",
  "نیلوفر",
  "سمیه",
  "مینا",
  "شیرین",
  "لیلا",
  "معصومه",
  "اکبر",
  "ابوالفضل",
  "عبدالله",
  "محمدرضا",
  "علیرضا",
  "امیرحسین",
  "محمدجواد",
  "فرشته",
  "کوثر",
  "یگانه",
  "ژیلا",
  "پیمان",
  "بهروز",
  "گلاره",
  "کیمیا",
  "کریم",
  "یاسمن",
  "یحیی",
  "مرتضی",
  "مصطفی",
  "هادی",
  "اکرم",
  "طاهره",
  "منیژه",
  "پژمان",
  "کاوه",
];

export const LAST_NAMES: readonly string[] = [
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
  "ابراهیمی",
  "باقری",
  "مرادی",
  "عباسی",
  "شریفی",
  `حسین${Z}زاده`,
  `علی${Z}پور`,
  `محمدی${Z}نژاد`,
  `قلی${Z}زاده`,
  `کریم${Z}خانی`,
  `تقی${Z}پور`,
  `نیک${Z}نام`,
  `یزدان${Z}پناه`,
  `شاه${Z}حسینی`,
  "میرکاظمی",
  `فتحی${Z}پور`,
  "امیری",
  "کیانی",
  "کرمانی",
  "اصفهانی",
  "شیرازی",
  "تبریزی",
  "یزدی",
  "قمی",
  "کاشانی",
  "زنجانی",
  "گیلانی",
  "پاکزاد",
  "بهرامی",
  "ملکی",
  "کوهی",
  "رستمی",
  "گودرزی",
  "چگینی",
  `صنعتی${Z}فر`,
  `کیان${Z}پور`,
  `یگانه${Z}راد`,
  "ژیان",
  `نظری${Z}کیا`,
];

export const CRITERIA: readonly string[] = [
  "مزیت نسبی منطقه",
  "تعداد و تمرکز بنگاه‌ها",
  "اشتغال فعلی و بالقوه",
  "دسترسی به بازار",
  "دسترسی به مواد اولیه",
  "زیرساخت و خدمات پشتیبان",
  "ظرفیت صادراتی",
  "سابقه همکاری میان بنگاه‌ها",
  "نیروی انسانی ماهر",
  "حمایت نهادهای محلی",
];

export const MILESTONES: readonly string[] = [
  "مطالعه شناخت و تشخیص",
  "تدوین برنامه اقدام",
  "تشکیل شورای راهبری",
  `برگزاری دوره${Z}های آموزشی`,
  "حضور مشترک در نمایشگاه",
  "راه‌اندازی شرکت توسعه خوشه",
  "تهیه طرح بازاریابی مشترک",
  "ایجاد مرکز خدمات مشترک",
  "ارزیابی میانی",
  "گزارش پایانی",
  "ثبت برند مشترک",
  "خرید مشترک مواد اولیه",
];

export const REASONS: readonly string[] = [
  "تأمین نشدن اعتبار در سال جاری",
  "درخواست استان برای بازنگری مطالعه امکان‌سنجی",
  "انصراف بنگاه‌های خوشه از همکاری",
  "عدم تمایل عامل توسعه به ادامه قرارداد",
  "تغییر اولویت‌های استان",
  "نیاز به تکمیل مدارک مصوبه کمیته استانی",
];

export const NOTES: readonly string[] = [
  "بر اساس صورتجلسه کمیته هماهنگی استان",
  "مطابق نامه سازمان صنایع کوچک و شهرک‌های صنعتی ایران",
  "پس از بازدید کارشناسان از بنگاه‌های خوشه",
  "طبق گزارش عامل توسعه",
  "ثبت از سوابق کاغذی دفتر استان",
];

/** Names people give clusters: «خوشه {کالا} {شهر}» and the variants offices use. */
export function clusterNameFa(rng: Rng, product: string, city: string, provinceFa: string): string {
  return rng.weighted<string>([
    [`خوشه ${product} ${city}`, 55],
    [`خوشه صنعتی ${product} ${city}`, 15],
    [`خوشه ${product} استان ${provinceFa}`, 10],
    [`خوشه ${product} شهرستان ${city}`, 10],
    [`خوشه کسب${Z}وکار ${product} ${city}`, 10],
  ]);
}

export function personName(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

export function organisation(rng: Rng, city: string, provinceFa: string): string {
  return rng.weighted<string>([
    [`شرکت مشاوران توسعه صنعتی ${city}`, 3],
    [`مؤسسه توسعه کسب${Z}وکار ${rng.pick(LAST_NAMES)}`, 3],
    [`شرکت مهندسین مشاور ${rng.pick(LAST_NAMES)}`, 3],
    [`مرکز توسعه خوشه${Z}های کسب${Z}وکار ${provinceFa}`, 1],
    [`جهاد دانشگاهی استان ${provinceFa}`, 1],
    [`شرکت پژوهش و نوآوری ${rng.pick(LAST_NAMES)}`, 2],
  ]);
}

/** Brand-like words firms take; «کهربا» is the rare one (a few dozen firms nationally), for rare-term search. */
export const BRANDS: readonly string[] = [
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
  `مهر${Z}آفرین`,
  `نیک${Z}اندیش`,
];
export const RARE_BRAND = "کهربا";

export function enterpriseName(rng: Rng, product: string, city: string): string {
  const last = rng.pick(LAST_NAMES);
  const brand = rng.chance(0.0005) ? RARE_BRAND : rng.pick(BRANDS);
  return rng.weighted<string>([
    [`کارگاه ${product} ${last}`, 4],
    [`شرکت ${product} ${last} و شرکا`, 2],
    [`تولیدی ${last}`, 3],
    [`تولیدی ${product} ${brand}`, 3],
    [`شرکت ${brand} ${product} ${city}`, 2],
    [`شرکت تعاونی ${product} ${city}`, 1],
    [`صنایع ${product} ${city} ${last}`, 1],
  ]);
}

/** Digits as people type them: Persian mostly, Latin often, Arabic-Indic now and then. */
export function typedDigits(rng: Rng, n: number | string): string {
  const s = String(n);
  const r = rng.next();
  if (r < 0.65) return s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
  if (r < 0.95) return s;
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
}

/**
 * A canonical Persian text as an office types it: now and then with the
 * Arabic yeh and kaf (an Arabic keyboard layout or text from older
 * software), each ZWNJ kept, typed as a space or left out.
 */
export function typeFa(rng: Rng, text: string): string {
  let s = text;
  const r = rng.next();
  if (r < 0.12) s = s.replace(/ی/g, "ي").replace(/ک/g, "ك");
  else if (r < 0.17) s = s.replace(/ی/g, "ي");
  return s.replace(/\u200c/g, () => {
    const z = rng.next();
    return z < 0.6 ? Z : z < 0.85 ? " " : "";
  });
}
