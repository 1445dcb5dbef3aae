import { expect, it } from "vitest";
import { signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser } from "../support/harness";

type Entry = {
  action: string;
  actorId: string | null;
  actorName: string | null;
  targetId: string | null;
  summary: string;
  at: string;
};

describeEngines("audit log", (env) => {
  it("records every write with who, what, which record and a summary, and filters by user, action and date", async () => {
    const adminUser = await makeUser(env(), { role: "national_admin" }, { name: "ممیز ملی" });
    const admin = await signedIn(env(), adminUser);
    const created = await admin.post<{ id: string }>("/api/v1/users", {
      email: "audited@test.ir",
      name: "کاربر ممیزی",
      password: "Audited-12345",
      grant: { role: "province_admin", provinceCode: "IR-10" },
    });
    await admin.patch(`/api/v1/users/${created.body.id}`, { name: "کاربر ممیزی‌شده" });
    await admin.post(`/api/v1/users/${created.body.id}/password`, { password: "Reset-audit-123" });

    const all = await admin.get<{ items: Entry[]; total: number }>(`/api/v1/audit?userId=${adminUser.id}&limit=200`);
    const actions = all.body.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["auth.login", "user.create", "user.update", "user.password_reset"]),
    );
    const update = all.body.items.find((e) => e.action === "user.update")!;
    expect(update.actorName).toBe("ممیز ملی");
    expect(update.targetId).toBe(created.body.id);
    expect(JSON.parse(update.summary)).toEqual({
      changes: { name: { before: "کاربر ممیزی", after: "کاربر ممیزی‌شده" } },
    });
    // Secrets never reach the log.
    expect(JSON.stringify(all.body)).not.toContain("Audited-12345");
    expect(JSON.stringify(all.body)).not.toContain("Reset-audit-123");

    const onlyCreate = await admin.get<{ items: Entry[] }>(`/api/v1/audit?action=user.create&userId=${adminUser.id}`);
    expect(onlyCreate.body.items.map((e) => e.action)).toEqual(["user.create"]);
    const today = new Date(Date.now() + 3.5 * 3600_000).toISOString().slice(0, 10);
    const inRange = await admin.get<{ total: number }>(
      `/api/v1/audit?userId=${adminUser.id}&from=${today}&to=${today}`,
    );
    expect(inRange.body.total).toBe(all.body.total);
    const past = await admin.get<{ total: number }>(
      `/api/v1/audit?userId=${adminUser.id}&from=2020-01-01&to=2020-12-31`,
    );
    expect(past.body.total).toBe(0);
    const actionsList = await admin.get<{ items: string[] }>("/api/v1/audit/actions");
    expect(actionsList.body.items).toContain("user.create");
    expect((await admin.get("/api/v1/audit?from=1403-13-01")).status).toBe(400);

    // Events on a cluster carry its name, so readers need no look-up.
    const cluster = await makeCluster(env(), { provinceCode: "IR-10", nameFa: "خوشه ممیزی‌شده" });
    await admin.patch(`/api/v1/clusters/${cluster.id}`, { sector: "آزمون ممیزی" });
    const onCluster = await admin.get<{ items: (Entry & { clusterId: string; clusterName: string })[] }>(
      `/api/v1/audit?action=cluster.update&userId=${adminUser.id}`,
    );
    expect(onCluster.body.items[0]).toMatchObject({ clusterId: cluster.id, clusterName: "خوشه ممیزی‌شده" });
  });

  it("shows a province admin only their province's entries", async () => {
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    await nat.post("/api/v1/users", {
      email: "in-zanjan@test.ir",
      name: "زنجانی",
      password: "Zanjani-12345",
      grant: { role: "province_admin", provinceCode: "IR-19" },
    });
    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    await qom.post("/api/v1/users", {
      email: "in-qom@test.ir",
      name: "قمی",
      password: "Qomi-1234567",
      grant: { role: "province_admin", provinceCode: "IR-25" },
    });
    const seen = await qom.get<{ items: Entry[] }>("/api/v1/audit?limit=200");
    expect(seen.status).toBe(200);
    const summaries = seen.body.items.map((e) => e.summary).join("\n");
    expect(summaries).toContain("in-qom@test.ir");
    expect(summaries).not.toContain("in-zanjan@test.ir");
  });
});
