import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser, type TestEnv } from "../support/harness";

type Problem = { code: string; status: number; errors?: { path: string; message: string }[] };
type Criterion = { id: string; name: string; weight: number; position: number };
type Criteria = { items: Criterion[]; total: number; weightTotal: number };
type Score = { criterionId: string; criterionName: string; weight: number; score: number; archived: boolean };
type Study = {
  id: string;
  clusterId: string;
  clusterName: string;
  clusterState: string;
  studyDate: string;
  author: string;
  summary: string | null;
  scores: Score[];
  weightedScore: number;
  complete: boolean;
  rank: number;
};
type Decision = {
  id: string;
  decidedOn: string;
  chosenClusterId: string;
  chosenClusterName: string;
  reason: string;
  createdByName: string | null;
};
type AuditEntry = { action: string; targetId: string | null; summary: string };

const iranDay = (offsetDays = 0) =>
  new Date(Date.now() + 3.5 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const put = <T>(c: Client, path: string, body: unknown) => c.req<T>("PUT", path, body);

async function countRows(env: TestEnv, table: "feasibility_studies" | "feasibility_decisions", code: string) {
  const r = await env.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("province_code", "=", code)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function expectProblem(r: { status: number; headers: Headers; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get("content-type")).toContain("application/problem+json");
  expect((r.body as Problem).code).toBe(code);
}

describeEngines("feasibility and prioritisation", (env) => {
  it("ranks Khorasan Razavi's candidates side by side and records that clothing goes first", async () => {
    const adminUser = await makeUser(env(), { role: "province_admin", provinceCode: "IR-09" }, { name: "مدیر خراسان" });
    const admin = await signedIn(env(), adminUser);
    const base = "/api/v1/provinces/IR-09/feasibility";
    const clothing = await makeCluster(env(), { provinceCode: "IR-09", nameFa: "پوشاک مشهد", state: "feasibility" });
    const plastics = await makeCluster(env(), { provinceCode: "IR-09", nameFa: "پلاستیک مشهد", state: "feasibility" });
    const dairy = await makeCluster(env(), { provinceCode: "IR-09", nameFa: "لبنیات مشهد", state: "feasibility" });

    const crit = await put<Criteria>(admin, `${base}/criteria`, {
      items: [
        { name: "تقاضای بازار", weight: 45 },
        { name: "تعداد بنگاه‌ها", weight: 35 },
        { name: "زیرساخت", weight: 20 },
      ],
    });
    expect(crit.status).toBe(200);
    expect(crit.body.items.map((c) => [c.name, c.weight, c.position])).toEqual([
      ["تقاضای بازار", 45, 1],
      ["تعداد بنگاه‌ها", 35, 2],
      ["زیرساخت", 20, 3],
    ]);
    expect(crit.body.weightTotal).toBe(100);
    const [market, firms, infra] = crit.body.items.map((c) => c.id) as [string, string, string];
    const scores = (m: number, f: number, i: number) => [
      { criterionId: market, score: m },
      { criterionId: firms, score: f },
      { criterionId: infra, score: i },
    ];

    // Entered in an order that is not the ranking.
    const sDairy = await admin.post<Study>(`${base}/studies`, {
      clusterId: dairy.id,
      studyDate: "2022-05-10",
      author: "دانشگاه فردوسی",
      scores: scores(7, 5, 9),
    });
    expect(sDairy.status).toBe(201);
    expect(sDairy.body.weightedScore).toBe(67);
    expect(sDairy.body.complete).toBe(true);
    const sPlastics = await admin.post<Study>(`${base}/studies`, {
      clusterId: plastics.id,
      studyDate: "2022-06-01",
      author: "مشاور صنعتی",
      scores: scores(6, 7, 8),
    });
    const sClothing = await admin.post<Study>(`${base}/studies`, {
      clusterId: clothing.id,
      studyDate: "2022-04-20",
      author: "دانشگاه فردوسی",
      summary: "مزیت نسبی بالا در دوخت",
      scores: scores(9, 8, 7),
    });
    expect(sClothing.status).toBe(201);
    expect(sClothing.body.rank).toBe(1);
    expect(sClothing.body.scores.map((s) => [s.criterionName, s.weight, s.score])).toEqual([
      ["تقاضای بازار", 45, 9],
      ["تعداد بنگاه‌ها", 35, 8],
      ["زیرساخت", 20, 7],
    ]);

    const ranked = await admin.get<{ items: Study[]; total: number }>(`${base}/studies`);
    expect(ranked.status).toBe(200);
    expect(ranked.body.total).toBe(3);
    // Σ(weight × score) / 10: clothing 825 → 82.5, plastics 675 → 67.5, dairy 670 → 67.
    expect(ranked.body.items.map((s) => [s.clusterName, s.weightedScore, s.rank])).toEqual([
      ["پوشاک مشهد", 82.5, 1],
      ["پلاستیک مشهد", 67.5, 2],
      ["لبنیات مشهد", 67, 3],
    ]);
    expect(ranked.body.items[0]).toMatchObject({
      clusterId: clothing.id,
      clusterState: "feasibility",
      summary: "مزیت نسبی بالا در دوخت",
      author: "دانشگاه فردوسی",
      studyDate: "2022-04-20",
    });

    // Re-scoring re-ranks; a study's other fields change without touching its scores.
    const rescored = await admin.patch<Study>(`${base}/studies/${sDairy.body.id}`, { scores: scores(10, 9, 9) });
    expect(rescored.status).toBe(200);
    expect(rescored.body.weightedScore).toBe(94.5);
    expect(rescored.body.rank).toBe(1);
    const back = await admin.patch<Study>(`${base}/studies/${sDairy.body.id}`, {
      scores: scores(7, 5, 9),
      summary: "بازنگری شد",
    });
    expect(back.body).toMatchObject({ weightedScore: 67, rank: 3, summary: "بازنگری شد" });
    const one = await admin.get<Study>(`${base}/studies/${sPlastics.body.id}`);
    expect(one.body).toMatchObject({ rank: 2, weightedScore: 67.5 });

    // The decision: clothing goes first; later, plastics next. Newest first.
    const d1 = await admin.post<Decision>(`${base}/decisions`, {
      decidedOn: "2022-09-15",
      chosenClusterId: clothing.id,
      reason: "بیشترین امتیاز وزنی و اشتغال بالا",
    });
    expect(d1.status).toBe(201);
    expect(d1.body).toMatchObject({
      chosenClusterId: clothing.id,
      chosenClusterName: "پوشاک مشهد",
      createdByName: "مدیر خراسان",
      decidedOn: "2022-09-15",
    });
    const d2 = await admin.post<Decision>(`${base}/decisions`, {
      decidedOn: "2023-02-01",
      chosenClusterId: plastics.id,
      reason: "اولویت دوم",
    });
    expect(d2.status).toBe(201);
    const decisions = await admin.get<{ items: Decision[]; total: number }>(`${base}/decisions`);
    expect(decisions.body.total).toBe(2);
    expect(decisions.body.items.map((d) => d.chosenClusterName)).toEqual(["پلاستیک مشهد", "پوشاک مشهد"]);

    // Deleting a study (and a mistaken decision).
    expect((await admin.del(`${base}/studies/${sPlastics.body.id}`)).status).toBe(204);
    expect((await admin.get(`${base}/studies/${sPlastics.body.id}`)).status).toBe(404);
    const after = await admin.get<{ items: Study[] }>(`${base}/studies`);
    expect(after.body.items.map((s) => [s.clusterName, s.rank])).toEqual([
      ["پوشاک مشهد", 1],
      ["لبنیات مشهد", 2],
    ]);
    expect((await admin.del(`${base}/decisions/${d2.body.id}`)).status).toBe(204);
    expect((await admin.get<{ total: number }>(`${base}/decisions`)).body.total).toBe(1);

    // Every write is in the audit log, visible to the province's admin.
    const audit = await admin.get<{ items: AuditEntry[] }>(`/api/v1/audit?userId=${adminUser.id}&limit=200`);
    const actions = audit.body.items.map((e) => e.action);
    for (const action of [
      "feasibility.criteria.replace",
      "feasibility.study.create",
      "feasibility.study.update",
      "feasibility.study.delete",
      "feasibility.decision.create",
      "feasibility.decision.delete",
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(actions.filter((a) => a === "feasibility.study.create")).toHaveLength(3);
    const deleted = audit.body.items.find((e) => e.action === "feasibility.study.delete")!;
    expect(deleted.targetId).toBe(sPlastics.body.id);
    const decided = audit.body.items.find((e) => e.targetId === d1.body.id)!;
    expect(JSON.parse(decided.summary)).toMatchObject({ chosenClusterId: clothing.id });

    // The routes are in the OpenAPI document.
    const spec = await admin.get<{ paths: Record<string, unknown> }>("/api/openapi.json");
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/provinces/{code}/feasibility/criteria",
        "/api/v1/provinces/{code}/feasibility/studies",
        "/api/v1/provinces/{code}/feasibility/studies/{id}",
        "/api/v1/provinces/{code}/feasibility/decisions",
      ]),
    );
  });

  it("requires weights totalling 100, replaces the list in one go and archives scored criteria", async () => {
    const admin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-21" }));
    const base = "/api/v1/provinces/IR-21/feasibility";
    const empty = await admin.get<Criteria>(`${base}/criteria`);
    expect(empty.body).toEqual({ items: [], total: 0, weightTotal: 0 });

    const short = await put<Problem>(admin, `${base}/criteria`, {
      items: [
        { name: "بازار", weight: 50 },
        { name: "مهارت", weight: 40 },
      ],
    });
    expectProblem(short, 400, "weights_must_total_100");
    expect((await admin.get<Criteria>(`${base}/criteria`)).body.total).toBe(0);
    const over = await put<Problem>(admin, `${base}/criteria`, {
      items: [
        { name: "بازار", weight: 60 },
        { name: "مهارت", weight: 50 },
      ],
    });
    expectProblem(over, 400, "weights_must_total_100");

    const set = await put<Criteria>(admin, `${base}/criteria`, {
      items: [
        { name: "بازار", weight: 50 },
        { name: "مهارت", weight: 30 },
        { name: "کیفیت", weight: 20 },
      ],
    });
    expect(set.status).toBe(200);
    const [market, skill, quality] = set.body.items as [Criterion, Criterion, Criterion];

    // Names are compared in normalised form (Arabic kaf/yeh are the same letters).
    const dup = await put<Problem>(admin, `${base}/criteria`, {
      items: [
        { id: market.id, name: "بازار", weight: 50 },
        { name: "كيفيت", weight: 30 },
        { id: quality.id, name: "کیفیت", weight: 20 },
      ],
    });
    expectProblem(dup, 400, "duplicate_criterion");
    const foreign = await put<Problem>(admin, `${base}/criteria`, {
      items: [{ id: randomUUID(), name: "بازار", weight: 100 }],
    });
    expectProblem(foreign, 400, "unknown_criterion");
    expect((await admin.get<Criteria>(`${base}/criteria`)).body.items).toEqual(set.body.items);

    // Appending one criterion leaves the total off 100, and scoring waits until it is fixed.
    const added = await admin.post<Criterion>(`${base}/criteria`, { name: "زمین", weight: 10 });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: "زمین", weight: 10, position: 4 });
    expect((await admin.get<Criteria>(`${base}/criteria`)).body.weightTotal).toBe(110);
    expectProblem(await admin.post(`${base}/criteria`, { name: "بازار ", weight: 5 }), 400, "duplicate_criterion");
    const cluster = await makeCluster(env(), { provinceCode: "IR-21", nameFa: "کاشی یزد" });
    const early = await admin.post<Problem>(`${base}/studies`, {
      clusterId: cluster.id,
      studyDate: "2023-01-01",
      author: "مشاور",
      scores: [market, skill, quality, added.body].map((c) => ({ criterionId: c.id, score: 5 })),
    });
    expectProblem(early, 400, "weights_must_total_100");

    // Keep two (re-weighted, re-ordered): the unscored two are deleted outright.
    const two = await put<Criteria>(admin, `${base}/criteria`, {
      items: [
        { id: skill.id, name: "مهارت نیروی کار", weight: 40 },
        { id: market.id, name: "بازار", weight: 60 },
      ],
    });
    expect(two.body.items.map((c) => [c.id, c.name, c.weight, c.position])).toEqual([
      [skill.id, "مهارت نیروی کار", 40, 1],
      [market.id, "بازار", 60, 2],
    ]);
    const gone = await env()
      .database.db.selectFrom("feasibility_criteria")
      .select("id")
      .where("id", "in", [quality.id, added.body.id])
      .execute();
    expect(gone).toEqual([]);

    const study = await admin.post<Study>(`${base}/studies`, {
      clusterId: cluster.id,
      studyDate: "2023-01-01",
      author: "مشاور",
      scores: [
        { criterionId: market.id, score: 8 },
        { criterionId: skill.id, score: 5 },
      ],
    });
    expect(study.status).toBe(201);
    expect(study.body.weightedScore).toBe(68); // (60×8 + 40×5) / 10

    // Dropping a scored criterion archives it; the study keeps the score, shown as archived and not counted.
    const swapped = await put<Criteria>(admin, `${base}/criteria`, {
      items: [
        { id: market.id, name: "بازار", weight: 50 },
        { name: "صادرات", weight: 50 },
      ],
    });
    expect(swapped.body.items.map((c) => c.name)).toEqual(["بازار", "صادرات"]);
    const archived = await env()
      .database.db.selectFrom("feasibility_criteria")
      .select("archived_at")
      .where("id", "=", skill.id)
      .executeTakeFirstOrThrow();
    expect(archived.archived_at).not.toBeNull();
    const stale = await admin.get<Study>(`${base}/studies/${study.body.id}`);
    expect(stale.body.complete).toBe(false);
    expect(stale.body.weightedScore).toBe(80); // only «بازار» still counts: 8 → 80
    expect(stale.body.scores.map((s) => [s.criterionName, s.archived])).toEqual([
      ["بازار", false],
      ["مهارت نیروی کار", true],
    ]);
  });

  it("refuses incomplete scores, future dates, foreign clusters and bad input, writing nothing", async () => {
    const admin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-10" }));
    const base = "/api/v1/provinces/IR-10/feasibility";
    const crit = await put<Criteria>(admin, `${base}/criteria`, {
      items: [
        { name: "بازار", weight: 60 },
        { name: "مهارت", weight: 40 },
      ],
    });
    const [a, b] = crit.body.items as [Criterion, Criterion];
    const cluster = await makeCluster(env(), { provinceCode: "IR-10", nameFa: "فرش کاشان" });
    const qomCluster = await makeCluster(env(), { provinceCode: "IR-25" });
    const good = {
      clusterId: cluster.id,
      studyDate: "2023-03-01",
      author: "مشاور",
      scores: [
        { criterionId: a.id, score: 6 },
        { criterionId: b.id, score: 4 },
      ],
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ scores: [{ criterionId: a.id, score: 6 }] }, "scores_incomplete"],
      [
        {
          scores: [
            { criterionId: a.id, score: 6 },
            { criterionId: a.id, score: 4 },
          ],
        },
        "scores_incomplete",
      ],
      [
        {
          scores: [
            { criterionId: a.id, score: 6 },
            { criterionId: b.id, score: 4 },
            { criterionId: randomUUID(), score: 4 },
          ],
        },
        "unknown_criterion",
      ],
      [{ studyDate: iranDay(1) }, "date_in_future"],
      [{ clusterId: qomCluster.id }, "unknown_cluster"],
      [{ clusterId: randomUUID() }, "unknown_cluster"],
      [
        {
          scores: [
            { criterionId: a.id, score: 11 },
            { criterionId: b.id, score: 4 },
          ],
        },
        "validation_failed",
      ],
      [
        {
          scores: [
            { criterionId: a.id, score: 7.5 },
            { criterionId: b.id, score: 4 },
          ],
        },
        "validation_failed",
      ],
      [{ scores: [] }, "validation_failed"],
      [{ studyDate: "2023-02-30" }, "validation_failed"],
      [{ studyDate: 20230301 }, "validation_failed"],
      [{ author: "x".repeat(201) }, "validation_failed"],
      [{ author: "   " }, "validation_failed"],
      [{ summary: "x".repeat(5001) }, "validation_failed"],
      [{ rank: 1 }, "validation_failed"],
      [{ clusterId: "not-a-uuid" }, "validation_failed"],
    ];
    for (const [over, code] of cases) {
      const r = await admin.post<Problem>(`${base}/studies`, { ...good, ...over });
      expectProblem(r, 400, code);
    }
    expect(await countRows(env(), "feasibility_studies", "IR-10")).toBe(0);

    // Criteria input is checked the same way.
    for (const body of [
      { items: [{ name: "بازار", weight: 100, extra: 1 }] },
      { items: [{ name: "بازار", weight: "100" }] },
      { items: [{ name: "x".repeat(201), weight: 100 }] },
      {
        items: [
          { name: "بازار", weight: 0 },
          { name: "مهارت", weight: 100 },
        ],
      },
      { items: [] },
      {},
    ]) {
      expectProblem(await put(admin, `${base}/criteria`, body), 400, "validation_failed");
    }
    expect((await admin.get<Criteria>(`${base}/criteria`)).body.items).toEqual(crit.body.items);

    // A decision needs a study of the chosen cluster, a past date and a reason.
    const decide = (over: Record<string, unknown>) =>
      admin.post<Problem>(`${base}/decisions`, {
        decidedOn: "2023-05-01",
        chosenClusterId: cluster.id,
        reason: "بیشترین امتیاز",
        ...over,
      });
    expectProblem(await decide({}), 400, "no_study_for_cluster");
    expectProblem(await decide({ chosenClusterId: qomCluster.id }), 400, "no_study_for_cluster");
    expect(await countRows(env(), "feasibility_decisions", "IR-10")).toBe(0);

    // Today is not the future.
    const today = await admin.post<Study>(`${base}/studies`, { ...good, studyDate: iranDay(0) });
    expect(today.status).toBe(201);
    expect(today.body.weightedScore).toBe(52);
    expectProblem(
      await admin.patch(`${base}/studies/${today.body.id}`, { studyDate: iranDay(2) }),
      400,
      "date_in_future",
    );
    expectProblem(
      await admin.patch(`${base}/studies/${today.body.id}`, { scores: [{ criterionId: a.id, score: 1 }] }),
      400,
      "scores_incomplete",
    );
    expectProblem(
      await admin.patch(`${base}/studies/${today.body.id}`, { clusterId: qomCluster.id }),
      400,
      "validation_failed",
    );
    expect((await admin.get<Study>(`${base}/studies/${today.body.id}`)).body).toMatchObject({
      studyDate: iranDay(0),
      weightedScore: 52,
      clusterId: cluster.id,
    });

    expectProblem(await decide({ decidedOn: iranDay(1) }), 400, "date_in_future");
    expectProblem(await decide({ reason: "" }), 400, "validation_failed");
    expectProblem(await decide({ reason: "   " }), 400, "validation_failed");
    expectProblem(await decide({ reason: "x".repeat(2001) }), 400, "validation_failed");
    expectProblem(await decide({ reason: undefined }), 400, "validation_failed");
    expectProblem(await decide({ note: "x" }), 400, "validation_failed");
    expect(await countRows(env(), "feasibility_decisions", "IR-10")).toBe(0);
    const ok = await decide({ reason: "x".repeat(2000) });
    expect(ok.status).toBe(201);
    expect(await countRows(env(), "feasibility_decisions", "IR-10")).toBe(1);

    // Bad JSON and unknown provinces.
    expectProblem(await admin.req("POST", `${base}/decisions`, "{not json"), 400, "bad_json");
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    expectProblem(await nat.get("/api/v1/provinces/IR-99/feasibility/criteria"), 404, "not_found");
    expectProblem(await nat.get("/api/v1/provinces/qom/feasibility/criteria"), 400, "validation_failed");
  });

  it("keeps each province's feasibility work inside it: 404, never data", async () => {
    const zanjanAdmin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" }));
    const base = "/api/v1/provinces/IR-19/feasibility";
    const crit = await put<Criteria>(zanjanAdmin, `${base}/criteria`, { items: [{ name: "بازار", weight: 100 }] });
    const zinc = await makeCluster(env(), { provinceCode: "IR-19", nameFa: "روی زنجان" });
    const study = await zanjanAdmin.post<Study>(`${base}/studies`, {
      clusterId: zinc.id,
      studyDate: "2021-01-01",
      author: "مشاور",
      scores: [{ criterionId: crit.body.items[0]!.id, score: 8 }],
    });
    const decision = await zanjanAdmin.post<Decision>(`${base}/decisions`, {
      decidedOn: "2021-02-01",
      chosenClusterId: zinc.id,
      reason: "روی",
    });
    expect(decision.status).toBe(201);

    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const manager = await signedIn(env(), await makeUser(env(), { role: "cluster_manager", clusterId: zinc.id }));
    const council = await signedIn(env(), await makeUser(env(), { role: "council_member", clusterId: zinc.id }));
    const anonymous = new Client(env());
    const attempts: Array<[string, string, unknown?]> = [
      ["GET", `${base}/criteria`],
      ["GET", `${base}/studies`],
      ["GET", `${base}/studies/${study.body.id}`],
      ["GET", `${base}/decisions`],
      ["POST", `${base}/criteria`, { name: "نفوذی", weight: 10 }],
      ["PUT", `${base}/criteria`, { items: [{ name: "نفوذی", weight: 100 }] }],
      [
        "POST",
        `${base}/studies`,
        {
          clusterId: zinc.id,
          studyDate: "2021-01-01",
          author: "نفوذی",
          scores: [{ criterionId: crit.body.items[0]!.id, score: 1 }],
        },
      ],
      ["PATCH", `${base}/studies/${study.body.id}`, { author: "نفوذی" }],
      ["DELETE", `${base}/studies/${study.body.id}`],
      ["POST", `${base}/decisions`, { decidedOn: "2021-01-01", chosenClusterId: zinc.id, reason: "نفوذی" }],
      ["DELETE", `${base}/decisions/${decision.body.id}`],
    ];
    for (const [method, path, body] of attempts) {
      for (const c of [qom, manager, council]) {
        const r = await c.req<Problem>(method, path, body);
        expect(r.status, `${method} ${path}`).toBe(404);
        expect(r.text).not.toContain("روی زنجان");
      }
      expect((await anonymous.req(method, path, body)).status).toBe(401);
    }
    // Nothing changed.
    const still = await zanjanAdmin.get<{ items: Study[] }>(`${base}/studies`);
    expect(still.body.items.map((s) => [s.id, s.author])).toEqual([[study.body.id, "مشاور"]]);
    expect((await zanjanAdmin.get<Criteria>(`${base}/criteria`)).body.items).toEqual(crit.body.items);
    expect(await countRows(env(), "feasibility_decisions", "IR-19")).toBe(1);
    // Qom's own page is empty, and a national admin sees Zanjan's.
    expect((await qom.get<{ total: number }>("/api/v1/provinces/IR-25/feasibility/studies")).body.total).toBe(0);
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    expect((await nat.get<{ total: number }>(`${base}/studies`)).body.total).toBe(1);
    // Qom's audit view does not show Zanjan's feasibility work.
    const qomAudit = await qom.get<{ items: AuditEntry[] }>("/api/v1/audit?limit=200");
    expect(qomAudit.body.items.some((e) => e.action.startsWith("feasibility."))).toBe(false);
  });
});
