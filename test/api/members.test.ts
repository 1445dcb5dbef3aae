import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { type Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeEnterprise, makeUser, type TestEnv } from "../support/harness";

type Problem = { code: string; status: number; errors?: { path: string; message: string }[] };
type Enterprise = {
  id: string;
  name: string;
  nationalId: string | null;
  sizeClass: string | null;
  products: { name: string; productGroup: string | null }[];
  memberships: { clusterId: string; status: string; joinedOn: string | null; leftOn: string | null; home: boolean }[];
  can: { update: boolean; manageMemberships: boolean; managePeople: boolean; readPersonal: boolean };
};
type Person = {
  id: string;
  nationalId: string | null;
  mobile: string | null;
  personalHidden: boolean;
  clusterIds: string[];
  skills: string[];
};
type Item = { id: string; kind: string; name: string; skills: string[]; products: string[]; status: string | null };
type DirPage = { items: Item[]; total: number; totalCapped: boolean };
type Partner = {
  id: string;
  name: string;
  phone: string | null;
  capacity: number | null;
  products: { name: string }[];
  interestSentToday: boolean;
};

const expectProblem = (r: { status: number; body: unknown }, status: number, code: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect((r.body as Problem).code).toBe(code);
};

async function as(env: TestEnv, grant: Parameters<typeof makeUser>[1], name?: string): Promise<Client> {
  return signedIn(env, await makeUser(env, grant, name ? { name } : {}));
}

describeEngines("members: enterprises, people, institutions, directory, partners", (env) => {
  it("registers an enterprise with its profile, refuses bad and duplicate ones, and writes nothing half", async () => {
    const qazvin = await makeCluster(env(), { provinceCode: "IR-26", nameFa: "بسته‌بندی قزوین" });
    const manager = await as(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: qazvin.id });
    const r = await manager.post<Enterprise>(`/api/v1/clusters/${qazvin.id}/enterprises`, {
      name: "پلیمر البرز",
      nationalId: "۱۰۳۸۰۲۸۴۷۹۰",
      legalForm: "private_joint_stock",
      employeesIndustrial: 30,
      employeesGuild: 5,
      products: [
        { name: "فیلم پلیمری", productGroup: "polymer" },
        { name: "کیسه", productGroup: "polymer" },
      ],
      city: "قزوین",
      phone: "۰۲۸-۳۳۳۳۴۴۴۴",
      website: "https://alborz.example.ir",
      published: true,
      publishedFields: ["products"],
    });
    expect(r.status, r.text).toBe(201);
    expect(r.body.nationalId).toBe("10380284790");
    expect(r.body.sizeClass).toBe("small");
    expect(r.body.products.map((p) => p.name)).toEqual(["فیلم پلیمری", "کیسه"]);
    expect(r.body.memberships).toMatchObject([{ clusterId: qazvin.id, status: "member", home: true }]);
    expect(r.body.can).toMatchObject({ update: true, manageMemberships: true, readPersonal: true });

    const bad = await manager.post(`/api/v1/clusters/${qazvin.id}/enterprises`, {
      name: "بنگاه دیگر",
      nationalId: "10380284791",
    });
    expectProblem(bad, 400, "validation_failed");
    expect((bad.body as Problem).errors?.[0]).toMatchObject({ path: "body.nationalId" });
    expect((bad.body as Problem).errors?.[0]?.message).toMatch(/شناسه ملی/);

    const taken = await manager.post(`/api/v1/clusters/${qazvin.id}/enterprises`, {
      name: "بنگاه سوم",
      nationalId: "10380284790",
    });
    expectProblem(taken, 409, "national_id_taken");
    // The same name and city, typed with Arabic yeh and a space: the same enterprise.
    const dup = await manager.post(`/api/v1/clusters/${qazvin.id}/enterprises`, {
      name: "پليمر  البرز",
      city: "قزوين",
    });
    expectProblem(dup, 409, "enterprise_duplicate");
    const n = await env()
      .database.db.selectFrom("actors")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("name_norm", "like", "%بنگاه سوم%")
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);

    // The same name in another city is another enterprise.
    const other = await manager.post(`/api/v1/clusters/${qazvin.id}/enterprises`, {
      name: "پلیمر البرز",
      city: "تاکستان",
    });
    expect(other.status, other.text).toBe(201);
  });

  it("lets a member edit only their own enterprise and any cluster manager of its clusters edit it", async () => {
    const home = await makeCluster(env(), { provinceCode: "IR-26" });
    const second = await makeCluster(env(), { provinceCode: "IR-23" });
    const mine = await makeEnterprise(env(), home, "بنگاه من");
    const theirs = await makeEnterprise(env(), home, "بنگاه همسایه");
    const member = await as(env(), {
      role: "member",
      provinceCode: "IR-26",
      clusterId: home.id,
      enterpriseId: mine.id,
    });
    const own = await member.patch<Enterprise>(`/api/v1/enterprises/${mine.id}`, { employeesIndustrial: 60 });
    expect(own.status, own.text).toBe(200);
    expect(own.body.sizeClass).toBe("medium");
    expectProblem(await member.patch(`/api/v1/enterprises/${theirs.id}`, { name: "ربوده" }), 404, "not_found");

    // A council member reads but does not edit: 403.
    const council = await as(env(), { role: "council_member", provinceCode: "IR-26", clusterId: home.id });
    expect((await council.get(`/api/v1/enterprises/${mine.id}`)).status).toBe(200);
    expectProblem(await council.patch(`/api/v1/enterprises/${mine.id}`, { name: "x" }), 403, "forbidden");

    // The manager of a second cluster: 404 until the enterprise joins it, then may edit.
    const manager2 = await as(env(), { role: "cluster_manager", provinceCode: "IR-23", clusterId: second.id });
    expectProblem(await manager2.get(`/api/v1/enterprises/${mine.id}`), 404, "not_found");
    const add = await manager2.post(`/api/v1/clusters/${second.id}/members`, { actorId: mine.id, status: "applicant" });
    expect(add.status, add.text).toBe(201);
    expect(add.body).toMatchObject({ status: "applicant", joinedOn: null, home: false });
    expectProblem(
      await manager2.post(`/api/v1/clusters/${second.id}/members`, { actorId: mine.id }),
      409,
      "membership_exists",
    );
    const edited = await manager2.patch<Enterprise>(`/api/v1/enterprises/${mine.id}`, { city: "تهران" });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.memberships.map((m) => m.clusterId)).toEqual([home.id, second.id]);

    const joined = await manager2.patch(`/api/v1/clusters/${second.id}/members/${mine.id}`, { status: "member" });
    expect(joined.body).toMatchObject({ status: "member", leftOn: null });
    expect(joined.body.joinedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const early = await manager2.patch(`/api/v1/clusters/${second.id}/members/${mine.id}`, {
      status: "left",
      joinedOn: "2024-05-01",
      leftOn: "2024-04-01",
    });
    expectProblem(early, 400, "end_before_start");
    // The member list's total (read from the membership index) follows the status, and agrees with its rows.
    const listed = async (status: string) =>
      (await manager2.get<DirPage>(`/api/v1/directory?clusterId=${second.id}&kind=enterprise&status=${status}`)).body;
    const members = await listed("member");
    expect(members.items.map((i) => i.id)).toContain(mine.id);
    expect(members.total).toBe(members.items.length);
    expect((await listed("applicant")).items.map((i) => i.id)).not.toContain(mine.id);
    expect((await listed("applicant")).total).toBe((await listed("applicant")).items.length);
    // Another cluster's manager may not change the home membership.
    expectProblem(
      await manager2.patch(`/api/v1/clusters/${home.id}/members/${mine.id}`, { status: "left" }),
      404,
      "not_found",
    );

    // Province admins: in their province yes, elsewhere no.
    const qazvinAdmin = await as(env(), { role: "province_admin", provinceCode: "IR-26" });
    expect((await qazvinAdmin.get(`/api/v1/enterprises/${theirs.id}`)).status).toBe(200);
    const tehranAdmin = await as(env(), { role: "province_admin", provinceCode: "IR-23" });
    expectProblem(await tehranAdmin.get(`/api/v1/enterprises/${theirs.id}`), 404, "not_found");
    const national = await as(env(), { role: "national_admin" });
    expect((await national.get(`/api/v1/enterprises/${theirs.id}`)).status).toBe(200);

    const audit = await env()
      .database.db.selectFrom("audit_log")
      .select(["action", "summary"])
      .where("target_id", "=", mine.id)
      .orderBy("at")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "enterprise.update",
      "membership.create",
      "enterprise.update",
      "membership.update",
    ]);
  });

  it("keeps people's personal data to those who need it, and staff inherit their enterprise's clusters", async () => {
    const c = await makeCluster(env(), { provinceCode: "IR-09", nameFa: "پوشاک خراسان" });
    const e = await makeEnterprise(env(), c, "پوشاک توس");
    const manager = await as(env(), { role: "cluster_manager", provinceCode: "IR-09", clusterId: c.id });
    const designer = await manager.post<Person>("/api/v1/people", {
      name: "مریم طراح",
      skills: ["designer"],
      clusterIds: [c.id],
      nationalId: "0499370899",
      mobile: "۰۹۱۲۱۲۳۴۵۶۷",
      portfolio: ["https://behance.net/maryam"],
    });
    expect(designer.status, designer.text).toBe(201);
    expect(designer.body).toMatchObject({ nationalId: "0499370899", mobile: "09121234567", personalHidden: false });
    const badId = await manager.post("/api/v1/people", {
      name: "بی‌شناسه",
      clusterIds: [c.id],
      nationalId: "1234567890",
    });
    expectProblem(badId, 400, "validation_failed");
    const nowhere = await manager.post("/api/v1/people", { name: "بی‌خوشه" });
    expectProblem(nowhere, 400, "validation_failed");
    expect((nowhere.body as Problem).errors?.[0]?.path).toBe("body.clusterIds");

    const member = await as(env(), { role: "member", provinceCode: "IR-09", clusterId: c.id, enterpriseId: e.id });
    const staff = await member.post<Person>("/api/v1/people", {
      name: "علی کارمند",
      enterpriseId: e.id,
      mobile: "09351112233",
    });
    expect(staff.status, staff.text).toBe(201);
    // Inherited: the enterprise's home cluster, though the person has no row of their own.
    expect(staff.body.clusterIds).toEqual([c.id]);
    expect(staff.body.mobile).toBe("09351112233");
    // The member may not add people straight to the cluster.
    expectProblem(await member.post("/api/v1/people", { name: "x", clusterIds: [c.id] }), 403, "forbidden");
    // Nor see the cluster's designer (person.read is their own staff).
    expectProblem(await member.get(`/api/v1/people/${designer.body.id}`), 404, "not_found");

    const council = await as(env(), { role: "council_member", provinceCode: "IR-09", clusterId: c.id });
    const seen = await council.get<Person>(`/api/v1/people/${staff.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ personalHidden: true, mobile: null, nationalId: null });
    const byManager = await manager.get<Person>(`/api/v1/people/${staff.body.id}`);
    expect(byManager.body).toMatchObject({ personalHidden: false, mobile: "09351112233" });

    // The directory: the cluster's people include the staff (inherited) and the designer.
    const people = await manager.get<DirPage>(`/api/v1/directory?clusterId=${c.id}&kind=person`);
    expect(people.body.items.map((i) => i.name).sort()).toEqual(["علی کارمند", "مریم طراح"].sort());
    const designers = await manager.get<DirPage>(`/api/v1/directory?clusterId=${c.id}&skill=designer`);
    expect(designers.body.items.map((i) => i.name)).toEqual(["مریم طراح"]);
    // The member's directory: their enterprise and its staff, not the designer.
    const mineOnly = await member.get<DirPage>("/api/v1/directory");
    expect(mineOnly.body.items.map((i) => i.name).sort()).toEqual(["علی کارمند", "پوشاک توس"].sort());
    const outside = await as(env(), {
      role: "cluster_manager",
      provinceCode: "IR-09",
      clusterId: (await makeCluster(env(), { provinceCode: "IR-09" })).id,
    });
    expectProblem(await outside.get(`/api/v1/directory?clusterId=${c.id}`), 404, "not_found");
    expect((await outside.get<DirPage>("/api/v1/directory?kind=person")).body.total).toBe(0);

    // The designer database as a saved view: opened and exported by the council, not by outsiders.
    const view = await manager.post<{ id: string; filters: Record<string, string> }>(`/api/v1/clusters/${c.id}/views`, {
      name: "بانک اطلاعات طراحان",
      filters: { skill: "designer" },
    });
    expect(view.status, view.text).toBe(201);
    expect(view.body.filters).toEqual({ skill: "designer", clusterId: c.id });
    const opened = await council.get<DirPage>(`/api/v1/directory?viewId=${view.body.id}`);
    expect(opened.body.items.map((i) => i.name)).toEqual(["مریم طراح"]);
    expectProblem(await outside.get(`/api/v1/views/${view.body.id}`), 404, "not_found");
    expect((await council.get<{ total: number }>(`/api/v1/clusters/${c.id}/views`)).body.total).toBe(1);

    const xlsx = await council.req("GET", `/api/v1/directory/export.xlsx?viewId=${view.body.id}&lang=fa`);
    expect(xlsx.status).toBe(200);
    const managerXlsx = await fetch(`${env().baseUrl}/api/v1/directory/export.xlsx?clusterId=${c.id}&kind=person`, {
      headers: { cookie: manager.cookie ?? "" },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await managerXlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]?.rightToLeft).toBe(true);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe("نام");
    const mobileCol = header.indexOf("همراه") + 1;
    const rows = [2, 3].map((i) => ws.getRow(i));
    expect(rows.map((r) => r.getCell(1).value).sort()).toEqual(["علی کارمند", "مریم طراح"].sort());
    expect(rows.map((r) => r.getCell(mobileCol).value).sort()).toEqual(["09121234567", "09351112233"]);
    // The council's sheet of the same people has the personal columns empty.
    const councilXlsx = await fetch(`${env().baseUrl}/api/v1/directory/export.xlsx?clusterId=${c.id}&kind=person`, {
      headers: { cookie: council.cookie ?? "" },
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(await councilXlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect([2, 3].map((i) => wb2.worksheets[0]!.getRow(i).getCell(mobileCol).value ?? "")).toEqual(["", ""]);
  });

  it("registers institutions of every kind for the clusters they serve", async () => {
    const c = await makeCluster(env(), { provinceCode: "IR-25", nameFa: "پوشاک قم" });
    const manager = await as(env(), { role: "cluster_manager", provinceCode: "IR-25", clusterId: c.id });
    for (const kind of ["union", "supplier", "financial_institution"]) {
      const r = await manager.post("/api/v1/institutions", {
        name: `نهاد ${kind}`,
        institutionKind: kind,
        clusterIds: [c.id],
      });
      expect(r.status, r.text).toBe(201);
    }
    // A cluster out of reach is a field error (its existence is not revealed); a council member keeps no institutions: 403.
    const other = await makeCluster(env(), { provinceCode: "IR-25" });
    const refused = await manager.post("/api/v1/institutions", {
      name: "بانک",
      institutionKind: "financial_institution",
      clusterIds: [other.id],
    });
    expectProblem(refused, 400, "cluster_not_found");
    const council = await as(env(), { role: "council_member", provinceCode: "IR-25", clusterId: c.id });
    expectProblem(
      await council.post("/api/v1/institutions", {
        name: "بانک",
        institutionKind: "financial_institution",
        clusterIds: [c.id],
      }),
      403,
      "forbidden",
    );
    const unions = await manager.get<DirPage>(`/api/v1/directory?clusterId=${c.id}&institutionKind=union`);
    expect(unions.body.items.map((i) => i.name)).toEqual(["نهاد union"]);
    // Members of the cluster see who its institutions are.
    const e = await makeEnterprise(env(), c);
    const member = await as(env(), { role: "member", provinceCode: "IR-25", clusterId: c.id, enterpriseId: e.id });
    const seen = await member.get<DirPage>("/api/v1/directory?kind=institution");
    expect(seen.body.total).toBe(3);
  });

  it("partner search shows only published fields, and interest is notified once a day", async () => {
    const qazvin = await makeCluster(env(), { provinceCode: "IR-26" });
    const tehran = await makeCluster(env(), { provinceCode: "IR-23" });
    const national = await as(env(), { role: "national_admin" });
    const film = await national.post<Enterprise>(`/api/v1/clusters/${qazvin.id}/enterprises`, {
      name: "فیلم قزوین",
      provinceCode: "IR-26",
      products: [{ name: "فیلم پلیمری", productGroup: "polymer" }],
      phone: "02833334444",
      capacity: 1200,
      published: true,
      publishedFields: ["products", "capacity"],
    });
    const hidden = await national.post<Enterprise>(`/api/v1/clusters/${tehran.id}/enterprises`, {
      name: "پلاستیک تهران",
      provinceCode: "IR-23",
      products: [{ name: "فیلم پلیمری شرینک", productGroup: "polymer" }],
      published: true,
      publishedFields: [],
    });
    await national.post(`/api/v1/clusters/${tehran.id}/enterprises`, {
      name: "فیلم ناپیدا",
      provinceCode: "IR-23",
      products: [{ name: "فیلم پلیمری", productGroup: "polymer" }],
    });
    const memberEnt = await makeEnterprise(env(), tehran, "خریدار تهران");
    const buyerUser = await makeUser(
      env(),
      { role: "member", provinceCode: "IR-23", clusterId: tehran.id, enterpriseId: memberEnt.id },
      { name: "خریدار" },
    );
    const buyer = await signedIn(env(), buyerUser);
    const found = await buyer.get<{ items: Partner[] }>("/api/v1/partners?q=فيلم پليمري&provinceCodes=IR-26,IR-23");
    expect(found.status, found.text).toBe(200);
    // «پلاستیک تهران» does not publish its products, so a product search does not find it.
    const names = found.body.items.map((p) => p.name);
    expect(names).toContain("فیلم قزوین");
    expect(names).not.toContain("پلاستیک تهران");
    expect(names).not.toContain("فیلم ناپیدا");
    const filmItem = found.body.items.find((p) => p.name === "فیلم قزوین");
    expect(filmItem).toMatchObject({ capacity: 1200, phone: null });
    expect(filmItem?.products.map((p) => p.name)).toEqual(["فیلم پلیمری"]);
    const all = await buyer.get<{ items: Partner[] }>("/api/v1/partners?provinceCodes=IR-23");
    expect(all.body.items.map((p) => p.name)).toEqual(["پلاستیک تهران"]);
    expect(all.body.items[0]).toMatchObject({ products: [], capacity: null });
    expect(hidden.status).toBe(201);

    const filmManagerUser = await makeUser(env(), {
      role: "cluster_manager",
      provinceCode: "IR-26",
      clusterId: qazvin.id,
    });
    const filmMemberUser = await makeUser(env(), {
      role: "member",
      provinceCode: "IR-26",
      clusterId: qazvin.id,
      enterpriseId: film.body.id,
    });
    const sent = await buyer.post<{ notified: number }>(`/api/v1/partners/${film.body.id}/interest`, {
      message: "سلام، به فیلم پلیمری شما نیاز داریم.",
    });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body.notified).toBe(2);
    for (const u of [filmManagerUser, filmMemberUser]) {
      const c = await signedIn(env(), u);
      const n = await c.get<{ items: { kind: string; params: Record<string, string> }[] }>("/api/v1/notifications");
      expect(n.body.items[0]).toMatchObject({ kind: "partner_interest", params: { enterprise: "فیلم قزوین" } });
      expect(n.body.items[0]?.params.from).toContain("خریدار");
    }
    expectProblem(
      await buyer.post(`/api/v1/partners/${film.body.id}/interest`, { message: "دوباره" }),
      409,
      "interest_already_sent",
    );
    const again = await buyer.get<{ items: Partner[] }>("/api/v1/partners?provinceCodes=IR-26");
    expect(again.body.items.find((p) => p.id === film.body.id)?.interestSentToday).toBe(true);
    expectProblem(await buyer.post(`/api/v1/partners/${memberEnt.id}/interest`, { message: "x" }), 404, "not_found");
    const audit = await env()
      .database.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", film.body.id)
      .where("action", "=", "partner.interest")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
