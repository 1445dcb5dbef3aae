import { beforeAll, expect, it } from "vitest";
import { loadDemo } from "../../src/server/demo/load";
import { signedIn } from "../support/client";
import { describeEngines } from "../support/harness";

type Item = {
  nameFa: string;
  provinceCode: string;
  state: string;
  stateSince: string | null;
  implementationYear: number | null;
  agentContractEnd: string | null;
  jobsIndustrial: number | null;
  jobsGuild: number | null;
  estEnterprises: number | null;
};

describeEngines("demo data from the source reports", (env) => {
  beforeAll(async () => {
    expect((await loadDemo(env().database)).loaded).toBe(true);
    expect((await loadDemo(env().database)).loaded).toBe(false);
  });

  it("carries the reports' clusters with their states, dates and figures", async () => {
    const admin = await signedIn(env(), { email: "admin@khooshe.ir", password: "Khooshe1234" });
    const all = (await admin.get<{ items: Item[]; total: number }>("/api/v1/clusters?limit=200")).body;
    const by = (name: string) => all.items.find((c) => c.nameFa === name)!;
    expect(all.items.filter((c) => c.provinceCode === "IR-10").length).toBeGreaterThanOrEqual(67);
    expect(all.items.filter((c) => c.provinceCode === "IR-10" && c.state === "network")).toHaveLength(9);
    expect(by("خوشه پوشاک قم")).toMatchObject({
      state: "implementation",
      stateSince: "2019-09-23",
      implementationYear: 3,
    });
    expect(by("خوشه پوشاک مشهد")).toMatchObject({
      state: "implementation",
      stateSince: "2022-12-22",
      agentContractEnd: "2026-03-20",
      jobsIndustrial: 13500,
      jobsGuild: 20500,
    });
    expect(by("خوشه کفش هیدج")).toMatchObject({ state: "implementation", implementationYear: 3 });
    expect(by("خوشه صنعتی بسته‌بندی قزوین")).toMatchObject({ estEnterprises: 300, stateSince: "2012-08-22" });
    const kr = all.items.filter((c) => c.provinceCode === "IR-09");
    expect(kr.filter((c) => c.state === "handed_over")).toHaveLength(5);
    const zn = all.items.filter((c) => c.provinceCode === "IR-19");
    expect(zn).toHaveLength(6);
    expect(
      zn
        .filter((c) => c.state === "handed_over")
        .map((c) => c.nameFa)
        .sort(),
    ).toEqual(["خوشه روی زنجان", "خوشه فرش دستباف زنجان"].sort());

    const studies = await admin.get<{ items: { clusterName: string; rank: number }[] }>(
      "/api/v1/provinces/IR-09/feasibility/studies",
    );
    expect(studies.body.items.map((s) => s.clusterName)).toEqual([
      "خوشه پوشاک مشهد",
      "خوشه پلاستیک خراسان رضوی",
      "خوشه لبنیات خراسان رضوی",
    ]);
    const decisions = await admin.get<{ items: { chosenClusterName: string }[] }>(
      "/api/v1/provinces/IR-09/feasibility/decisions",
    );
    expect(decisions.body.items[0]?.chosenClusterName).toBe("خوشه پوشاک مشهد");
  });

  it("gives each demo role its scope", async () => {
    const qom = await signedIn(env(), { email: "qom@khooshe.ir", password: "Khooshe1234" });
    const list = (await qom.get<{ items: Item[] }>("/api/v1/clusters?limit=200")).body.items;
    expect(list.map((c) => c.nameFa)).toEqual(["خوشه پوشاک قم"]);
    const council = await signedIn(env(), { email: "council@khooshe.ir", password: "Khooshe1234" });
    const id = (await council.get<{ items: { id: string }[] }>("/api/v1/clusters")).body.items[0]!.id;
    const seats = await council.get<{ items: { personName: string; userName: string | null }[] }>(
      `/api/v1/clusters/${id}/council`,
    );
    expect(seats.body.items.map((s) => s.personName)).toContain("دکتر ابراهیمی");
    expect(seats.body.items.some((s) => s.userName === "عضو شورای راهبری خوشه پوشاک قم")).toBe(true);
    const member = await signedIn(env(), { email: "member@khooshe.ir", password: "Khooshe1234" });
    const ents = await member.get<{ items: { name: string }[] }>("/api/v1/enterprises");
    expect(ents.body.items.map((e) => e.name)).toEqual(["تولیدی پوشاک نگین قم"]);
  });
});
