import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { expect, it } from "vitest";
import { jalaliToIso } from "../../src/core/jalali";
import { companyId, enterpriseRow, enterpriseWorkbook, personId } from "../../src/server/modules/imports/sample-sheets";
import { type Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeEnterprise, makeUser, type TestEnv } from "../support/harness";

type Run = {
  id: string;
  state: string;
  kind: string;
  format: string;
  sheets: { name: string; rows: number }[];
  sheet: string | null;
  headerRow: number | null;
  processed: number;
  counts: { total: number; created: number; updated: number; skipped: number; failed: number; blank: number };
  problemsTotal: number;
  error: string | null;
};
type Preview = {
  sheet: string;
  headerRow: number;
  top: { row: number; cells: string[] }[];
  columns: { index: number; letter: string; header: string; suggested: string | null }[];
  mapping: Record<string, number>;
};
type Problem = {
  row: number;
  column: string | null;
  header: string | null;
  value: string | null;
  code: string;
  message: string;
};
type RowOut = { row: number; outcome: string; label: string | null; actorId: string | null; reason: string | null };
type Problemish = { code: string; detail: string; errors?: { path: string; message: string }[] };

async function upload(c: Client, clusterId: string, kind: string, name: string, bytes: Buffer | string, type = "") {
  const form = new FormData();
  form.append("file", new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], { type }), name);
  return c.req<Run & Problemish>("POST", `/api/v1/clusters/${clusterId}/imports?kind=${kind}`, form);
}

/** Polls the run until its job is through (the page polls the same way). */
async function settle(c: Client, id: string, timeoutMs = 120_000): Promise<Run> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await c.get<Run>(`/api/v1/imports/${id}`);
    expect(r.status).toBe(200);
    if (!["checking", "importing"].includes(r.body.state)) return r.body;
    if (Date.now() > until) throw new Error(`import ${id} still ${r.body.state}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function dryRun(
  c: Client,
  id: string,
  over: Partial<{ sheet: string; headerRow: number; mapping: Record<string, number> }> = {},
) {
  const p = await c.get<Preview>(`/api/v1/imports/${id}/preview`);
  expect(p.status, p.text).toBe(200);
  const body = { sheet: p.body.sheet, headerRow: p.body.headerRow, mapping: p.body.mapping, ...over };
  const r = await c.post<Run & Problemish>(`/api/v1/imports/${id}/check`, body);
  expect(r.status, r.text).toBe(200);
  return { preview: p.body, run: await settle(c, id) };
}

async function apply(c: Client, id: string) {
  const r = await c.post<Run>(`/api/v1/imports/${id}/apply`);
  expect(r.status, r.text).toBe(200);
  return settle(c, id);
}

async function count(env: TestEnv, clusterId: string, kind: "enterprise" | "person") {
  const r = await env.database.db
    .selectFrom("cluster_actors")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("cluster_id", "=", clusterId)
    .where("kind", "=", kind)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function manager(env: TestEnv, cluster: { id: string; provinceCode: string }) {
  const u = await makeUser(env, { role: "cluster_manager", provinceCode: cluster.provinceCode, clusterId: cluster.id });
  return signedIn(env, u);
}

describeEngines("imports", (env) => {
  // Timings of 20,000 and 100,000 rows are bench/import.ts's; the re-import reads the first 2,000 again.
  it("imports a 20,000-row workbook with a title block, text numbers, Persian digits and a totals row; a re-import updates", async () => {
    const cluster = await makeCluster(env(), { provinceCode: "IR-26", nameFa: "بسته‌بندی قزوین" });
    const c = await manager(env(), cluster);
    const N = 20_000;
    const bytes = await enterpriseWorkbook({ rows: N, badIdEvery: 1000, blankEvery: 5000 });
    const up = await upload(c, cluster.id, "enterprise", "بنگاه‌ها.xlsx", bytes);
    expect(up.status, up.text).toBe(201);
    expect(up.body.format).toBe("xlsx");
    expect(up.body.sheets.map((s) => s.name)).toEqual(["بنگاه‌ها", "توضیحات"]);

    const { preview, run: checked } = await dryRun(c, up.body.id);
    // The title rows are passed over: the headers are on row 3.
    expect(preview.headerRow).toBe(3);
    expect(preview.top[0]!.cells[0]).toContain("فهرست");
    expect(preview.mapping).toMatchObject({
      name: 1,
      nationalId: 2,
      city: 3,
      employeesIndustrial: 4,
      capacity: 5,
      joinedOn: 6,
      products: 7,
      mobile: 8,
    });
    expect(preview.columns[2]).toMatchObject({ letter: "C", header: "شناسه ملی", suggested: "nationalId" });
    expect(checked.state).toBe("checked");
    const bad = N / 1000;
    expect(checked.counts).toMatchObject({
      total: N + 1,
      created: N - bad,
      updated: 0,
      skipped: 1,
      failed: bad,
      blank: 3,
    });

    const problems = await c.get<{ items: Problem[]; total: number }>(
      `/api/v1/imports/${up.body.id}/problems?limit=200`,
    );
    expect(problems.body.total).toBe(bad + 1);
    const first = problems.body.items[0]!;
    // Data row 999 (0-based) is Excel row 3 (headers) + 1000.
    expect(first).toMatchObject({ row: 1003, column: "C", header: "شناسه ملی", code: "company_id_invalid" });
    expect(first.message).toContain("شناسه ملی");
    const totals = problems.body.items.at(-1)!;
    expect(totals.code).toBe("total_row");
    expect(totals.row).toBe(3 + N + 3 + 1);
    expect(await count(env(), cluster.id, "enterprise")).toBe(0);

    const done = await apply(c, up.body.id);
    expect(done.state).toBe("done");
    expect(done.counts).toMatchObject({ created: N - bad, updated: 0, skipped: 1, failed: bad });
    expect(await count(env(), cluster.id, "enterprise")).toBe(N - bad);

    // What was written: digits as numbers, the Jalali date as ISO, Arabic letters as Persian, the formula's result.
    const e5 = enterpriseRow(5);
    const stored = await env()
      .database.db.selectFrom("enterprises")
      .innerJoin("actors", "actors.id", "enterprises.id")
      .innerJoin("cluster_actors", "cluster_actors.actor_id", "enterprises.id")
      .select([
        "actors.name",
        "actors.city",
        "enterprises.employees_industrial",
        "enterprises.capacity",
        "cluster_actors.joined_on",
        "enterprises.national_id",
      ])
      .where("enterprises.national_id", "=", e5.nationalId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ city: e5.city, employees_industrial: e5.employees, capacity: e5.employees * 100 });
    expect(stored.joined_on).toBe(jalaliToIso("1402/06/15"));
    const e3 = await env()
      .database.db.selectFrom("enterprises")
      .innerJoin("actors", "actors.id", "enterprises.id")
      .select("actors.name")
      .where("enterprises.national_id", "=", enterpriseRow(3).nationalId)
      .executeTakeFirstOrThrow();
    expect(e3.name).toBe("شرکت پلاستیک شماره 3");

    const rows = await c.get<{ items: RowOut[]; total: number }>(`/api/v1/imports/${up.body.id}/rows?outcome=failed`);
    expect(rows.body.total).toBe(bad);
    expect(rows.body.items[0]!.reason).toContain("ستون C");

    // The failed rows back as a workbook with a reason column.
    const failed = await fetch(`${env().baseUrl}/api/v1/imports/${up.body.id}/failed.xlsx`, {
      headers: { cookie: c.cookie!, "accept-language": "fa" },
    });
    expect(failed.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await failed.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1 + bad);
    expect(ws.getRow(1).getCell(11).value).toBe("دلیل");
    expect(String(ws.getRow(2).getCell(11).value)).toContain("شناسه ملی");
    expect(ws.getRow(2).getCell(10).value).toBe(1003);

    // One audit row for the import, with its counts.
    const audits = await env()
      .database.db.selectFrom("audit_log")
      .select(["action", "summary"])
      .where("cluster_id", "=", cluster.id)
      .execute();
    const runs = audits.filter((a) => a.action === "import.run");
    expect(runs).toHaveLength(1);
    expect(JSON.parse(runs[0]!.summary)).toMatchObject({ created: N - bad, failed: bad, skipped: 1 });

    // The first 2,000 rows again (the same file's layout): every good row updates, nothing is added.
    const M = 2_000;
    const first2000 = await enterpriseWorkbook({ rows: M, badIdEvery: 1000 });
    const again = await upload(c, cluster.id, "enterprise", "بنگاه‌ها.xlsx", first2000);
    const { run: checked2, preview: p2 } = await dryRun(c, again.body.id);
    // Remembered: the same mapping is offered.
    expect(p2.mapping).toEqual(preview.mapping);
    expect(checked2.counts).toMatchObject({ created: 0, updated: M - 2, failed: 2 });
    const done2 = await apply(c, again.body.id);
    expect(done2.counts).toMatchObject({ created: 0, updated: M - 2, skipped: 1, failed: 2 });
    expect(await count(env(), cluster.id, "enterprise")).toBe(N - bad);
  }, 600_000);

  it("matches by normalised name and city when there is no national ID, and reads a Windows-1256 CSV with semicolons", async () => {
    const cluster = await makeCluster(env(), { provinceCode: "IR-10" });
    const c = await manager(env(), cluster);
    await makeEnterprise(env(), cluster, "تولیدی كفش ياس");
    await env()
      .database.db.updateTable("actors")
      .set({ city: "قم", city_norm: "قم" })
      .where("name", "=", "تولیدی كفش ياس")
      .execute();
    const csv = [
      "نام بنگاه;شهر;تعداد کارکنان;تاریخ عضویت",
      "تولیدی کفش یاس;قم;12;1401/02/31",
      "پوشاک نو;قم;1,250;1401/13/01",
      "پوشاک نو;قم;بیست;",
      ";;;",
      "جمع;;1262;",
    ].join("\r\n");
    // Windows-1256 has no Persian yeh: Excel on Persian Windows writes the Arabic one, which the import reads as Persian.
    const bytes = iconv.encode(csv.replace(/ی/g, "ي"), "windows-1256");
    expect(bytes.includes(0xed)).toBe(true);
    const up = await upload(c, cluster.id, "enterprise", "list.csv", bytes);
    expect(up.status, up.text).toBe(201);
    expect(up.body.format).toBe("csv");
    const { preview, run } = await dryRun(c, up.body.id);
    expect(preview.headerRow).toBe(1);
    expect(preview.columns.map((x) => x.header)).toEqual(["نام بنگاه", "شهر", "تعداد کارکنان", "تاریخ عضویت"]);
    expect(run.counts).toMatchObject({ updated: 1, created: 0, failed: 2, skipped: 1, blank: 1 });
    const problems = (await c.get<{ items: Problem[] }>(`/api/v1/imports/${up.body.id}/problems`)).body.items;
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, "D", "not_a_date"],
      [4, "C", "not_a_number"],
      [4, null, "duplicate_row"],
      [6, null, "total_row"],
    ]);
    expect(problems[0]!.message).toContain("تاریخ");
    const done = await apply(c, up.body.id);
    expect(done.counts).toMatchObject({ updated: 1, created: 0 });
    expect(await count(env(), cluster.id, "enterprise")).toBe(1);
    const e = await env()
      .database.db.selectFrom("enterprises")
      .select("employees_industrial")
      .where("cluster_id", "=", cluster.id)
      .executeTakeFirstOrThrow();
    expect(e.employees_industrial).toBe(12);
  });

  it("imports people with skills and their employer, in a UTF-8 CSV with BOM and tabs", async () => {
    const cluster = await makeCluster(env(), { provinceCode: "IR-09" });
    const c = await manager(env(), cluster);
    const ent = await makeEnterprise(env(), cluster, "پوشاک مشهد");
    // Far from the IDs the workbook above uses (1–20,000) in the same database.
    const eid = companyId(500_077);
    await env().database.db.updateTable("enterprises").set({ national_id: eid }).where("id", "=", ent.id).execute();
    const tsv = [
      "نام و نام خانوادگی\tکد ملی\tموبایل\tمهارت\tشناسه ملی بنگاه",
      `مریم طراح\t${personId(1)}\t۰۹۱۲۱۲۳۴۵۶۷\tطراح، الگوساز\t${eid}`,
      `علی مشاور\t${personId(2)}\t9351234567\tمشاور\t`,
      `رضا\t123\t\tآشپز\t${companyId(500_078)}`,
    ].join("\n");
    const up = await upload(
      c,
      cluster.id,
      "person",
      "people.csv",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(tsv)]),
    );
    expect(up.status, up.text).toBe(201);
    const { preview, run } = await dryRun(c, up.body.id);
    expect(preview.mapping).toMatchObject({ name: 0, nationalId: 1, mobile: 2, skills: 3, enterpriseNationalId: 4 });
    expect(run.counts).toMatchObject({ created: 2, failed: 1 });
    const problems = (await c.get<{ items: Problem[] }>(`/api/v1/imports/${up.body.id}/problems`)).body.items;
    expect(problems.map((p) => p.code).sort()).toEqual(["person_id_invalid", "unknown_skill"]);
    const done = await apply(c, up.body.id);
    expect(done.counts).toMatchObject({ created: 2, failed: 1 });
    const maryam = await env()
      .database.db.selectFrom("people")
      .innerJoin("actors", "actors.id", "people.id")
      .select(["people.id", "people.enterprise_id", "actors.mobile"])
      .where("actors.name", "=", "مریم طراح")
      .executeTakeFirstOrThrow();
    expect(maryam).toMatchObject({ enterprise_id: ent.id, mobile: "09121234567" });
    const skills = await env()
      .database.db.selectFrom("person_skills")
      .select("skill")
      .where("person_id", "=", maryam.id)
      .execute();
    expect(skills.map((s) => s.skill).sort()).toEqual(["designer", "pattern_maker"]);
    expect(await count(env(), cluster.id, "person")).toBe(2);
    // Again: updated by national code.
    const up2 = await upload(c, cluster.id, "person", "people.csv", Buffer.from(tsv));
    await dryRun(c, up2.body.id);
    expect((await apply(c, up2.body.id)).counts).toMatchObject({ created: 0, updated: 2 });
    expect(await count(env(), cluster.id, "person")).toBe(2);
  });

  it("reports wrong types cell by cell and refuses a mapping without the required column", async () => {
    const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
    const c = await manager(env(), cluster);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["Company", "National ID", "Employees", "Capacity", "Joined on", "Email"]);
    ws.addRow(["Alpha", "12345678901", "ten", "abc", "1402/02/30", "not-an-email"]);
    ws.addRow(["Beta", companyId(9), -3, 12.5, new Date("2024-01-02"), "b@x.ir"]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(c, cluster.id, "enterprise", "types.xlsx", bytes);
    const { run } = await dryRun(c, up.body.id);
    expect(run.counts).toMatchObject({ created: 0, failed: 2 });
    const problems = (await c.get<{ items: Problem[] }>(`/api/v1/imports/${up.body.id}/problems`)).body.items;
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, "B", "company_id_invalid"],
      [2, "C", "not_a_number"],
      [2, "D", "not_a_number"],
      [2, "F", "email_invalid"],
      [3, "C", "not_a_count"],
    ]);
    // «1402/02/30» is a real Jalali date (Ordibehesht has 31 days).
    expect(problems.find((p) => p.column === "E")).toBeUndefined();

    // Missing required column: a file whose columns suggest no name.
    const wb2 = new ExcelJS.Workbook();
    wb2.addWorksheet("s").addRows([
      ["شهر", "تلفن"],
      ["قزوین", "02833333333"],
    ]);
    const up2 = await upload(c, cluster.id, "enterprise", "noname.xlsx", Buffer.from(await wb2.xlsx.writeBuffer()));
    const p = await c.get<Preview>(`/api/v1/imports/${up2.body.id}/preview`);
    expect(p.body.mapping.name).toBeUndefined();
    const r = await c.post<Problemish>(`/api/v1/imports/${up2.body.id}/check`, {
      sheet: p.body.sheet,
      headerRow: p.body.headerRow,
      mapping: p.body.mapping,
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("import_required_column_missing");
    expect(r.body.errors?.[0]).toMatchObject({ path: "body.mapping.name" });
    expect(r.body.detail).toContain("«نام»");
    // Importing before a dry run is refused.
    expect((await c.post<Problemish>(`/api/v1/imports/${up2.body.id}/apply`)).body.code).toBe("import_not_checked");
  });

  it("refuses what is not a spreadsheet, whatever its name, and a file over 30 MB", async () => {
    const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
    const c = await manager(env(), cluster);
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
      "hex",
    );
    const asXlsx = await upload(c, cluster.id, "enterprise", "list.xlsx", png);
    expect(asXlsx.status).toBe(400);
    expect(asXlsx.body.code).toBe("import_not_spreadsheet");
    expect(asXlsx.body.detail).toMatch(/صفحه‌گسترده/);
    const asCsv = await upload(c, cluster.id, "enterprise", "list.csv", png);
    expect(asCsv.body.code).toBe("import_not_spreadsheet");
    // A zip that is not a workbook (a .docx has no xl/workbook.xml).
    const { default: JSZip } = await import("jszip");
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("word/document.xml", "<w:document/>");
    const docx = await zip.generateAsync({ type: "nodebuffer" });
    const notBook = await upload(c, cluster.id, "enterprise", "list.xlsx", docx);
    expect(notBook.status).toBe(400);
    expect(notBook.body.code).toBe("import_not_spreadsheet");
    // A workbook named .csv.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("s").addRow(["نام"]);
    const named = await upload(c, cluster.id, "enterprise", "list.csv", Buffer.from(await wb.xlsx.writeBuffer()));
    expect(named.body.code).toBe("import_not_spreadsheet");

    const big = Buffer.alloc(30 * 1024 * 1024 + 10, 0x41);
    const tooBig = await upload(c, cluster.id, "enterprise", "big.csv", big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe("file_too_large");
    expect(tooBig.body.detail).toMatch(/30|۳۰/);
    const runs = await env()
      .database.db.selectFrom("import_runs")
      .select("id")
      .where("cluster_id", "=", cluster.id)
      .execute();
    expect(runs).toHaveLength(0);
    // Nothing left behind in the incoming folder.
    const fs = await import("node:fs");
    const path = await import("node:path");
    const incoming = path.join(env().config.dataDir, "imports", "incoming");
    expect(fs.existsSync(incoming) ? fs.readdirSync(incoming) : []).toEqual([]);
  });

  it("lets the cluster's manager, its province's admin and national admins import; others get 403 or 404", async () => {
    const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
    const other = await makeCluster(env(), { provinceCode: "IR-26" });
    const ent = await makeEnterprise(env(), cluster);
    const csv = Buffer.from("نام\nالف\n");
    const cases: [Parameters<typeof makeUser>[1], number][] = [
      [{ role: "national_admin" }, 201],
      [{ role: "province_admin", provinceCode: "IR-26" }, 201],
      [{ role: "province_admin", provinceCode: "IR-10" }, 404],
      [{ role: "cluster_manager", provinceCode: "IR-26", clusterId: cluster.id }, 201],
      [{ role: "cluster_manager", provinceCode: "IR-26", clusterId: other.id }, 404],
      [{ role: "council_member", provinceCode: "IR-26", clusterId: cluster.id }, 403],
      [{ role: "member", provinceCode: "IR-26", clusterId: cluster.id, enterpriseId: ent.id }, 403],
    ];
    let created: string | null = null;
    for (const [grant, status] of cases) {
      const c = await signedIn(env(), await makeUser(env(), grant));
      const r = await upload(c, cluster.id, "enterprise", "a.csv", csv);
      expect(r.status, `${grant?.role} ${r.text}`).toBe(status);
      if (status === 201) created ??= r.body.id;
    }
    // Reading a run follows the same rule.
    for (const [grant, status] of cases) {
      const c = await signedIn(env(), await makeUser(env(), grant));
      const r = await c.get(`/api/v1/imports/${created}`);
      expect(r.status, grant?.role).toBe(status === 201 ? 200 : status);
    }
    const anonymous = await fetch(`${env().baseUrl}/api/v1/imports/${created}`);
    expect(anonymous.status).toBe(401);
  });
});
