/**
 * Relationships between a cluster's actors and the cluster's network: the
 * rules of a link (both actors in the cluster, people through their
 * enterprise, no link to itself, dates in order), who may read and write,
 * the audit, the figures of a known small graph computed by the background
 * job, their change between two dates, and the snapshot turning stale when
 * links or members change.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { normalizeFa, sortKeyFa } from "../../src/core/normalize";
import { insertEnterprise } from "../../src/server/modules/members/shared";
import { type Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeEnterprise, makeUser, type TestEnv } from "../support/harness";

type Problem = { code: string; status: number; errors?: { path: string; message: string }[] };
type Rel = {
  id: string;
  from: { id: string; name: string; kind: string };
  to: { id: string; name: string; kind: string };
  type: string;
  strength: number;
  startOn: string | null;
  endOn: string | null;
  active: boolean;
  notes: string | null;
};
type Central = { id: string; name: string; degree: number; betweenness: number };
type Snapshot = {
  on: string;
  stale: boolean;
  figures: {
    actors: number;
    links: number;
    density: number;
    averageDegree: number;
    communities: number;
    modularity: number;
    isolated: number;
  };
  topByDegree: Central[];
  topByBetweenness: Central[];
  communities: { index: number; size: number; top: { id: string; name: string }[] }[];
};
type Figures = { computing: boolean; canManage: boolean; snapshot: Snapshot | null };
type Network = Figures & {
  nodes: { id: string; name: string; kind: string; x: number; y: number; degree: number; community: number }[];
  edges: { source: number; target: number; type: string; strength: number }[];
};
type Delta = { from: number; to: number; change: number };
type Compare = {
  computing: boolean;
  figures: Record<string, Delta> | null;
  central: { id: string; degreeFrom: number; degreeTo: number; rankFrom: number | null; rankTo: number | null }[];
  added: Rel[];
  addedTotal: number;
  removed: Rel[];
  removedTotal: number;
};

function expectProblem(r: { status: number; body: unknown }, status: number, code: string, field?: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect((r.body as Problem).code).toBe(code);
  if (field) expect((r.body as Problem).errors?.map((e) => e.path)).toContain(field);
}

async function addActor(
  env: TestEnv,
  kind: "person" | "institution",
  name: string,
  o: { clusterId?: string; enterpriseId?: string },
) {
  const id = randomUUID();
  const now = new Date().toISOString();
  const db = env.database.db;
  await db
    .insertInto("actors")
    .values({
      id,
      kind,
      name,
      name_norm: normalizeFa(name),
      name_sort: sortKeyFa(name),
      search_norm: normalizeFa(name),
      province_code: null,
      city: null,
      city_norm: null,
      address: null,
      postal_code: null,
      phone: null,
      mobile: null,
      email: null,
      website: null,
      notes: null,
      fts_rowid: null,
      created_at: now,
      updated_at: now,
      created_by: null,
    })
    .execute();
  if (kind === "person")
    await db
      .insertInto("people")
      .values({ id, enterprise_id: o.enterpriseId ?? null, national_id: null, job_title: null, bio: null })
      .execute();
  else await db.insertInto("institutions").values({ id, institution_kind: "union", description: null }).execute();
  if (o.clusterId)
    await db
      .insertInto("cluster_actors")
      .values({
        cluster_id: o.clusterId,
        actor_id: id,
        kind,
        status: "member",
        joined_on: now.slice(0, 10),
        left_on: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  return { id, name };
}

/** Waits for the background job: the figures answer a current snapshot. */
async function settled(c: Client, path: string): Promise<Figures> {
  for (let i = 0; i < 200; i++) {
    const r = await c.get<Figures>(path);
    expect(r.status, r.text).toBe(200);
    if (!r.body.computing && r.body.snapshot && !r.body.snapshot.stale) return r.body;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`snapshot never settled: ${path}`);
}

async function settledCompare(c: Client, path: string): Promise<Compare> {
  for (let i = 0; i < 200; i++) {
    const r = await c.get<Compare>(path);
    expect(r.status, r.text).toBe(200);
    if (!r.body.computing && r.body.figures) return r.body;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`comparison never settled: ${path}`);
}

describeEngines(
  "relationships and the network",
  (env) => {
    it("records links between a cluster's actors by the rules, for those who may, audited", async () => {
      const cluster = await makeCluster(env(), { provinceCode: "IR-25", nameFa: "پوشاک قم" });
      const other = await makeCluster(env(), { provinceCode: "IR-25", nameFa: "سوهان قم" });
      const a = await makeEnterprise(env(), cluster, "تولیدی پوشاک الف");
      const b = await makeEnterprise(env(), cluster, "تولیدی پوشاک ب");
      const outsider = await makeEnterprise(env(), other, "بنگاه خوشه دیگر");
      const applicantId = await insertEnterprise(env().database.db, {
        clusterId: cluster.id,
        clusterProvinceCode: cluster.provinceCode,
        name: "متقاضی عضویت",
        status: "applicant",
        now: new Date().toISOString(),
        by: null,
      });
      // A designer who works for A: in the cluster through A, with no membership row of her own.
      const designer = await addActor(env(), "person", "طراح مد", { enterpriseId: a.id });
      const union = await addActor(env(), "institution", "اتحادیه تولیدکنندگان پوشاک", { clusterId: cluster.id });

      const manager = await signedIn(env(), await makeUser(env(), { role: "cluster_manager", clusterId: cluster.id }));
      const council = await signedIn(env(), await makeUser(env(), { role: "council_member", clusterId: cluster.id }));
      const member = await signedIn(env(), await makeUser(env(), { role: "member", enterpriseId: a.id }));
      const province = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
      const elsewhere = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-09" }));
      const otherManager = await signedIn(
        env(),
        await makeUser(env(), { role: "cluster_manager", clusterId: other.id }),
      );
      const base = `/api/v1/clusters/${cluster.id}/relationships`;
      const link = {
        fromActorId: a.id,
        toActorId: b.id,
        type: "supplies",
        strength: 2,
        source: "diagnostic_interview",
        startOn: "2024-03-20",
        notes: "  پارچه  ",
      };

      const created = await manager.post<Rel>(base, link);
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({
        from: { id: a.id, name: a.name, kind: "enterprise" },
        to: { id: b.id, kind: "enterprise" },
        type: "supplies",
        strength: 2,
        startOn: "2024-03-20",
        endOn: null,
        notes: "پارچه",
        active: true,
      });

      // Rules: each refused, nothing written.
      const count = async () =>
        Number(
          (
            await env()
              .database.db.selectFrom("relationships")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("cluster_id", "=", cluster.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      expectProblem(await manager.post(base, { ...link, toActorId: a.id }), 400, "relationship_self", "body.toActorId");
      expectProblem(
        await manager.post(base, { ...link, toActorId: outsider.id }),
        400,
        "actor_not_in_cluster",
        "body.toActorId",
      );
      expectProblem(
        await manager.post(base, { ...link, fromActorId: applicantId }),
        400,
        "actor_not_in_cluster",
        "body.fromActorId",
      );
      expectProblem(
        await manager.post(base, { ...link, fromActorId: randomUUID() }),
        400,
        "actor_not_in_cluster",
        "body.fromActorId",
      );
      const backwards = await manager.post<Problem>(base, { ...link, endOn: "2024-01-01" });
      expectProblem(backwards, 400, "end_before_start", "body.endOn");
      expect(backwards.body.errors?.[0]?.message).toContain("پایان");
      expectProblem(await manager.post(base, { ...link, strength: 4 }), 400, "validation_failed", "body.strength");
      expectProblem(await manager.post(base, { ...link, type: "friends" }), 400, "validation_failed", "body.type");
      expectProblem(await manager.post(base, { ...link, weight: 1 }), 400, "validation_failed");
      expect(await count()).toBe(1);

      // People belong through their enterprise; institutions through their own membership.
      const staff = await manager.post<Rel>(base, {
        ...link,
        fromActorId: designer.id,
        toActorId: union.id,
        type: "member_of",
        startOn: null,
      });
      expect(staff.status, staff.text).toBe(201);
      expect(staff.body.from.kind).toBe("person");

      // Who may: council reads only, members and other places see nothing.
      expect((await council.get(base)).status).toBe(200);
      expectProblem(await council.post(base, link), 403, "forbidden");
      expectProblem(await member.get(base), 404, "not_found");
      expectProblem(await member.post(base, link), 404, "not_found");
      expectProblem(await elsewhere.get(base), 404, "not_found");
      expectProblem(await otherManager.get(base), 404, "not_found");
      expectProblem(await otherManager.post(base, link), 404, "not_found");
      expect((await province.post(base, { ...link, type: "cooperates_with" })).status).toBe(201);
      const anon = await fetch(`${env().baseUrl}${base}`);
      expect(anon.status).toBe(401);

      // The lists: per cluster (newest first, filtered, paged) and per actor.
      const all = await council.get<{ items: Rel[]; total: number }>(base);
      expect(all.body.total).toBe(3);
      expect(all.body.items[0]!.type).toBe("cooperates_with");
      const page = await council.get<{ items: Rel[]; total: number }>(`${base}?limit=1&offset=1`);
      expect(page.body).toMatchObject({ total: 3 });
      expect(page.body.items).toHaveLength(1);
      const ofType = await council.get<{ items: Rel[]; total: number }>(`${base}?type=member_of`);
      expect(ofType.body.items.map((r) => r.id)).toEqual([staff.body.id]);
      const byName = await council.get<{ items: Rel[]; total: number }>(`${base}?q=${encodeURIComponent("اتحادیه")}`);
      expect(byName.body.items.map((r) => r.id)).toEqual([staff.body.id]);
      const ofA = await council.get<{ items: Rel[]; total: number }>(`${base}?actorId=${a.id}`);
      expect(ofA.body.total).toBe(2);
      const actorList = await manager.get<{ items: Rel[]; total: number }>(`/api/v1/actors/${b.id}/relationships`);
      expect(actorList.body.total).toBe(2);
      expect((await otherManager.get<{ total: number }>(`/api/v1/actors/${b.id}/relationships`)).body.total).toBe(0);
      expectProblem(await member.get(`/api/v1/actors/${b.id}/relationships`), 403, "forbidden");
      expectProblem(await manager.get(`/api/v1/actors/${randomUUID()}/relationships`), 404, "not_found");

      // The picker: members of every kind and the staff of member enterprises, never applicants or outsiders.
      const actors = await council.get<{ items: { id: string; kind: string }[]; total: number }>(
        `/api/v1/clusters/${cluster.id}/network/actors?limit=50`,
      );
      expect(actors.body.items.map((x) => x.id).sort()).toEqual([a.id, b.id, designer.id, union.id].sort());
      const people = await council.get<{ items: { id: string }[] }>(
        `/api/v1/clusters/${cluster.id}/network/actors?kind=person`,
      );
      expect(people.body.items.map((x) => x.id)).toEqual([designer.id]);

      // Edit, end, delete.
      const rel = `${base}/${created.body.id}`;
      const edited = await manager.patch<Rel>(rel, { strength: 3, notes: null });
      expect(edited.status, edited.text).toBe(200);
      expect(edited.body).toMatchObject({ strength: 3, notes: null, type: "supplies" });
      expectProblem(await manager.patch(rel, { endOn: "2020-01-01" }), 400, "end_before_start", "body.endOn");
      expectProblem(await manager.patch(rel, { fromActorId: b.id }), 400, "validation_failed");
      expectProblem(await council.patch(rel, { strength: 1 }), 403, "forbidden");
      expectProblem(await manager.patch(`${base}/${randomUUID()}`, { strength: 1 }), 404, "not_found");
      // A link of another cluster is not found through this one.
      expectProblem(
        await otherManager.patch(`/api/v1/clusters/${other.id}/relationships/${created.body.id}`, { strength: 1 }),
        404,
        "not_found",
      );
      const ended = await manager.post<Rel>(`${rel}/end`, { endOn: "2025-01-01" });
      expect(ended.status, ended.text).toBe(200);
      expect(ended.body).toMatchObject({ endOn: "2025-01-01", active: false });
      const holding = await council.get<{ total: number }>(`${base}?active=true`);
      const stopped = await council.get<{ items: Rel[]; total: number }>(`${base}?active=false`);
      expect([holding.body.total, stopped.body.total]).toEqual([2, 1]);
      expect(stopped.body.items[0]!.id).toBe(created.body.id);
      expectProblem(await council.del(rel), 403, "forbidden");
      expect((await manager.del(rel)).status).toBe(204);
      expectProblem(await manager.del(rel), 404, "not_found");

      const audit = await env()
        .database.db.selectFrom("audit_log")
        .select(["action", "summary", "actor_id"])
        .where("target_id", "=", created.body.id)
        .orderBy("at")
        .execute();
      expect(audit.map((x) => x.action)).toEqual([
        "relationship.create",
        "relationship.update",
        "relationship.end",
        "relationship.delete",
      ]);
      expect(JSON.parse(audit[1]!.summary)).toMatchObject({
        changes: { strength: { before: 2, after: 3 }, notes: { before: "پارچه", after: null } },
      });
      expect(JSON.parse(audit[3]!.summary)).toMatchObject({ fromActorId: a.id, toActorId: b.id, type: "supplies" });
    });

    it("computes the figures of a known network in the background and how they changed between two dates", async () => {
      const cluster = await makeCluster(env(), { provinceCode: "IR-09", nameFa: "پوشاک مشهد" });
      const manager = await signedIn(env(), await makeUser(env(), { role: "cluster_manager", clusterId: cluster.id }));
      const council = await signedIn(env(), await makeUser(env(), { role: "council_member", clusterId: cluster.id }));
      const member = await signedIn(
        env(),
        await makeUser(env(), { role: "member", enterpriseId: (await makeEnterprise(env(), cluster, "عضو")).id }),
      );
      // The member above is an eighth actor with no link.
      const [A, B, C, D, E, F, G] = await Promise.all(
        ["الف", "ب", "پ", "ت", "ث", "ج", "چ"].map((n) => makeEnterprise(env(), cluster, `بنگاه ${n}`)),
      );
      const base = `/api/v1/clusters/${cluster.id}/relationships`;
      const add = async (x: { id: string }, y: { id: string }, startOn: string | null, more: object = {}) => {
        const r = await manager.post<Rel>(base, {
          fromActorId: x.id,
          toActorId: y.id,
          type: "cooperates_with",
          strength: 2,
          source: "survey",
          startOn,
          ...more,
        });
        expect(r.status, r.text).toBe(201);
        return r.body;
      };
      // Two triangles, A-B-C since 2023 and D-E-F since 2024, bridged C-D from mid-2024;
      // a second link A-B (another type) counts once; A-E held 2023 only. G has no link.
      await add(A!, B!, "2023-01-01");
      await add(B!, C!, "2023-01-01");
      await add(C!, A!, "2023-01-01");
      await add(A!, B!, null, { type: "supplies", strength: 3 });
      await add(A!, E!, "2023-01-01", { endOn: "2024-01-01" });
      await add(D!, E!, "2024-01-01");
      await add(E!, F!, "2024-01-01");
      await add(F!, D!, "2024-01-01");
      await add(C!, D!, "2024-06-01");

      expectProblem(await member.get(`/api/v1/clusters/${cluster.id}/network/figures`), 404, "not_found");
      const figures = await settled(council, `/api/v1/clusters/${cluster.id}/network/figures`);
      expect(figures.canManage).toBe(false);
      const s = figures.snapshot!;
      // 8 actors (7 + the member's enterprise), 7 linked pairs: 7 / 28 possible; degree 14 / 8.
      expect(s.figures).toEqual({
        actors: 8,
        links: 7,
        density: 0.25,
        averageDegree: 1.75,
        communities: 2,
        modularity: expect.any(Number),
        isolated: 2,
      });
      expect(s.figures.modularity).toBeGreaterThan(0.3);
      // C and D have three neighbours each and carry every path between the triangles:
      // 3 × 3 − … : C lies between {A, B} and {D, E, F} = 6 pairs, normalised by 21 pairs of the other 7.
      expect(
        s.topByDegree
          .slice(0, 2)
          .map((x) => x.id)
          .sort(),
      ).toEqual([C!.id, D!.id].sort());
      expect(s.topByDegree[0]!.degree).toBe(3);
      expect(
        s.topByBetweenness
          .slice(0, 2)
          .map((x) => x.id)
          .sort(),
      ).toEqual([C!.id, D!.id].sort());
      expect(s.topByBetweenness[0]!.betweenness).toBeCloseTo(6 / 21, 5);
      expect(s.topByBetweenness).toHaveLength(2);
      expect(s.communities.map((c) => c.size)).toEqual([3, 3]);
      const groups = s.communities.map((c) => c.top.map((x) => x.id).sort());
      expect(groups).toContainEqual([A!.id, B!.id, C!.id].sort());
      expect(groups).toContainEqual([D!.id, E!.id, F!.id].sort());

      // The picture: every node with a position, every link (both A-B links drawn), ends by index.
      const net = await council.get<Network>(`/api/v1/clusters/${cluster.id}/network`);
      expect(net.body.nodes).toHaveLength(8);
      expect(net.body.edges).toHaveLength(8);
      const g = net.body.nodes.find((n) => n.id === G!.id)!;
      expect(g).toMatchObject({ degree: 0, community: -1, name: "بنگاه چ", kind: "enterprise" });
      expect(net.body.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
      const cd = net.body.edges.filter(
        (e) =>
          [net.body.nodes[e.source]!.id, net.body.nodes[e.target]!.id].sort().join() === [C!.id, D!.id].sort().join(),
      );
      expect(cd).toHaveLength(1);
      // The answer is kept precompressed: the same document as gzip and as brotli, and a rename shows at once.
      for (const encoding of ["gzip", "br"]) {
        const r = await council.req<Network>("GET", `/api/v1/clusters/${cluster.id}/network`, undefined, {
          "accept-encoding": encoding,
        });
        expect(r.headers.get("content-encoding")).toBe(encoding);
        expect(r.body.nodes).toEqual(net.body.nodes);
      }
      expect((await manager.patch(`/api/v1/enterprises/${G!.id}`, { name: "بنگاه چ نو" })).status).toBe(200);
      const renamed = await council.get<Network>(`/api/v1/clusters/${cluster.id}/network`);
      expect(renamed.body.nodes.find((n) => n.id === G!.id)!.name).toBe("بنگاه چ نو");
      expect(renamed.body.nodes).toHaveLength(8);

      // The job that computed it.
      const jobs = await env()
        .database.db.selectFrom("jobs")
        .select(["state", "payload"])
        .where("kind", "=", "network.snapshot")
        .execute();
      expect(jobs.some((j) => j.state === "done" && j.payload.includes(cluster.id))).toBe(true);

      // On 2023-06-01 only the first triangle and A-E held (members who joined later are not there yet).
      const cmp = await settledCompare(
        council,
        `/api/v1/clusters/${cluster.id}/network/compare?from=2023-06-01&to=${figures.snapshot!.on}`,
      );
      expect(cmp.figures).toMatchObject({
        actors: { from: 4, to: 8, change: 4 },
        links: { from: 4, to: 7, change: 3 },
        density: { from: 0.666667, to: 0.25 },
        communities: { to: 2 },
        isolated: { from: 0, to: 2, change: 2 },
      });
      expect(cmp.addedTotal).toBe(4);
      expect(cmp.added.map((r) => [r.from.id, r.to.id].sort().join()).sort()).toEqual(
        [
          [D!.id, E!.id],
          [E!.id, F!.id],
          [F!.id, D!.id],
          [C!.id, D!.id],
        ]
          .map((p) => p.sort().join())
          .sort(),
      );
      expect(cmp.removedTotal).toBe(1);
      expect(cmp.removed[0]!.to.id).toBe(E!.id);
      const cRow = cmp.central.find((x) => x.id === C!.id)!;
      expect(cRow).toMatchObject({ degreeFrom: 2, degreeTo: 3, rankTo: expect.any(Number) });
      const dRow = cmp.central.find((x) => x.id === D!.id)!;
      expect(dRow).toMatchObject({ degreeFrom: 0, rankFrom: null });
      expectProblem(
        await council.get(`/api/v1/clusters/${cluster.id}/network/compare?from=2023-06-01`),
        400,
        "validation_failed",
      );

      // A new link makes the snapshot stale: answered at once, marked, and recomputed.
      const H = await makeEnterprise(env(), cluster, "بنگاه ح");
      const stale = await council.get<Figures>(`/api/v1/clusters/${cluster.id}/network/figures`);
      // A membership change alone is enough.
      expect(stale.body.snapshot).toMatchObject({ stale: true, figures: { actors: 8 } });
      expect(stale.body.computing).toBe(true);
      expect((await settled(council, `/api/v1/clusters/${cluster.id}/network/figures`)).snapshot!.figures.actors).toBe(
        9,
      );
      await add(H, G!, null);
      const again = await settled(manager, `/api/v1/clusters/${cluster.id}/network/figures`);
      expect(again.canManage).toBe(true);
      expect(again.snapshot!.figures).toMatchObject({ actors: 9, links: 8, isolated: 1 });
    });
  },
  { JOBS_POLL_MS: "20" },
);
