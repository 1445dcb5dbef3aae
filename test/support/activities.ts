/**
 * What the beneficiaries' API test and the aggregates' rebuild test both set
 * up through the HTTP API: a programme of an approved plan, a cluster with
 * its manager, member enterprise, member user and staff, an activity, a
 * registration and a check-in.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { type Client, signedIn } from "./client";
import { makeCluster, makeEnterprise, makeUser, type TestEnv } from "./harness";

/** A programme of an approved year-one plan of the cluster (written directly: planning's own tests cover the way there). */
export async function programmeOf(env: TestEnv, cluster: { id: string; provinceCode: string }, title = "آموزش طراحی") {
  const planId = randomUUID();
  const id = randomUUID();
  const now = new Date().toISOString();
  await env.database.db
    .insertInto("planning_plans")
    .values({
      id: planId,
      cluster_id: cluster.id,
      province_code: cluster.provinceCode,
      project_year: 1,
      title: "برنامه سال اول",
      period_start: "2025-03-21",
      period_end: "2027-03-20",
      status: "approved",
      approved_version: 1,
      return_comment: null,
      submitted_at: now,
      programme_count: 1,
      budget_rials: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await env.database.db
    .insertInto("planning_programmes")
    .values({
      id,
      plan_id: planId,
      cluster_id: cluster.id,
      title,
      area: "skills",
      strategy_id: null,
      objective: null,
      responsible: null,
      start_date: "2025-04-01",
      end_date: "2027-03-01",
      budget_rials: 0,
      share_national: 0,
      share_province: 0,
      share_members: 0,
      share_others: 0,
      spent_rials: 0,
      actual_start: null,
      actual_end: null,
      position: 0,
      created_at: now,
    })
    .execute();
  return id;
}

/** A cluster of the province with its manager, a member enterprise, its user and people. */
export async function clusterWith(env: TestEnv, people: { name: string; skills?: string[] }[], provinceCode = "IR-23") {
  const cluster = await makeCluster(env, { provinceCode, state: "implementation" });
  const manager = await signedIn(
    env,
    await makeUser(env, { role: "cluster_manager", clusterId: cluster.id, provinceCode }),
  );
  const enterprise = await makeEnterprise(env, cluster, "پوشاک نمونه");
  const member = await signedIn(
    env,
    await makeUser(env, { role: "member", clusterId: cluster.id, provinceCode, enterpriseId: enterprise.id }),
  );
  const ids: string[] = [];
  for (const p of people) {
    const r = await manager.post<{ id: string }>("/api/v1/people", { ...p, enterpriseId: enterprise.id });
    expect(r.status, r.text).toBe(201);
    ids.push(r.body.id);
  }
  return { cluster, manager, member, enterprise, people: ids };
}

export async function create(c: Client, clusterId: string, body: unknown) {
  const r = await c.post<{ id: string }>(`/api/v1/clusters/${clusterId}/activities`, body);
  expect(r.status, r.text).toBe(201);
  return r.body.id;
}

/** Registers one person (or a free name and mobile) and returns the registration's id. */
export async function registerOne(c: Client, activityId: string, person: unknown) {
  const r = await c.post<{ items: { id: string; status: string }[] }>(
    `/api/v1/activities/${activityId}/registrations`,
    {
      people: [person],
    },
  );
  expect(r.status, r.text).toBe(201);
  expect(r.body.items[0]?.status).toBe("accepted");
  return r.body.items[0]?.id as string;
}

export async function checkIn(c: Client, activityId: string, registrationId: string, status = 201) {
  const r = await c.post(`/api/v1/activities/${activityId}/check-ins`, { registrationId });
  expect(r.status, r.text).toBe(status);
}
