import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { addDaysIso, addYearsIso, todayIso } from "../../src/core/jalali";
import { sortKeyFa } from "../../src/core/normalize";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser } from "../support/harness";

type Problem = { code: string; detail: string; status: number };
type Detail = {
  id: string;
  state: string;
  stateSince: string | null;
  implementationYear: number | null;
  agentContractEnd: string | null;
  warnings: string[];
  nextStates: string[];
  resumeState: string | null;
  isicCodes: string[];
  productGroups: string[];
  jobsIndustrial: number | null;
  jobsGuild: number | null;
  transitions: { id: string; fromState: string | null; toState: string; happenedOn: string; reason: string | null }[];
  contracts: {
    id: string;
    kind: string;
    startDate: string;
    endDate: string;
    endingSoon: boolean;
    milestones: { overdue: boolean }[];
  }[];
};
type List = { items: Detail[]; total: number };

const today = todayIso();
const daysAgo = (n: number) => addDaysIso(today, -n);

const QAZVIN = {
  nameFa: "خوشه صنعتی بسته‌بندی",
  nameEn: "Packaging",
  provinceCode: "IR-26",
  place: "استان قزوین",
  sector: "بسته‌بندی",
  isicCodes: ["1702", "2220"],
  productGroups: ["پلیمری", "سلولزی", "شیشه‌ای", "فلزی"],
  advantageNote: "مزیت رقابتی استان",
  estEnterprises: { value: 300, source: "دبیرخانه خوشه", date: "2013-01-01" },
  jobs: { industrial: 13500, guild: 20500, source: "گزارش شرکت شهرکها", date: "2023-01-01" },
  identifiedOn: "2012-08-22",
};

describeEngines("cluster registry and life cycle", (env) => {
  it("registers a cluster with its figures and sources, within the province admin's province only", async () => {
    const qz = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-26" }));
    const r = await qz.post<Detail>("/api/v1/clusters", QAZVIN);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: "identified",
      stateSince: "2012-08-22",
      isicCodes: ["1702", "2220"],
      productGroups: ["پلیمری", "سلولزی", "شیشه‌ای", "فلزی"],
      jobsIndustrial: 13500,
      jobsGuild: 20500,
      implementationYear: null,
    });
    expect(r.body.transitions).toHaveLength(1);
    expect(r.body.transitions[0]).toMatchObject({ fromState: null, toState: "identified", happenedOn: "2012-08-22" });
    expect(r.body.nextStates).toEqual(["feasibility", "on_hold", "cancelled"]);

    // The same name typed with Arabic letters and without the ZWNJ is a duplicate in the same province.
    const dup = await qz.post<Problem>("/api/v1/clusters", { ...QAZVIN, nameFa: "خوشه صنعتي بسته بندي" });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("cluster_name_taken");
    const elsewhere = await qz.post<Problem>("/api/v1/clusters", { ...QAZVIN, provinceCode: "IR-19" });
    expect(elsewhere.status).toBe(403);
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    expect((await nat.post("/api/v1/clusters", { ...QAZVIN, provinceCode: "IR-19" })).status).toBe(201);
    const unknown = await nat.post<Problem>("/api/v1/clusters", { ...QAZVIN, provinceCode: "IR-99" });
    expect(unknown.body.code).toBe("unknown_province");
    const future = await nat.post<Problem>("/api/v1/clusters", {
      ...QAZVIN,
      nameFa: "خوشه آینده",
      identifiedOn: addDaysIso(today, 3),
    });
    expect(future.status).toBe(400);
    expect(future.body.code).toBe("date_in_future");
    for (const bad of [
      { ...QAZVIN, nameFa: "" },
      { ...QAZVIN, isicCodes: ["12345"] },
      { ...QAZVIN, estEnterprises: { value: -1 } },
      { ...QAZVIN, colour: "red" },
      { ...QAZVIN, identifiedOn: "1401/10/01" },
    ]) {
      const res = await nat.post<Problem>("/api/v1/clusters", bad);
      expect(res.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    const count = await env()
      .database.db.selectFrom("clusters")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("name_fa", "=", QAZVIN.nameFa)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it("moves through the life cycle only by allowed, dated steps; going back needs a reason", async () => {
    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const c = (
      await qom.post<Detail>("/api/v1/clusters", {
        nameFa: "خوشه پوشاک",
        provinceCode: "IR-25",
        identifiedOn: daysAgo(900),
      })
    ).body;
    const step = (toState: string, happenedOn: string, extra: Record<string, unknown> = {}) =>
      qom.post<Detail & Problem>(`/api/v1/clusters/${c.id}/transitions`, { toState, happenedOn, ...extra });

    const skip = await step("approved", daysAgo(800));
    expect(skip.status).toBe(400);
    expect(skip.body.code).toBe("transition_not_allowed");
    expect(skip.body.detail).toContain("شناسایی‌شده");
    expect((await step("feasibility", addDaysIso(today, 1))).body.code).toBe("date_in_future");
    expect((await step("feasibility", daysAgo(1000))).body.code).toBe("date_before_previous_step");
    const stray = { provincialCommittee: daysAgo(850), nationalOrganisation: daysAgo(850) };
    expect((await step("feasibility", daysAgo(850), { approvals: stray })).status).toBe(400);
    expect((await step("feasibility", daysAgo(850), { approvals: null })).status).toBe(201);
    // Approval is dated by both bodies, neither after the step itself.
    expect((await step("approved", daysAgo(800))).body.code).toBe("approvals_required");
    const late = { provincialCommittee: daysAgo(820), nationalOrganisation: daysAgo(790) };
    expect((await step("approved", daysAgo(800), { approvals: late })).body.code).toBe("approval_after_step");
    const approvals = { provincialCommittee: daysAgo(830), nationalOrganisation: daysAgo(805) };
    const approved = await step("approved", daysAgo(800), { approvals });
    expect(approved.status).toBe(201);
    expect((approved.body as unknown as { transitions: { approvals: unknown }[] }).transitions[0]?.approvals).toEqual(
      approvals,
    );
    const noContract = await step("agent_contracted", daysAgo(760));
    expect(noContract.body.code).toBe("contract_required");

    // Contracts: end before start refused; the agent's runs three years by default.
    const wrong = await qom.post<Problem>(`/api/v1/clusters/${c.id}/contracts`, {
      kind: "agent",
      organisation: "عامل توسعه",
      startDate: daysAgo(760),
      endDate: daysAgo(800),
    });
    expect(wrong.body.code).toBe("end_before_start");
    const withContract = await qom.post<Detail>(`/api/v1/clusters/${c.id}/contracts`, {
      kind: "agent",
      organisation: "شرکت مشاور عامل توسعه",
      leadPerson: "دکتر ابراهیمی",
      contractNumber: "۱۲۳/ق",
      startDate: daysAgo(760),
      amountRials: 12_000_000_000,
      milestones: [
        { title: "مطالعه شناختی", plannedDate: daysAgo(600), actualDate: daysAgo(590) },
        { title: "برنامه عملیاتی", plannedDate: daysAgo(10) },
      ],
    });
    expect(withContract.status).toBe(201);
    const agent = withContract.body.contracts[0]!;
    expect(agent.endDate).toBe(addDaysIso(addYearsIso(daysAgo(760), 3), -1));
    expect(agent.milestones.map((m) => m.overdue)).toEqual([false, true]);

    expect((await step("agent_contracted", daysAgo(760))).status).toBe(201);
    expect((await step("diagnostic", daysAgo(700))).status).toBe(201);
    const planned = await step("action_planning", daysAgo(500));
    // The contract started 760 days ago: the project is in its third year.
    expect(planned.body.implementationYear).toBe(3);
    expect(planned.body.warnings).toEqual(["milestone_overdue"]);

    // Back to diagnostic needs a reason; with one it is accepted and kept.
    expect((await step("diagnostic", daysAgo(400))).body.code).toBe("reason_required");
    const back = await step("diagnostic", daysAgo(400), { reason: "مطالعه شناختی باید با داده‌های تازه تکمیل شود" });
    expect(back.status).toBe(201);
    expect(back.body.transitions[0]).toMatchObject({ fromState: "action_planning", toState: "diagnostic" });
    expect(back.body.transitions[0]?.reason).toContain("داده‌های تازه");

    // On hold, then resume only to where it was; cancel needs a reason.
    const hold = await step("on_hold", daysAgo(300));
    expect(hold.body.resumeState).toBe("diagnostic");
    expect(hold.body.nextStates).toEqual(["diagnostic", "cancelled"]);
    expect((await step("implementation", daysAgo(200))).body.code).toBe("transition_not_allowed");
    expect((await step("diagnostic", daysAgo(200))).status).toBe(201);
    expect((await step("cancelled", daysAgo(100))).body.code).toBe("reason_required");
    const detail = await qom.get<Detail>(`/api/v1/clusters/${c.id}`);
    expect(detail.body.transitions.map((t) => t.toState)).toEqual([
      "diagnostic",
      "on_hold",
      "diagnostic",
      "action_planning",
      "diagnostic",
      "agent_contracted",
      "approved",
      "feasibility",
      "identified",
    ]);
    const audit = await qom.get<{ items: { action: string }[] }>(`/api/v1/audit?action=cluster.transition`);
    expect(audit.body.items.length).toBeGreaterThanOrEqual(7);
  });

  it("keeps a Qom province admin and a cluster manager out of other clusters: 404, never data", async () => {
    const zanjan = await makeCluster(env(), { provinceCode: "IR-19", state: "identified" });
    const qomCluster = await makeCluster(env(), { provinceCode: "IR-25" });
    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const calls: Array<[string, string, unknown]> = [
      ["GET", `/api/v1/clusters/${zanjan.id}`, undefined],
      ["PATCH", `/api/v1/clusters/${zanjan.id}`, { sector: "x" }],
      ["POST", `/api/v1/clusters/${zanjan.id}/transitions`, { toState: "feasibility", happenedOn: today }],
      ["POST", `/api/v1/clusters/${zanjan.id}/contracts`, { kind: "agent", organisation: "x", startDate: today }],
    ];
    for (const [method, path, body] of calls) {
      const r = await qom.req<Problem>(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.text).not.toContain(zanjan.nameFa);
    }
    const after = await env()
      .database.db.selectFrom("clusters")
      .selectAll()
      .where("id", "=", zanjan.id)
      .executeTakeFirstOrThrow();
    expect(after.state).toBe("identified");
    expect(after.sector).toBeNull();

    // The cluster manager updates their own cluster, cannot record contracts, and cannot see the neighbour.
    const manager = await signedIn(
      env(),
      await makeUser(env(), { role: "cluster_manager", clusterId: qomCluster.id, provinceCode: "IR-25" }),
    );
    expect((await manager.patch(`/api/v1/clusters/${qomCluster.id}`, { sector: "پوشاک" })).status).toBe(200);
    expect(
      (
        await manager.post(`/api/v1/clusters/${qomCluster.id}/contracts`, {
          kind: "agent",
          organisation: "x",
          startDate: today,
        })
      ).status,
    ).toBe(403);
    expect((await manager.post("/api/v1/clusters", { nameFa: "خوشه تازه", provinceCode: "IR-25" })).status).toBe(403);
    const other = await makeCluster(env(), { provinceCode: "IR-25" });
    expect((await manager.get(`/api/v1/clusters/${other.id}`)).status).toBe(404);
    const council = await signedIn(
      env(),
      await makeUser(env(), { role: "council_member", clusterId: qomCluster.id, provinceCode: "IR-25" }),
    );
    expect((await council.get(`/api/v1/clusters/${qomCluster.id}`)).status).toBe(200);
    expect(
      (
        await council.post(`/api/v1/clusters/${qomCluster.id}/transitions`, {
          toState: "feasibility",
          happenedOn: today,
        })
      ).status,
    ).toBe(403);
  });

  it("filters the registry by province, sector, state, implementation year, contract ending and Persian search", async () => {
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const mk = async (nameFa: string, provinceCode: string, sector: string) =>
      (await nat.post<Detail>("/api/v1/clusters", { nameFa, provinceCode, sector, identifiedOn: daysAgo(2000) })).body;
    const year1 = await mk("خوشه چاقوی آزمون", "IR-19", "صنایع دستی فلزی");
    const year2 = await mk("خوشه مسگری آزمون", "IR-19", "صنایع دستی فلزی");
    const ending = await mk("خوشه روی آزمون", "IR-19", "فلزات");
    const plan = async (id: string, start: string, end?: string) => {
      await nat.post(`/api/v1/clusters/${id}/contracts`, {
        kind: "agent",
        organisation: "عامل",
        startDate: start,
        endDate: end,
      });
      for (const s of ["feasibility", "approved", "agent_contracted", "diagnostic"]) {
        const approvals = s === "approved" ? { provincialCommittee: start, nationalOrganisation: start } : undefined;
        const r = await nat.post(`/api/v1/clusters/${id}/transitions`, { toState: s, happenedOn: start, approvals });
        expect(r.status, s).toBe(201);
      }
    };
    await plan(year1.id, daysAgo(30));
    await plan(year2.id, daysAgo(400));
    await plan(ending.id, daysAgo(800), addDaysIso(today, 20));

    const ids = async (qs: string) =>
      (await nat.get<List>(`/api/v1/clusters?limit=200&${qs}`)).body.items.map((c) => c.id);
    expect(await ids("year=1&provinceCode=IR-19")).toEqual([year1.id]);
    expect(await ids("year=2&provinceCode=IR-19")).toEqual([year2.id]);
    expect(await ids("year=3&provinceCode=IR-19")).toEqual([ending.id]);
    expect(await ids("contractEnding=true&provinceCode=IR-19")).toEqual([ending.id]);
    const endingItem = (await nat.get<List>(`/api/v1/clusters?contractEnding=true&provinceCode=IR-19`)).body.items[0]!;
    expect(endingItem.warnings).toContain("contract_ending");
    expect((await ids("state=diagnostic&provinceCode=IR-19")).sort()).toEqual([year1.id, year2.id, ending.id].sort());
    expect(await ids(`sector=${encodeURIComponent("فلزات")}&provinceCode=IR-19`)).toEqual([ending.id]);
    // Arabic kaf/yeh and Persian digits in the query still find «چاقوی».
    expect(await ids(`q=${encodeURIComponent("چاقوي")}`)).toEqual([year1.id]);
    const sorted = (
      await nat.get<List & { items: { stateSince: string }[] }>(
        "/api/v1/clusters?provinceCode=IR-19&sort=stateSince&order=asc",
      )
    ).body.items;
    expect(sorted.map((c) => c.stateSince)).toEqual([...sorted.map((c) => c.stateSince)].sort());
    expect((await nat.get<Problem>("/api/v1/clusters?year=4")).status).toBe(400);
    expect((await nat.get<Problem>("/api/v1/clusters?state=dreaming")).status).toBe(400);
  });

  it("sorts names in Persian alphabetical order on every engine", async () => {
    for (const nameFa of ["خوشه یاقوت", "خوشه گلاب", "خوشه پسته", "خوشه آجر", "خوشه چرم", "خوشه بادام"]) {
      await makeCluster(env(), { provinceCode: "IR-28", nameFa });
    }
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const names = async (order: string) =>
      (
        await nat.get<{ items: { nameFa: string }[] }>(`/api/v1/clusters?provinceCode=IR-28&order=${order}`)
      ).body.items.map((c) => c.nameFa);
    const expected = ["خوشه آجر", "خوشه بادام", "خوشه پسته", "خوشه چرم", "خوشه گلاب", "خوشه یاقوت"];
    expect(await names("asc")).toEqual(expected);
    expect(await names("desc")).toEqual([...expected].reverse());
    const provinces = await env().database.db.selectFrom("provinces").select(["name_fa", "name_sort"]).execute();
    for (const p of provinces) expect(p.name_sort, p.name_fa).toBe(sortKeyFa(p.name_fa));
  });

  it("counts clusters per state per province within scope", async () => {
    await makeCluster(env(), { provinceCode: "IR-21", state: "handed_over" });
    await makeCluster(env(), { provinceCode: "IR-21", state: "network" });
    await makeCluster(env(), { provinceCode: "IR-21", state: "implementation" });
    await makeCluster(env(), { provinceCode: "IR-22", state: "identified" });
    const yazd = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-21" }));
    const s = await yazd.get<{
      byProvince: { provinceCode: string; total: number; counts: Record<string, number> }[];
      groups: Record<string, number>;
      total: number;
    }>("/api/v1/clusters/stats");
    expect(s.status).toBe(200);
    expect(s.body.byProvince.map((p) => p.provinceCode)).toEqual(["IR-21"]);
    expect(s.body.byProvince[0]).toMatchObject({ total: 3, counts: { handed_over: 1, network: 1, implementation: 1 } });
    expect(s.body.groups).toEqual({ identified: 0, underDevelopment: 1, handedOver: 2, stopped: 0 });
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const all = await nat.get<{ byProvince: { provinceCode: string; total: number }[]; total: number }>(
      "/api/v1/clusters/stats",
    );
    expect(all.body.byProvince).toHaveLength(31);
    expect(all.body.total).toBe(all.body.byProvince.reduce((n, p) => n + p.total, 0));
    expect(all.body.byProvince.find((p) => p.provinceCode === "IR-22")?.total).toBeGreaterThanOrEqual(1);
  });

  it("exports the filtered registry to Excel with an RTL sheet and Jalali dates beside ISO dates", async () => {
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    await nat.post("/api/v1/clusters", {
      nameFa: "خوشه فرش دستباف",
      provinceCode: "IR-13",
      sector: "فرش",
      identifiedOn: "2025-03-20",
    });
    const r = await fetch(`${env().baseUrl}/api/v1/clusters/export.xlsx?provinceCode=IR-13`, {
      headers: { cookie: nat.cookie!, "accept-language": "fa" },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]?.rightToLeft).toBe(true);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe("نام خوشه");
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    const row = rows.find((v) => v[0] === "خوشه فرش دستباف")!;
    expect(row).toBeDefined();
    expect(row[2]).toBe("همدان");
    expect(row[7]).toBe("شناسایی‌شده");
    expect(row[8]).toBe("1403/12/30");
    expect(row[9]).toBe("2025-03-20");
    expect(rows.every((v) => v[2] === "همدان")).toBe(true);
    // Out of scope the export is empty, not someone else's data.
    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const other = await fetch(`${env().baseUrl}/api/v1/clusters/export.xlsx?provinceCode=IR-13`, {
      headers: { cookie: qom.cookie! },
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(await other.arrayBuffer());
    expect(wb2.worksheets[0]!.rowCount).toBe(1);
    expect((await new Client(env()).get("/api/v1/clusters/export.xlsx")).status).toBe(401);
  });

  it("attaches evidence to a life-cycle step, checked by content and scoped", async () => {
    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const c = (await qom.post<Detail>("/api/v1/clusters", { nameFa: "خوشه مدارک", provinceCode: "IR-25" })).body;
    const moved = await qom.post<Detail>(`/api/v1/clusters/${c.id}/transitions`, {
      toState: "feasibility",
      happenedOn: today,
    });
    const transitionId = moved.body.transitions[0]!.id;
    const form = new FormData();
    form.append("file", new Blob([new TextEncoder().encode("%PDF-1.4\n%%EOF\n")]), "صورتجلسه کمیته.pdf");
    const up = await qom.post<{ id: string }>(`/api/v1/transitions/${transitionId}/attachments`, form);
    expect(up.status).toBe(201);
    const detail = await qom.get<Detail & { transitions: { attachments: { fileName: string }[] }[] }>(
      `/api/v1/clusters/${c.id}`,
    );
    expect(detail.body.transitions[0]?.attachments.map((a) => a.fileName)).toEqual(["صورتجلسه کمیته.pdf"]);
    const bad = new FormData();
    bad.append("file", new Blob([new TextEncoder().encode("MZ not a pdf")]), "letter.pdf");
    expect((await qom.post<Problem>(`/api/v1/transitions/${transitionId}/attachments`, bad)).body.code).toBe(
      "file_type_mismatch",
    );
    const zanjan = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" }));
    expect((await zanjan.get(`/api/v1/attachments/${up.body.id}`)).status).toBe(404);
  });
});
