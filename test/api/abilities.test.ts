/**
 * Detail responses carry the caller's abilities on that record, decided by
 * the same can() the server enforces, per record: a role on one cluster
 * shows no buttons on another.
 */
import { expect, it } from "vitest";
import { signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser } from "../support/harness";

type Abilities = {
  update: boolean;
  manageContracts: boolean;
  readGovernance: boolean;
  manageGovernance: boolean;
  readPlanning: boolean;
};
type Detail = { id: string; can: Abilities };

describeEngines("abilities on a cluster", (env) => {
  it("match what the server then allows, per cluster", async () => {
    const own = await makeCluster(env(), { provinceCode: "IR-25" });
    const other = await makeCluster(env(), { provinceCode: "IR-25" });
    const manager = await makeUser(env(), { role: "cluster_manager", clusterId: own.id, provinceCode: "IR-25" });
    // The same person sits on the other cluster's council: they may read it, not edit it.
    await env()
      .database.db.insertInto("role_grants")
      .values({
        id: crypto.randomUUID(),
        user_id: manager.id,
        role: "council_member",
        province_code: "IR-25",
        cluster_id: other.id,
        enterprise_id: null,
        created_at: new Date().toISOString(),
        created_by: null,
      })
      .execute();
    const m = await signedIn(env(), manager);
    const mine = await m.get<Detail>(`/api/v1/clusters/${own.id}`);
    expect(mine.body.can).toEqual({
      update: true,
      manageContracts: false,
      readGovernance: true,
      manageGovernance: false,
      readPlanning: true,
    });
    const theirs = await m.get<Detail>(`/api/v1/clusters/${other.id}`);
    expect(theirs.body.can).toEqual({
      update: false,
      manageContracts: false,
      readGovernance: true,
      manageGovernance: false,
      readPlanning: true,
    });
    // What the abilities say is what the server does.
    expect((await m.patch(`/api/v1/clusters/${own.id}`, { place: "قم، شهرک شکوهیه" })).status).toBe(200);
    expect((await m.patch(`/api/v1/clusters/${other.id}`, { place: "جای دیگر" })).status).toBe(403);

    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const admin = await qom.patch<Detail>(`/api/v1/clusters/${other.id}`, { place: "قم" });
    // Writes that return the cluster carry the abilities too.
    expect(admin.body.can).toEqual({
      update: true,
      manageContracts: true,
      readGovernance: true,
      manageGovernance: true,
      readPlanning: true,
    });
  });
});
