/**
 * Issue 6, findings 5 and 6: text hygiene (invalid Unicode, control and bidi
 * characters) and bounded dates and numbers. Both engines answer the same.
 */
import { expect, it } from "vitest";
import { addYearsIso, todayIso } from "../../src/core/jalali";
import { signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser } from "../support/harness";

type Problem = { code: string; detail: string; status: number; errors?: { path: string; message: string }[] };
type Detail = { id: string; nameFa: string; transitions: { id: string }[] };

describeEngines("security: text, dates and numbers from outside", (env) => {
  const qomAdmin = async () =>
    signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));

  it("finding 5: refuses a lone surrogate and a NUL with a field error, the same on both engines, storing nothing", async () => {
    const qom = await qomAdmin();
    const clusterCount = async () =>
      Number(
        (
          await env()
            .database.db.selectFrom("clusters")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await clusterCount();
    for (const [nameFa, path] of [
      ["خوشه \ud800 شکسته", "body.nameFa"],
      ["خوشه\u0000تهی", "body.nameFa"],
    ] as const) {
      const r = await qom.post<Problem>("/api/v1/clusters", { nameFa, provinceCode: "IR-25" });
      expect(r.status).toBe(400);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(r.body.code).toBe("invalid_characters");
      expect(r.body.detail).toContain("نویسه");
      expect(r.body.errors?.map((e) => e.path)).toEqual([path]);
    }
    const nested = await qom.post<Problem>("/api/v1/clusters", {
      nameFa: "خوشه درست",
      provinceCode: "IR-25",
      productGroups: ["پیراهن", "شلوار\u001b[31m"],
    });
    expect(nested.body.errors?.map((e) => e.path)).toEqual(["body.productGroups.1"]);
    expect(await clusterCount()).toBe(before);
    // A user's name with a control character: same answer.
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const user = await nat.post<Problem>("/api/v1/users", {
      email: "nul@test.ir",
      name: "نام\u0007",
      password: "Nul-name-12345",
    });
    expect(user.status).toBe(400);
    expect(user.body.errors?.[0]?.path).toBe("body.name");
  });

  it("finding 5: strips bidi overrides from names and file names; keeps ZWNJ", async () => {
    const qom = await qomAdmin();
    const r = await qom.post<Detail>("/api/v1/clusters", {
      nameFa: "خوشه\u202E بسته‌بندی\u2066",
      provinceCode: "IR-25",
    });
    expect(r.status).toBe(201);
    expect(r.body.nameFa).toBe("خوشه بسته‌بندی");
    const form = new FormData();
    form.append("file", new Blob([new TextEncoder().encode("\x89PNG\r\n\x1a\n0000")]), "invoice\u202Eexe.png");
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
      0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
    ]);
    const upload = new FormData();
    upload.append("file", new Blob([png]), "invoice\u202Eexe.png");
    const up = await qom.post<{ fileName: string }>(`/api/v1/clusters/${r.body.id}/attachments`, upload);
    expect(up.status).toBe(201);
    expect(up.body.fileName).toBe("invoiceexe.png");
  });

  it("finding 6: a 296-character file name keeps its extension and loses the end of its stem", async () => {
    const qom = await qomAdmin();
    const c = await makeCluster(env(), { provinceCode: "IR-25" });
    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    const name = `${"گزارش".repeat(58)}ab.pdf`;
    expect(name.length).toBe(296);
    const form = new FormData();
    form.append("file", new Blob([pdf]), name);
    const up = await qom.post<{ fileName: string }>(`/api/v1/clusters/${c.id}/attachments`, form);
    expect(up.status).toBe(201);
    expect(up.body.fileName.length).toBe(200);
    expect(up.body.fileName.endsWith(".pdf")).toBe(true);
    expect(up.body.fileName.startsWith("گزارش")).toBe(true);
  });

  it("finding 6: refuses year 0000 and 9999 on identification, transitions, contracts, council terms and token expiry", async () => {
    const qom = await qomAdmin();
    const c = (await qom.post<Detail>("/api/v1/clusters", { nameFa: "خوشه تاریخ‌ها", provinceCode: "IR-25" })).body;
    const cases: [string, string, Record<string, unknown>, string][] = [
      [
        "POST",
        "/api/v1/clusters",
        { nameFa: "خوشه کهن", provinceCode: "IR-25", identifiedOn: "0000-01-01" },
        "body.identifiedOn",
      ],
      [
        "POST",
        `/api/v1/clusters/${c.id}/transitions`,
        { toState: "feasibility", happenedOn: "0000-01-01" },
        "body.happenedOn",
      ],
      [
        "POST",
        `/api/v1/clusters/${c.id}/contracts`,
        { kind: "agent", organisation: "عامل", startDate: "2025-01-01", endDate: "9999-12-31" },
        "body.endDate",
      ],
      [
        "POST",
        `/api/v1/clusters/${c.id}/council`,
        { personName: "عضو", role: "chair", fromDate: "0000-01-01" },
        "body.fromDate",
      ],
      [
        "POST",
        "/api/v1/tokens",
        { name: "بی‌پایان", role: "province_admin", provinceCode: "IR-25", expiresAt: "9999-12-31" },
        "body.expiresAt",
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await qom.req<Problem>(method, path, body);
      expect(r.status, path).toBe(400);
      expect(
        r.body.errors?.map((e) => e.path),
        path,
      ).toContain(field);
      const message = r.body.errors?.find((e) => e.path === field)?.message;
      expect(message, path).toBe("تاریخ باید میان ۱۳۰۰/۰۱/۰۱ و ۱۵۰۰/۱۲/۲۹ خورشیدی باشد.");
    }
    // Nothing was written: the cluster is still only identified, with no contract or council seat.
    const after = await qom.get<Detail & { state: string; contracts: unknown[] }>(`/api/v1/clusters/${c.id}`);
    expect(after.body.state).toBe("identified");
    expect(after.body.contracts).toEqual([]);
    // Token expiry within the range but more than three years ahead, or not in the future.
    const far = await qom.post<Problem>("/api/v1/tokens", {
      name: "دور",
      role: "province_admin",
      provinceCode: "IR-25",
      expiresAt: addYearsIso(todayIso(), 4),
    });
    expect(far.body.code).toBe("expiry_too_far");
    expect(far.body.errors?.[0]?.path).toBe("body.expiresAt");
    const past = await qom.post<Problem>("/api/v1/tokens", {
      name: "گذشته",
      role: "province_admin",
      provinceCode: "IR-25",
      expiresAt: "2020-01-01",
    });
    expect(past.body.code).toBe("expiry_not_future");
  });

  it("finding 6: reads only decimal integers from the query string", async () => {
    const qom = await qomAdmin();
    expect((await qom.get("/api/v1/clusters?limit=16")).status).toBe(200);
    for (const bad of ["0x10", "1e1", "%2016", "16.0", "-1"]) {
      const r = await qom.get<Problem>(`/api/v1/clusters?limit=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.errors?.[0]?.path, bad).toBe("querystring.limit");
    }
    expect((await qom.get<Problem>("/api/v1/clusters?year=0x1")).status).toBe(400);
  });
});

describeEngines("validation messages in the user's words", (env) => {
  it("says a size in words and digits of the caller's language, not zod's «number باید >=0»", async () => {
    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const body = {
      nameFa: "خوشه آزمون اندازه",
      provinceCode: "IR-25",
      place: "ق".repeat(501),
      estEnterprises: { value: -1 },
      isicCodes: Array.from({ length: 21 }, () => "1702"),
    };
    const fa = await qom.post<Problem>("/api/v1/clusters", body);
    expect(fa.status).toBe(400);
    const faBy = Object.fromEntries((fa.body.errors ?? []).map((e) => [e.path, e.message]));
    expect(faBy["body.place"]).toBe("حداکثر ۵۰۰ نویسه می‌شود نوشت.");
    expect(faBy["body.estEnterprises.value"]).toBe("باید دست‌کم ۰ باشد.");
    expect(faBy["body.isicCodes"]).toBe("حداکثر ۲۰ مورد می‌شود داشت.");
    for (const m of Object.values(faBy)) expect(m).not.toMatch(/[<>=]|number|string|array/);

    const en = await qom.req<Problem>("POST", "/api/v1/clusters", body, { "accept-language": "en" });
    const enBy = Object.fromEntries((en.body.errors ?? []).map((e) => [e.path, e.message]));
    expect(enBy["body.place"]).toBe("At most 500 characters.");
    expect(enBy["body.estEnterprises.value"]).toBe("Must be at least 0.");
  });
});
