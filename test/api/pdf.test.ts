/**
 * The cluster's registry record as a PDF (GET /clusters/{id}/record.pdf):
 * read with pdftotext (Debian's poppler-utils), the text holds the Persian
 * name in logical order with its ZWNJ and its Typst-special characters as
 * typed, the province's letterhead and Jalali dates in Persian digits.
 */
import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { isoToJalaliFa } from "../../src/core/jalali";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser, type TestEnv } from "../support/harness";
import { pdfText } from "../support/pdf";

/** ZWNJ inside a word and the characters Typst markup is made of: # $ * ] (and [ _ \ / < @ in the note). */
const NAME = "خوشه #پوشاک‌دوزی] *ممتاز* $ویژه$";
const NOTE = "مزیت «پوشاک» #set page(width: 2cm) #pagebreak() [x] $y$ _z_ <l> @r \\ // /*";

async function download(env: TestEnv, c: Client | null, id: string) {
  const headers: Record<string, string> = {};
  if (c?.cookie) headers.cookie = c.cookie;
  const r = await fetch(`${env.baseUrl}/api/v1/clusters/${id}/record.pdf`, { headers });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

describeEngines("cluster record PDF", (env) => {
  it("downloads the record with the Persian name in logical order, the letterhead and Persian-digit Jalali dates", async () => {
    const admin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-26" }));
    const created = await admin.post<{ id: string }>("/api/v1/clusters", {
      nameFa: NAME,
      nameEn: "Qazvin Clothing",
      provinceCode: "IR-26",
      place: "قزوین، البرز",
      sector: "پوشاک",
      isicCodes: ["14", "1410"],
      productGroups: ["پوشاک مردانه", "پوشاک زنانه"],
      advantageNote: NOTE,
      estEnterprises: { value: 300, source: "دبیرخانه خوشه", date: "2013-01-01" },
      jobs: { industrial: 13500, guild: 20500, source: "گزارش شرکت شهرک‌ها", date: "2023-01-01" },
      identifiedOn: "2012-08-22",
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(
      (await admin.post(`/api/v1/clusters/${id}/transitions`, { toState: "feasibility", happenedOn: "2013-05-01" }))
        .status,
    ).toBe(201);
    expect(
      (
        await admin.post(`/api/v1/clusters/${id}/transitions`, {
          toState: "approved",
          happenedOn: "2014-01-15",
          approvals: { provincialCommittee: "2014-01-05", nationalOrganisation: "2014-01-12" },
        })
      ).status,
    ).toBe(201);
    const contract = await admin.post(`/api/v1/clusters/${id}/contracts`, {
      kind: "agent",
      organisation: "شرکت مشاوران توسعه",
      startDate: "2022-12-22",
      amountRials: 12_000_000_000,
      milestones: [{ title: "مطالعه شناختی", plannedDate: "2023-06-01", actualDate: "2023-06-10" }],
    });
    expect(contract.status).toBe(201);

    const r = await download(env(), admin, id);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/pdf");
    expect(r.headers.get("cache-control")).toBe("private, no-store");
    const disposition = r.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[ -~]+\.pdf"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    const fileName = decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!);
    // «*» is not allowed in file names; the ZWNJ stays.
    expect(fileName).toBe("شناسنامه خوشه #پوشاک‌دوزی] ممتاز $ویژه$.pdf");
    expect(r.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const text = pdfText(r.body);
    expect(text).toContain(NAME);
    expect(text).toContain("شرکت شهرک‌های صنعتی استان قزوین");
    expect(text).toContain("قزوین");
    expect(text).toContain("Qazvin Clothing");
    // The note's markup is text: it neither resized the page nor broke it.
    expect(text).toContain("set page(width: 2cm)");
    expect(text).toContain("pagebreak()");
    const info = execFileSync("pdfinfo", ["-"], { input: r.body, stdio: ["pipe", "pipe", "ignore"] }).toString();
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    // Jalali dates in Persian digits: identified, each step, approvals, the contract and the figures.
    for (const iso of [
      "2012-08-22",
      "2013-05-01",
      "2014-01-15",
      "2014-01-05",
      "2014-01-12",
      "2022-12-22",
      "2023-06-10",
    ]) {
      expect(text).toContain(isoToJalaliFa(iso));
    }
    expect(isoToJalaliFa("2012-08-22")).toBe("۱۳۹۱/۰۶/۰۱");
    expect(text).not.toMatch(/1391|2012-08-22/);
    expect(text).toContain("از «امکان‌سنجی» به «تصویب‌شده»");
    // pdftotext moves the spaces around numbers in right-to-left lines; the words and digits keep their order.
    const compact = text.replace(/\s+/g, "");
    expect(compact).toContain("۱۲٬۰۰۰٬۰۰۰٬۰۰۰ریال");
    expect(compact).toContain("۳۴٬۰۰۰نفر(۱۳٬۵۰۰صنعتی");
    expect(compact).toMatch(/صفحه۱از[۱-۹]/);
    // Shaped by the font at render time, not stored as Arabic presentation forms.
    expect(text).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFF]/);
  });

  it("answers 404 to another province's admin and for an unknown cluster, 401 to an anonymous caller", async () => {
    const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
    const other = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" }));
    const notHere = await download(env(), other, cluster.id);
    expect(notHere.status).toBe(404);
    expect(notHere.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await download(env(), other, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const anonymous = await download(env(), null, cluster.id);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("lets a reader of one cluster download its record; the national admin any", async () => {
    const cluster = await makeCluster(env(), { provinceCode: "IR-26", nameFa: "خوشه صنعتی بسته‌بندی" });
    const manager = await signedIn(
      env(),
      await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: cluster.id }),
    );
    const mine = await download(env(), manager, cluster.id);
    expect(mine.status).toBe(200);
    expect(pdfText(mine.body)).toContain("خوشه صنعتی بسته‌بندی");
    const elsewhere = await makeCluster(env(), { provinceCode: "IR-26" });
    expect((await download(env(), manager, elsewhere.id)).status).toBe(404);
    const national = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    expect((await download(env(), national, elsewhere.id)).status).toBe(200);
  });

  it("documents the download in OpenAPI as an application/pdf binary", async () => {
    type Op = { operationId: string; description: string; tags: string[]; responses: Record<string, unknown> };
    const spec = (await new Client(env()).get<{ paths: Record<string, Record<string, Op>> }>("/api/openapi.json")).body;
    const op = spec.paths["/api/v1/clusters/{id}/record.pdf"]?.get;
    expect(op?.operationId).toBe("getClusterRecordPdf");
    expect(op?.tags).toEqual(["clusters"]);
    expect(op?.description).toBeTruthy();
    expect(op?.responses["200"]).toMatchObject({
      content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
    });
  });
});
