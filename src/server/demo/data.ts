/**
 * Persian demo data drawn from the five source reports (shared/seeds): the
 * provinces and clusters they name, as bare records, and one account per role.
 * Later modules enrich these records.
 */
export interface DemoCluster {
  key: string;
  provinceCode: string;
  nameFa: string;
  nameEn: string;
  state: string;
}

export const DEMO_CLUSTERS: DemoCluster[] = [
  // Qom (seed 000): clothing, implementation since Mehr 1398.
  {
    key: "qom-clothing",
    provinceCode: "IR-25",
    nameFa: "خوشه پوشاک قم",
    nameEn: "Qom clothing",
    state: "implementation",
  },
  // Khorasan Razavi (seed 001): five handed over; clothing in implementation; plastics and dairy studied.
  {
    key: "kr-bags-shoes",
    provinceCode: "IR-09",
    nameFa: "خوشه کیف و کفش مشهد",
    nameEn: "Mashhad bags and shoes",
    state: "handed_over",
  },
  {
    key: "kr-gold",
    provinceCode: "IR-09",
    nameFa: "خوشه طلا و جواهر مشهد",
    nameEn: "Mashhad gold and jewellery",
    state: "handed_over",
  },
  {
    key: "kr-carpet",
    provinceCode: "IR-09",
    nameFa: "خوشه فرش دستباف خراسان رضوی",
    nameEn: "Khorasan Razavi hand-made carpet",
    state: "handed_over",
  },
  {
    key: "kr-furniture",
    provinceCode: "IR-09",
    nameFa: "خوشه مبلمان مشهد",
    nameEn: "Mashhad furniture",
    state: "handed_over",
  },
  {
    key: "kr-saffron",
    provinceCode: "IR-09",
    nameFa: "خوشه زعفران خراسان رضوی",
    nameEn: "Khorasan Razavi saffron",
    state: "handed_over",
  },
  {
    key: "kr-clothing",
    provinceCode: "IR-09",
    nameFa: "خوشه پوشاک مشهد",
    nameEn: "Mashhad clothing",
    state: "implementation",
  },
  {
    key: "kr-plastics",
    provinceCode: "IR-09",
    nameFa: "خوشه پلاستیک خراسان رضوی",
    nameEn: "Khorasan Razavi plastics",
    state: "feasibility",
  },
  {
    key: "kr-dairy",
    provinceCode: "IR-09",
    nameFa: "خوشه لبنیات خراسان رضوی",
    nameEn: "Khorasan Razavi dairy",
    state: "feasibility",
  },
  // Zanjan (seed 002): six identified sectors; zinc and carpet handed over; Hidaj shoes in year 3.
  {
    key: "zn-carpet",
    provinceCode: "IR-19",
    nameFa: "خوشه فرش دستباف زنجان",
    nameEn: "Zanjan hand-made carpet",
    state: "handed_over",
  },
  { key: "zn-shoes", provinceCode: "IR-19", nameFa: "خوشه کفش هیدج", nameEn: "Hidaj shoes", state: "implementation" },
  { key: "zn-zinc", provinceCode: "IR-19", nameFa: "خوشه روی زنجان", nameEn: "Zanjan zinc", state: "handed_over" },
  { key: "zn-knives", provinceCode: "IR-19", nameFa: "خوشه چاقوی زنجان", nameEn: "Zanjan knives", state: "identified" },
  {
    key: "zn-copper",
    provinceCode: "IR-19",
    nameFa: "خوشه مسگری زنجان",
    nameEn: "Zanjan coppersmithing",
    state: "identified",
  },
  {
    key: "zn-tourism",
    provinceCode: "IR-19",
    nameFa: "خوشه گردشگری زنجان",
    nameEn: "Zanjan tourism",
    state: "identified",
  },
  // Isfahan (seed 003): the developed clusters the report names, now in the network.
  {
    key: "is-gold",
    provinceCode: "IR-10",
    nameFa: "خوشه طلا و جواهر اصفهان",
    nameEn: "Isfahan gold and jewellery",
    state: "network",
  },
  {
    key: "is-kashan-carpet",
    provinceCode: "IR-10",
    nameFa: "خوشه فرش ماشینی کاشان",
    nameEn: "Kashan machine carpet",
    state: "network",
  },
  {
    key: "is-aran-carpet",
    provinceCode: "IR-10",
    nameFa: "خوشه فرش ماشینی آران و بیدگل",
    nameEn: "Aran-Bidgol machine carpet",
    state: "network",
  },
  {
    key: "is-plastic",
    provinceCode: "IR-10",
    nameFa: "خوشه محصولات پلاستیکی اصفهان",
    nameEn: "Isfahan plastic products",
    state: "network",
  },
  {
    key: "is-kordabad",
    provinceCode: "IR-10",
    nameFa: "خوشه برزنت، باند و گاز کردآباد",
    nameEn: "Kordabad tarpaulin, bandage and gauze",
    state: "network",
  },
  {
    key: "is-towel",
    provinceCode: "IR-10",
    nameFa: "خوشه حوله آدریان خمینی‌شهر",
    nameEn: "Adrian Khomeinishahr towels",
    state: "network",
  },
  {
    key: "is-sheets",
    provinceCode: "IR-10",
    nameFa: "خوشه ملحفه درچه و خمینی‌شهر",
    nameEn: "Dorcheh and Khomeinishahr sheets",
    state: "network",
  },
  { key: "is-stone", provinceCode: "IR-10", nameFa: "خوشه سنگ اصفهان", nameEn: "Isfahan stone", state: "network" },
  { key: "is-brick", provinceCode: "IR-10", nameFa: "خوشه آجر اصفهان", nameEn: "Isfahan brick", state: "network" },
  // Qazvin (seed 004): packaging, ~300 enterprises, secretariat since Shahrivar 1391.
  {
    key: "qz-packaging",
    provinceCode: "IR-26",
    nameFa: "خوشه صنعتی بسته‌بندی قزوین",
    nameEn: "Qazvin packaging",
    state: "implementation",
  },
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
