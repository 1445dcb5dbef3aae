import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { INSTITUTION_KINDS, MEMBERSHIP_STATUSES } from "../../src/core/members";
import { loadDemo } from "../../src/server/demo/load";
import { ILLUSTRATIVE } from "../../src/server/demo/members";
import { signedIn } from "../support/client";
import { describeEngines } from "../support/harness";

type Item = {
  nameFa: string;
  provinceCode: string;
  state: string;
  stateSince: string | null;
  implementationYear: number | null;
  agentContractEnd: string | null;
  jobsIndustrial: number | null;
  jobsGuild: number | null;
  estEnterprises: number | null;
};

describeEngines("demo data from the source reports", (env) => {
  beforeAll(async () => {
    expect((await loadDemo(env().database)).loaded).toBe(true);
    expect((await loadDemo(env().database)).loaded).toBe(false);
  });

  it("carries the reports' clusters with their states, dates and figures", async () => {
    const admin = await signedIn(env(), { email: "admin@khooshe.ir", password: "Khooshe1234" });
    const all = (await admin.get<{ items: Item[]; total: number }>("/api/v1/clusters?limit=200")).body;
    const by = (name: string) => all.items.find((c) => c.nameFa === name)!;
    expect(all.items.filter((c) => c.provinceCode === "IR-10").length).toBeGreaterThanOrEqual(67);
    expect(all.items.filter((c) => c.provinceCode === "IR-10" && c.state === "network")).toHaveLength(9);
    expect(by("خوشه پوشاک قم")).toMatchObject({
      state: "implementation",
      stateSince: "2019-09-23",
      implementationYear: 3,
    });
    expect(by("خوشه پوشاک مشهد")).toMatchObject({
      state: "implementation",
      stateSince: "2022-12-22",
      agentContractEnd: "2026-03-20",
      jobsIndustrial: 13500,
      jobsGuild: 20500,
    });
    expect(by("خوشه کفش هیدج")).toMatchObject({ state: "implementation", implementationYear: 3 });
    expect(by("خوشه صنعتی بسته‌بندی قزوین")).toMatchObject({ estEnterprises: 300, stateSince: "2012-08-22" });
    const kr = all.items.filter((c) => c.provinceCode === "IR-09");
    expect(kr.filter((c) => c.state === "handed_over")).toHaveLength(5);
    const zn = all.items.filter((c) => c.provinceCode === "IR-19");
    expect(zn).toHaveLength(6);
    expect(
      zn
        .filter((c) => c.state === "handed_over")
        .map((c) => c.nameFa)
        .sort(),
    ).toEqual(["خوشه روی زنجان", "خوشه فرش دستباف زنجان"].sort());

    const studies = await admin.get<{ items: { clusterName: string; rank: number }[] }>(
      "/api/v1/provinces/IR-09/feasibility/studies",
    );
    expect(studies.body.items.map((s) => s.clusterName)).toEqual([
      "خوشه پوشاک مشهد",
      "خوشه پلاستیک خراسان رضوی",
      "خوشه لبنیات خراسان رضوی",
    ]);
    const decisions = await admin.get<{ items: { chosenClusterName: string }[] }>(
      "/api/v1/provinces/IR-09/feasibility/decisions",
    );
    expect(decisions.body.items[0]?.chosenClusterName).toBe("خوشه پوشاک مشهد");
  });

  it("gives each demo role its scope", async () => {
    const qom = await signedIn(env(), { email: "qom@khooshe.ir", password: "Khooshe1234" });
    const list = (await qom.get<{ items: Item[] }>("/api/v1/clusters?limit=200")).body.items;
    expect(list.map((c) => c.nameFa)).toEqual(["خوشه پوشاک قم"]);
    const council = await signedIn(env(), { email: "council@khooshe.ir", password: "Khooshe1234" });
    const id = (await council.get<{ items: { id: string }[] }>("/api/v1/clusters")).body.items[0]!.id;
    const seats = await council.get<{ items: { personName: string; userName: string | null }[] }>(
      `/api/v1/clusters/${id}/council`,
    );
    expect(seats.body.items.map((s) => s.personName)).toContain("دکتر ابراهیمی");
    expect(seats.body.items.some((s) => s.userName === "عضو شورای راهبری خوشه پوشاک قم")).toBe(true);
    const member = await signedIn(env(), { email: "member@khooshe.ir", password: "Khooshe1234" });
    const ents = await member.get<{ items: { name: string }[] }>("/api/v1/enterprises");
    expect(ents.body.items.map((e) => e.name)).toEqual(["تولیدی پوشاک نگین قم"]);
  });

  it("fills the seed clusters with members, stakeholders and their networks", async () => {
    const db = env().database.db;
    const clusterId = async (nameFa: string) =>
      (await db.selectFrom("clusters").select("id").where("name_fa", "=", nameFa).executeTakeFirstOrThrow()).id;
    const qz = await clusterId("خوشه صنعتی بسته‌بندی قزوین");
    const members = (id: string, kind: string) =>
      db
        .selectFrom("cluster_actors")
        .select(["actor_id", "status"])
        .where("cluster_id", "=", id)
        .where("kind", "=", kind as "enterprise")
        .execute();

    // Qazvin packaging: about 300 firms, in its four product groups, in every membership status.
    const qzFirms = await members(qz, "enterprise");
    expect(qzFirms.length).toBeGreaterThanOrEqual(300);
    expect(new Set(qzFirms.map((m) => m.status))).toEqual(new Set(MEMBERSHIP_STATUSES));
    const groups = await db
      .selectFrom("enterprise_products")
      .innerJoin("enterprises", "enterprises.id", "enterprise_products.enterprise_id")
      .select(["enterprise_products.product_group", (eb) => eb.fn.count<number>("enterprises.id").distinct().as("n")])
      .where("enterprises.cluster_id", "=", qz)
      .groupBy("enterprise_products.product_group")
      .execute();
    const byGroup: Record<string, number> = Object.fromEntries(groups.map((g) => [g.product_group ?? "", Number(g.n)]));
    expect(byGroup).toMatchObject({
      پلیمری: expect.any(Number),
      سلولزی: expect.any(Number),
      شیشه‌ای: expect.any(Number),
      فلزی: expect.any(Number),
    });
    expect(Object.values(byGroup).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(300);

    // The Tehran plastics cooperative and the supply cooperatives' union it met, with links to its firms.
    const institution = (name: string) =>
      db
        .selectFrom("actors")
        .innerJoin("institutions", "institutions.id", "actors.id")
        .select(["actors.id", "institutions.institution_kind", "actors.province_code"])
        .where("actors.name", "=", name)
        .executeTakeFirstOrThrow();
    const coop = await institution("تعاونی پلاستیک استان تهران");
    expect(coop).toMatchObject({ institution_kind: "cooperative", province_code: "IR-23" });
    const union = await institution("اتحادیه تعاونی‌های سراسری تأمین نیاز");
    const linksTo = async (id: string) =>
      Number(
        (
          await db
            .selectFrom("relationships")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("cluster_id", "=", qz)
            .where((eb) => eb.or([eb("to_actor_id", "=", id), eb("from_actor_id", "=", id)]))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await linksTo(coop.id)).toBeGreaterThan(20);
    expect(await linksTo(union.id)).toBeGreaterThan(10);

    // Qom clothing: producers, suppliers and the clothing producers' union.
    const qom = await clusterId("خوشه پوشاک قم");
    expect((await members(qom, "enterprise")).length).toBeGreaterThanOrEqual(50);
    const qomUnion = await institution("اتحادیه تولیدکنندگان پوشاک قم");
    expect(qomUnion.institution_kind).toBe("union");
    const qomInst = await db
      .selectFrom("cluster_actors")
      .innerJoin("institutions", "institutions.id", "cluster_actors.actor_id")
      .select("institutions.institution_kind")
      .where("cluster_actors.cluster_id", "=", qom)
      .execute();
    expect(qomInst.filter((i) => i.institution_kind === "supplier").length).toBeGreaterThanOrEqual(3);

    // Khorasan clothing: the designer database.
    const kr = await clusterId("خوشه پوشاک مشهد");
    const designers = await db
      .selectFrom("cluster_actors")
      .innerJoin("person_skills", "person_skills.person_id", "cluster_actors.actor_id")
      .select("person_skills.person_id")
      .where("cluster_actors.cluster_id", "=", kr)
      .where("person_skills.skill", "=", "designer")
      .execute();
    expect(designers.length).toBeGreaterThanOrEqual(40);

    // Zanjan carpet: the export consortium's 15 traders.
    const zn = await clusterId("خوشه فرش دستباف زنجان");
    const consortium = await institution("کنسرسیوم صادراتی فرش دستباف زنجان");
    const inConsortium = await db
      .selectFrom("relationships")
      .select("from_actor_id")
      .where("cluster_id", "=", zn)
      .where("to_actor_id", "=", consortium.id)
      .where("type", "=", "member_of")
      .execute();
    expect(inConsortium).toHaveLength(15);

    // Every kind of stakeholder the Isfahan report names is there.
    const kinds = await db.selectFrom("institutions").select("institution_kind").distinct().execute();
    expect(new Set(kinds.map((k) => k.institution_kind))).toEqual(new Set(INSTITUTION_KINDS));

    // Every seed cluster above has a network to draw; generated names say they are illustrative.
    const perCluster = await db
      .selectFrom("relationships")
      .select(["cluster_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("cluster_id")
      .execute();
    const links = new Map(perCluster.map((r) => [r.cluster_id, Number(r.n)]));
    for (const id of [qz, qom, kr, zn]) expect(links.get(id) ?? 0).toBeGreaterThanOrEqual(20);
    const unmarked = await db
      .selectFrom("actors")
      .select("name")
      .where("kind", "=", "enterprise")
      .where((eb) => eb.or([eb("notes", "is", null), eb("notes", "<>", ILLUSTRATIVE)]))
      .execute();
    expect(unmarked).toEqual([]);
    // The search index holds every actor (SQLite's FTS table is kept by triggers).
    if (env().engine === "sqlite") {
      const fts = await sql<{ n: number }>`select count(*) as n from actors_fts`.execute(db);
      const actors = await db
        .selectFrom("actors")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(fts.rows[0]!.n)).toBe(Number(actors.n));
    }
  });

  it("finds the demo's firms by search, typed with Arabic letters", async () => {
    const admin = await signedIn(env(), { email: "admin@khooshe.ir", password: "Khooshe1234" });
    // «پلاستيك» with the Arabic yeh and kaf finds Qazvin's polymer firms named «پلاستیک …».
    const found = await admin.get<{ items: { name: string; clusterName: string }[]; total: number }>(
      `/api/v1/enterprises?q=${encodeURIComponent("پلاستيك")}&limit=100`,
    );
    expect(found.status).toBe(200);
    expect(found.body.total).toBeGreaterThan(5);
    expect(found.body.items.every((e) => e.clusterName === "خوشه صنعتی بسته‌بندی قزوین")).toBe(true);
    // The Qom office sees Qom's firms and no one else's.
    const qom = await signedIn(env(), { email: "qom@khooshe.ir", password: "Khooshe1234" });
    const list = await qom.get<{ items: { clusterName: string }[]; total: number }>("/api/v1/enterprises?limit=100");
    expect(list.body.total).toBeGreaterThanOrEqual(50);
    expect(new Set(list.body.items.map((e) => e.clusterName))).toEqual(new Set(["خوشه پوشاک قم"]));
  });

  it("carries the reports' planning chains: Qom's three strategies and years, Khorasan's 22 approved programmes, Qazvin's draft", async () => {
    const admin = await signedIn(env(), { email: "admin@khooshe.ir", password: "Khooshe1234" });
    const clusters = (await admin.get<{ items: { id: string; nameFa: string }[] }>("/api/v1/clusters?limit=200")).body
      .items;
    const id = (name: string) => clusters.find((c) => c.nameFa === name)!.id;
    type Brief = {
      id: string;
      projectYear: number;
      status: string;
      programmes: number;
      approvedVersion: number | null;
    };
    const plansOf = async (name: string) =>
      (await admin.get<{ items: Brief[] }>(`/api/v1/clusters/${id(name)}/plans`)).body.items;

    const qomStudy = await admin.get<{ strategies: { title: string; pressurePointIds: string[] }[] }>(
      `/api/v1/clusters/${id("خوشه پوشاک قم")}/study`,
    );
    expect(qomStudy.body.strategies.map((s) => s.title)).toEqual([
      "بهبود وضعیت تأمین مواد اولیه",
      "بهبود فضای تولید و توسعه بازار",
      "ارتقای مهارت منابع انسانی",
    ]);
    const qom = await plansOf("خوشه پوشاک قم");
    expect(qom.map((p) => [p.projectYear, p.status, p.approvedVersion])).toEqual([
      [1, "approved", 1],
      [2, "approved", 1],
      [3, "submitted", 1],
    ]);
    // Year 3's revision adds the industrial estate to what was approved.
    const diff = await admin.get<{ added: { title: string }[]; removed: unknown[] }>(
      `/api/v1/plans/${qom[2]!.id}/compare?from=1&to=current`,
    );
    expect(diff.body.added.map((a) => a.title)).toEqual(["استقرار ذینفعان خوشه در یکی از شهرک‌های صنعتی قم"]);
    // The demo council member sees the revision waiting and the next meeting.
    const council = await signedIn(env(), { email: "council@khooshe.ir", password: "Khooshe1234" });
    expect((await council.get<{ total: number }>("/api/v1/plans?status=submitted")).body.total).toBe(1);
    expect((await council.get<{ total: number }>("/api/v1/council-meetings?upcoming=true")).body.total).toBe(1);

    const kr = await plansOf("خوشه پوشاک مشهد");
    expect(kr).toEqual([expect.objectContaining({ projectYear: 1, status: "approved", programmes: 22 })]);
    const plan = await admin.get<{ versions: { meetingId: string }[]; programmeList: { title: string }[] }>(
      `/api/v1/plans/${kr[0]!.id}`,
    );
    expect(plan.body.programmeList.map((p) => p.title)).toContain("رویداد استارتاپی «شیک آپ»");
    const meeting = await admin.get<{ status: string; quorate: boolean; decisions: { kind: string }[] }>(
      `/api/v1/council-meetings/${plan.body.versions[0]!.meetingId}`,
    );
    expect(meeting.body).toMatchObject({ status: "held", quorate: true, decisions: [{ kind: "approve_plan" }] });

    const qz = await plansOf("خوشه صنعتی بسته‌بندی قزوین");
    expect(qz).toEqual([expect.objectContaining({ status: "draft", programmes: 11 })]);
    // Every demo programme keeps the rules a user's would: inside its year, shares adding up.
    const db = env().database.db;
    const bad = await db
      .selectFrom("planning_programmes")
      .innerJoin("planning_plans", "planning_plans.id", "planning_programmes.plan_id")
      .select("planning_programmes.title")
      .where((eb) =>
        eb.or([
          eb("planning_programmes.start_date", "<", eb.ref("planning_plans.period_start")),
          eb("planning_programmes.end_date", ">", eb.ref("planning_plans.period_end")),
          eb("planning_programmes.end_date", "<", eb.ref("planning_programmes.start_date")),
          eb(
            sql`planning_programmes.share_national + planning_programmes.share_province + planning_programmes.share_members + planning_programmes.share_others`,
            "<>",
            eb.ref("planning_programmes.budget_rials"),
          ),
        ]),
      )
      .execute();
    expect(bad).toEqual([]);
  });
  it("carries the reports' activities: tied to the plans' programmes, registered, checked in, done", async () => {
    const admin = await signedIn(env(), { email: "admin@khooshe.ir", password: "Khooshe1234" });
    const clusters = (await admin.get<{ items: { id: string; nameFa: string }[] }>("/api/v1/clusters?limit=200")).body
      .items;
    const id = (name: string) => clusters.find((c) => c.nameFa === name)!.id;
    type Brief = {
      id: string;
      kind: string;
      title: string;
      status: string;
      programmeId: string | null;
      startDate: string;
    };
    const of = async (name: string) =>
      (await admin.get<{ items: Brief[]; total: number }>(`/api/v1/activities?clusterId=${id(name)}&limit=200`)).body;
    const byTitle = (list: Brief[], title: string) => list.find((a) => a.title === title)!;

    const qom = await of("خوشه پوشاک قم");
    expect(qom.total).toBe(9);
    const study = await admin.get<{ details: { countries: string[] }; programmeTitle: string; status: string }>(
      `/api/v1/activities/${byTitle(qom.items, "مطالعه بازار پوشاک کشورهای پیشرو: چین، بنگلادش و ترکیه").id}`,
    );
    expect(study.body).toMatchObject({
      details: { countries: ["CN", "BD", "TR"] },
      programmeTitle: "مطالعه بازار پوشاک چین، بنگلادش و ترکیه",
      status: "done",
    });
    expect(byTitle(qom.items, "تور خارجی بازدید از اکسپو ۲۰۲۰ دبی")).toMatchObject({ kind: "tour", status: "done" });
    expect(byTitle(qom.items, "نخستین همایش صنعت پوشاک قم")).toMatchObject({ kind: "conference", status: "done" });
    // The course ahead is full: twenty seats and two on the waiting list.
    const ahead = byTitle(qom.items, "دوره حضوری الگوسازی و برش صنعتی");
    expect(ahead.status).toBe("planned");
    const waiting = await admin.get<{ total: number; items: { position: number }[] }>(
      `/api/v1/activities/${ahead.id}/registrations?status=waitlisted`,
    );
    expect(waiting.body.items.map((r) => r.position)).toEqual([1, 2]);
    expect(
      (await admin.get<{ total: number }>(`/api/v1/activities/${ahead.id}/registrations?status=accepted`)).body.total,
    ).toBe(20);

    const kr = await of("خوشه پوشاک مشهد");
    expect(kr.total).toBe(8);
    expect(kr.items.filter((a) => a.programmeId !== null)).toHaveLength(7);
    expect(kr.items.map((a) => a.kind).sort()).toEqual(
      ["exhibition", "exhibition", "startup_event", "tour", "tour", "training", "training", "training"].sort(),
    );
    // The branding and trend courses: 150 people attended, by role as the report counts them.
    const courses = ["دوره آموزشی برندسازی در صنعت مد و پوشاک", "دوره آموزشی سبک‌شناسی و روندشناسی مد"].map(
      (t) => byTitle(kr.items, t).id,
    );
    const db = env().database.db;
    const attended = await db
      .selectFrom("activity_attendances as a")
      .innerJoin("activity_registrations as r", "r.id", "a.registration_id")
      .leftJoin("people", "people.id", "r.person_id")
      .select(["r.person_id", "people.enterprise_id"])
      .where("a.activity_id", "in", courses)
      .distinct()
      .execute();
    expect(new Set(attended.map((r) => r.person_id)).size).toBe(150);
    const skills = await db
      .selectFrom("person_skills")
      .select(["person_id", "skill"])
      .where(
        "person_id",
        "in",
        attended.map((r) => r.person_id!),
      )
      .execute();
    const designers = new Set(skills.filter((s) => s.skill === "designer").map((s) => s.person_id));
    const sellers = new Set(skills.filter((s) => s.skill === "marketer").map((s) => s.person_id));
    expect(designers.size).toBe(48);
    expect(attended.filter((r) => !designers.has(r.person_id!) && r.enterprise_id).length).toBeGreaterThanOrEqual(77);
    expect([...sellers].filter((p) => !designers.has(p)).length).toBeGreaterThanOrEqual(25);
    // The same from the beneficiaries' figures: the branding course's 95, its designers among them, and its survey.
    const figures = await admin.get<{
      people: number;
      byRole: { role: string; people: number }[];
      survey: { responses: number; average: number | null };
    }>(`/api/v1/activities/${courses[0]}/beneficiaries`);
    expect(figures.body.people).toBe(95);
    expect(figures.body.byRole.find((r) => r.role === "designer")?.people).toBe(48);
    expect(figures.body.survey.responses).toBeGreaterThan(10);
    expect(figures.body.survey.average).toBeGreaterThanOrEqual(3);
    const certificates = await db
      .selectFrom("activity_certificates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("activity_id", "=", courses[0]!)
      .executeTakeFirstOrThrow();
    expect(Number(certificates.n)).toBeGreaterThan(50);

    const qz = await of("خوشه صنعتی بسته‌بندی قزوین");
    expect(qz.total).toBe(9);
    const briefings = await admin.get<{ details: { recurrence: string }; sessions: unknown[] }>(
      `/api/v1/activities/${byTitle(qz.items, "جلسات توجیهی دوهفته‌یک‌بار اعضای خوشه").id}`,
    );
    expect(briefings.body).toMatchObject({ details: { recurrence: "biweekly" } });
    expect(briefings.body.sessions).toHaveLength(8);
    expect(qz.items.filter((a) => a.kind === "publication")).toHaveLength(2);

    const hidaj = await of("خوشه کفش هیدج");
    expect(hidaj.items.map((a) => a.kind).sort()).toEqual(["tour", "tour", "training", "training"]);
    // Every past activity was marked done (those with people after their check-ins); nothing past is still open.
    const open = await db
      .selectFrom("activities")
      .select("title")
      .where("status", "=", "planned")
      .where("end_date", "<", sql<string>`${new Date().toISOString().slice(0, 10)}`)
      .execute();
    expect(open).toEqual([]);
  });
});
