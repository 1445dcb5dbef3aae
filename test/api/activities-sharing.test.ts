/**
 * What leaves the activities module, through the HTTP API on each engine:
 * an activity's .ics (one event per session at Tehran's time, or its days),
 * the private calendar feed (its token rotated, refused once its user is
 * deactivated or loses the cluster), the participants' and the cluster's
 * year spreadsheets, and photos and documents attached to an activity.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { addDaysIso, todayIso } from "../../src/core/jalali";
import { type Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeEnterprise, makeUser, type TestEnv } from "../support/harness";

type Problem = { code: string };

// A JPEG's first bytes (SOI, JFIF APP0), a Windows program's (MZ) and a GIF's, for the content checks.
const JPEG = Buffer.concat([
  Buffer.from("FFD8FFE000104A46494600010100000100010000FFDB004300", "hex"),
  Buffer.alloc(64, 1),
  Buffer.from("FFD9", "hex"),
]);
const EXE = Buffer.concat([Buffer.from("4D5A90000300000004000000FFFF0000", "hex"), Buffer.alloc(128)]);
const GIF = Buffer.from(
  "47494638396101000100800000FFFFFF00000021F90401000000002C00000000010001000002024401003B",
  "hex",
);

function form(name: string, content: Buffer) {
  const f = new FormData();
  f.append("file", new Blob([new Uint8Array(content)]), name);
  return f;
}

function expectProblem(r: { status: number; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect((r.body as Problem).code).toBe(code);
}
type Activity = { id: string; sessions: { id: string }[] };

const TITLE = "دوره مدلسازی لباس زنانه";

/** The calendar text with folded lines joined again (RFC 5545 folds at 75 octets). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");
const events = (ics: string) => unfold(ics).split("BEGIN:VEVENT").slice(1);
const field = (event: string, name: string) =>
  event
    .split("\r\n")
    .filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
    .map((l) => l.slice(l.indexOf(":") + 1));

/** Downloads a workbook with the client's cookie and opens its first sheet with exceljs. */
async function sheetOf(env: TestEnv, path: string, c: Client): Promise<ExcelJS.Worksheet> {
  const r = await fetch(env.baseUrl + path, { headers: { cookie: c.cookie ?? "", "accept-language": "fa" } });
  expect(r.status, path).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await r.arrayBuffer());
  return wb.worksheets[0]!;
}

/** A row's cells, the first column first, empty cells as null. */
function rowValues(ws: ExcelJS.Worksheet, n: number): unknown[] {
  const values: unknown[] = [];
  for (let i = 1; i <= ws.columnCount; i++) {
    const v = ws.getRow(n).getCell(i).value;
    values.push(v === undefined || v === "" ? null : v);
  }
  while (values.length && values[values.length - 1] === null) values.pop();
  return values;
}

async function setup(env: TestEnv) {
  const cluster = await makeCluster(env, { provinceCode: "IR-19", state: "implementation" });
  const managerUser = await makeUser(env, { role: "cluster_manager", clusterId: cluster.id, provinceCode: "IR-19" });
  const manager = await signedIn(env, managerUser);
  const enterprise = await makeEnterprise(env, cluster, "پوشاک هیدج");
  const memberUser = await makeUser(env, {
    role: "member",
    clusterId: cluster.id,
    provinceCode: "IR-19",
    enterpriseId: enterprise.id,
  });
  const member = await signedIn(env, memberUser);
  const otherCluster = await makeCluster(env, { provinceCode: "IR-19", state: "implementation" });
  const strangerUser = await makeUser(env, {
    role: "cluster_manager",
    clusterId: otherCluster.id,
    provinceCode: "IR-19",
  });
  const stranger = await signedIn(env, strangerUser);
  return { cluster, manager, member, memberUser, stranger, enterprise };
}

async function create(c: Client, clusterId: string, over: Record<string, unknown> = {}): Promise<Activity> {
  const r = await c.post<Activity>(`/api/v1/clusters/${clusterId}/activities`, {
    kind: "training",
    details: { hours: 6, mode: "in_person" },
    title: TITLE,
    place: "مرکز طراحی هیدج",
    startDate: "2030-09-28",
    endDate: "2030-09-30",
    sessions: [],
    ...over,
  });
  expect(r.status, r.text).toBe(201);
  return r.body;
}

describeEngines("activities: calendar files, feeds, exports and attachments", (env) => {
  it("an activity's .ics: one event per session at Tehran's time or all day, stable UIDs; readers only", async () => {
    const { cluster, manager, member, stranger } = await setup(env());
    const a = await create(manager, cluster.id, {
      description: "الگوسازی و برش",
      sessions: [
        { startsOn: "2030-09-28", startTime: "09:00", endTime: "12:30" },
        { startsOn: "2030-09-30", place: "کارگاه نمونه" },
      ],
    });
    const r = await member.get<string>(`/api/v1/activities/${a.id}/ics`);
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(r.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`${TITLE}.ics`)}`);
    expect(r.text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    const [first, second, ...rest] = events(r.text);
    expect(rest).toEqual([]);
    // 09:00 in Tehran (UTC+03:30) is 05:30 UTC.
    expect(field(first!, "DTSTART")).toEqual(["20300928T053000Z"]);
    expect(field(first!, "DTEND")).toEqual(["20300928T090000Z"]);
    expect(field(first!, "SUMMARY")[0]).toContain(TITLE);
    expect(field(first!, "SUMMARY")[0]).toContain("جلسه ۱ از ۲");
    expect(field(first!, "LOCATION")).toEqual(["مرکز طراحی هیدج"]);
    expect(field(first!, "UID")).toEqual([`session-${a.sessions[0]!.id}@khooshe`]);
    // Without a time: all day on its day, the end being the next day.
    expect(field(second!, "DTSTART")).toEqual(["20300930"]);
    expect(field(second!, "DTEND")).toEqual(["20301001"]);
    expect(field(second!, "LOCATION")).toEqual(["کارگاه نمونه"]);
    expect(unfold(r.text)).toContain("X-WR-TIMEZONE:Asia/Tehran");
    // The same UIDs on the next download: importing again updates the events.
    const again = await manager.get<string>(`/api/v1/activities/${a.id}/ics`);
    expect(events(again.text).map((e) => field(e, "UID")[0])).toEqual(a.sessions.map((s) => `session-${s.id}@khooshe`));

    // No sessions: one all-day event over the activity's days; a cancelled one says so.
    const plain = await create(manager, cluster.id, { status: "cancelled" });
    const p = await member.get<string>(`/api/v1/activities/${plain.id}/ics`);
    const [only, ...none] = events(p.text);
    expect(none).toEqual([]);
    expect(field(only!, "DTSTART")).toEqual(["20300928"]);
    expect(field(only!, "DTEND")).toEqual(["20301001"]);
    expect(field(only!, "SUMMARY")).toEqual([TITLE]);
    expect(field(only!, "STATUS")).toEqual(["CANCELLED"]);
    expect(field(only!, "UID")).toEqual([`activity-${plain.id}@khooshe`]);

    expect((await stranger.get(`/api/v1/activities/${a.id}/ics`)).status).toBe(404);
  });

  it("a private feed: the cluster's activities near today, rotated by asking again, revalidated by its ETag", async () => {
    const { cluster, manager, member } = await setup(env());
    const today = todayIso();
    const soon = await create(manager, cluster.id, {
      startDate: addDaysIso(today, 10),
      endDate: addDaysIso(today, 11),
      sessions: [{ startsOn: addDaysIso(today, 10), startTime: "16:00", endTime: "18:00" }],
    });
    await create(manager, cluster.id, {
      title: "نمایشگاه گذشته",
      startDate: addDaysIso(today, -30),
      endDate: addDaysIso(today, -29),
    });
    // Out of the window: two years ahead and a year back.
    await create(manager, cluster.id, {
      title: "دور",
      startDate: addDaysIso(today, 730),
      endDate: addDaysIso(today, 731),
    });
    await create(manager, cluster.id, {
      title: "کهنه",
      startDate: addDaysIso(today, -365),
      endDate: addDaysIso(today, -364),
    });

    const made = await member.post<{ url: string }>(`/api/v1/clusters/${cluster.id}/calendar-feed`);
    expect(made.status, made.text).toBe(200);
    expect(made.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/feeds\/activities\/[A-Za-z0-9_-]{43}\.ics$/);
    // Only the token's hash is kept.
    const token = made.body.url
      .split("/")
      .pop()!
      .replace(/\.ics$/, "");
    const stored = await env().database.db.selectFrom("activity_feeds").select("token_hash").execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    // No cookie: the token is the key.
    const feed = await fetch(made.body.url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(feed.headers.get("cache-control")).toBe("private, max-age=900");
    const text = await feed.text();
    const evs = events(text);
    expect(evs.map((e) => field(e, "SUMMARY")[0]).sort()).toEqual([TITLE, "نمایشگاه گذشته"].sort());
    expect(evs.map((e) => field(e, "UID")[0])).toContain(`session-${soon.sessions[0]!.id}@khooshe`);
    expect(unfold(text)).toContain(`X-WR-CALNAME:فعالیت‌های ${cluster.nameFa}`);
    const etag = feed.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await fetch(made.body.url, { headers: { "if-none-match": etag } })).status).toBe(304);

    // A new address: the old one stops answering at once.
    const rotated = await member.post<{ url: string }>(`/api/v1/clusters/${cluster.id}/calendar-feed`);
    expect(rotated.body.url).not.toBe(made.body.url);
    expect((await fetch(made.body.url)).status).toBe(404);
    expect((await fetch(rotated.body.url)).status).toBe(200);
    const audits = await env()
      .database.db.selectFrom("audit_log")
      .select("summary")
      .where("action", "=", "activities.feed.rotate")
      .where("cluster_id", "=", cluster.id)
      .execute();
    expect(audits).toHaveLength(2);
    // Rotations racing: each answers, one feed is left and only its address works.
    const raced = await Promise.all(
      Array.from({ length: 5 }, () => member.post<{ url: string }>(`/api/v1/clusters/${cluster.id}/calendar-feed`)),
    );
    expect(raced.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const live = await Promise.all(raced.map(async (r) => (await fetch(r.body.url)).status));
    expect(live.filter((s) => s === 200)).toHaveLength(1);
    expect((await fetch(rotated.body.url)).status).toBe(404);
    // A token that never was, and a malformed one.
    expect((await fetch(made.body.url.replace(/[A-Za-z0-9_-]{43}\.ics$/, `${"A".repeat(43)}.ics`))).status).toBe(404);
    expect((await fetch(made.body.url.replace(/[A-Za-z0-9_-]{43}\.ics$/, "short.ics"))).status).toBe(400);
  });

  it("a feed answers only while its user is active and may still read the cluster", async () => {
    const { cluster, manager, member, memberUser, stranger } = await setup(env());
    await create(manager, cluster.id);
    const asManager = (await manager.post<{ url: string }>(`/api/v1/clusters/${cluster.id}/calendar-feed`)).body.url;
    const asMember = (await member.post<{ url: string }>(`/api/v1/clusters/${cluster.id}/calendar-feed`)).body.url;
    expect((await fetch(asMember)).status).toBe(200);
    // Someone who cannot read the cluster gets no feed.
    expect((await stranger.post<Problem>(`/api/v1/clusters/${cluster.id}/calendar-feed`)).status).toBe(404);

    // Deactivated: 404.
    const db = env().database.db;
    await db.updateTable("users").set({ active: 0 }).where("id", "=", memberUser.id).execute();
    expect((await fetch(asMember)).status).toBe(404);
    await db.updateTable("users").set({ active: 1 }).where("id", "=", memberUser.id).execute();
    expect((await fetch(asMember)).status).toBe(200);
    // The grant taken away: 404; the manager's feed still answers.
    await db.deleteFrom("role_grants").where("user_id", "=", memberUser.id).execute();
    expect((await fetch(asMember)).status).toBe(404);
    expect((await fetch(asManager)).status).toBe(200);
  });

  it("photos and documents: a JPEG taken, a renamed executable refused, read by the cluster's readers only", async () => {
    const { cluster, manager, member, stranger } = await setup(env());
    const a = await create(manager, cluster.id);
    const url = `/api/v1/activities/${a.id}/attachments`;
    const up = await manager.post<{ id: string; mime: string; fileName: string }>(url, form("عکس کارگاه.jpg", JPEG));
    expect(up.status, up.text).toBe(201);
    expect(up.body).toMatchObject({ mime: "image/jpeg", fileName: "عکس کارگاه.jpg" });

    // Whatever the name says, the content decides; an activity takes no GIFs nor programs.
    expectProblem(await manager.post(url, form("عکس.jpg", EXE)), 400, "file_type_mismatch");
    expectProblem(await manager.post(url, form("setup.exe", EXE)), 400, "file_type_not_allowed");
    expectProblem(await manager.post(url, form("انیمیشن.gif", GIF)), 400, "file_type_not_allowed");
    // Readers read, managers write.
    expect((await member.post(url, form("عکس.jpg", JPEG))).status).toBe(403);
    expect((await stranger.post(url, form("عکس.jpg", JPEG))).status).toBe(404);

    const list = await member.get<{ items: { id: string }[]; total: number }>(url);
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((i) => i.id)).toEqual([up.body.id]);
    const shown = await member.get<{ attachments: { id: string; fileName: string }[] }>(`/api/v1/activities/${a.id}`);
    expect(shown.body.attachments.map((f) => f.fileName)).toEqual(["عکس کارگاه.jpg"]);
    const file = await member.get(`/api/v1/attachments/${up.body.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect((await stranger.get(`/api/v1/attachments/${up.body.id}`)).status).toBe(404);
    expect((await stranger.get(url)).status).toBe(404);

    // Removed by a manager only, audited; gone for everyone after.
    expect((await member.del(`${url}/${up.body.id}`)).status).toBe(403);
    expect((await manager.del(`${url}/${up.body.id}`)).status).toBe(204);
    expect((await member.get(`/api/v1/attachments/${up.body.id}`)).status).toBe(404);
    expect((await manager.del(`${url}/${up.body.id}`)).status).toBe(404);
    const audits = await env()
      .database.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", a.id)
      .where("action", "in", ["attachment.add", "activities.attachment.remove"])
      .execute();
    expect(audits.map((r) => r.action).sort()).toEqual(["activities.attachment.remove", "attachment.add"]);

    // Removing the activity removes its files, rows and bytes.
    const kept = await manager.post<{ id: string }>(url, form("برنامه.jpg", JPEG));
    expect(kept.status, kept.text).toBe(201);
    const stored = await env()
      .database.db.selectFrom("attachments")
      .select("storage_key")
      .where("id", "=", kept.body.id)
      .executeTakeFirstOrThrow();
    const onDisk = path.join(env().config.attachmentsDir, stored.storage_key);
    expect(fs.existsSync(onDisk)).toBe(true);
    expect((await manager.del(`/api/v1/activities/${a.id}`)).status).toBe(204);
    const left = await env().database.db.selectFrom("attachments").select("id").where("owner_id", "=", a.id).execute();
    expect(left).toEqual([]);
    expect(fs.existsSync(onDisk)).toBe(false);
  });

  it("participants.xlsx: every registration with its status, hours per session and in all, certificate; managers only", async () => {
    const { cluster, manager, member, stranger, enterprise } = await setup(env());
    const a = await create(manager, cluster.id, {
      capacity: 2,
      sessions: [{ startsOn: "2030-09-28" }, { startsOn: "2030-09-29" }],
    });
    const people: string[] = [];
    for (const name of ["مریم احمدی", "علی رضایی", "زهرا کریمی"]) {
      const p = await manager.post<{ id: string }>("/api/v1/people", { name, enterpriseId: enterprise.id });
      expect(p.status, p.text).toBe(201);
      people.push(p.body.id);
    }
    const reg = await member.post<{ items: { id: string; status: string }[] }>(
      `/api/v1/activities/${a.id}/registrations`,
      {
        people: people.map((personId) => ({ personId })),
      },
    );
    expect(reg.body.items.map((r) => r.status)).toEqual(["accepted", "accepted", "waitlisted"]);
    const [first, second] = reg.body.items.map((r) => r.id);
    const [s1, s2] = a.sessions.map((s) => s.id);
    for (const [registrationId, sessionId, hours] of [
      [first, s1, 3],
      [first, s2, 2.5],
      [second, s1, 3],
    ] as const) {
      const c = await manager.post(`/api/v1/activities/${a.id}/check-ins`, { registrationId, sessionId, hours });
      expect(c.status, c.text).toBe(201);
    }
    const settings = await manager.req("PUT", `/api/v1/activities/${a.id}/certificate-settings`, {
      minAttendancePercent: 80,
      signatories: [{ name: "رضا محمدی", title: "مدیر خوشه" }],
    });
    expect(settings.status, settings.text).toBe(200);
    const issued = await manager.post<{ issued: { registrationId: string; code: string }[] }>(
      `/api/v1/activities/${a.id}/certificates`,
      { registrationIds: [first] },
    );
    expect([200, 201], issued.text).toContain(issued.status);

    const r = await manager.req("GET", `/api/v1/activities/${a.id}/participants.xlsx`);
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(r.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const ws = await sheetOf(env(), `/api/v1/activities/${a.id}/participants.xlsx`, manager);
    expect(ws.views[0]?.rightToLeft).toBe(true);
    const head = rowValues(ws, 1);
    expect(head.slice(0, 3)).toEqual(["نام", "وضعیت", "جلسه"]);
    expect(head).toContain("ساعت حضور جلسه ۱ (1409/07/06)");
    expect(head).toContain("جمع ساعت حضور");
    expect(ws.rowCount).toBe(4);
    const col = (name: string) => head.indexOf(name);
    // Rows by the order they came; one batch shares its moment, so find each by name.
    const byName = new Map([2, 3, 4].map((i) => [rowValues(ws, i)[col("نام")], rowValues(ws, i)]));
    const [maryam, ali, zahra] = ["مریم احمدی", "علی رضایی", "زهرا کریمی"].map((name) => byName.get(name)!);
    const cells = (name: string) => [maryam, ali, zahra].map((x) => x![col(name)] ?? null);
    expect(cells("وضعیت")).toEqual(["پذیرفته", "پذیرفته", "در فهرست انتظار"]);
    expect(cells("بنگاه")).toEqual(["پوشاک هیدج", "پوشاک هیدج", "پوشاک هیدج"]);
    expect(cells("ساعت حضور جلسه ۱ (1409/07/06)")).toEqual([3, 3, null]);
    expect(cells("ساعت حضور جلسه ۲ (1409/07/07)")).toEqual([2.5, null, null]);
    expect(cells("جمع ساعت حضور")).toEqual([5.5, 3, 0]);
    expect(cells("نوبت در فهرست انتظار")).toEqual([null, null, 1]);
    const code = issued.body.issued[0]!.code.replace(/-/g, "");
    expect(String(cells("کد گواهی")[0]).replace(/-/g, "")).toBe(code);
    expect(cells("کد گواهی").slice(1)).toEqual([null, null]);
    expect(String(cells("زمان ثبت‌نام")[0])).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);

    expect((await member.req("GET", `/api/v1/activities/${a.id}/participants.xlsx`)).status).toBe(403);
    expect((await stranger.req("GET", `/api/v1/activities/${a.id}/participants.xlsx`)).status).toBe(404);

    // The cluster's year: the activity's figures, then the cluster's unique people and enterprises.
    const year = await sheetOf(env(), `/api/v1/clusters/${cluster.id}/activities.xlsx?year=1409`, member);
    const yh = rowValues(year, 1);
    expect(yh).toEqual([
      "عنوان",
      "نوع",
      "وضعیت",
      "اقدام برنامه عملیاتی",
      "تاریخ آغاز",
      "تاریخ پایان",
      "ثبت‌نام پذیرفته",
      "در فهرست انتظار",
      "حاضران",
      "افراد بهره‌مند (یکتا)",
      "بنگاه‌های بهره‌مند (یکتا)",
    ]);
    expect(rowValues(year, 2)).toEqual([
      TITLE,
      "دوره آموزشی",
      "برنامه‌ریزی‌شده",
      null,
      "1409/07/06",
      "1409/07/08",
      2,
      1,
      2,
      2,
      1,
    ]);
    expect(rowValues(year, 3)).toEqual(["جمع یکتای خوشه در سال", null, null, null, null, null, null, null, null, 2, 1]);
    expect(year.rowCount).toBe(3);
    // Another year holds nothing but the total.
    expect((await sheetOf(env(), `/api/v1/clusters/${cluster.id}/activities.xlsx?year=1408`, member)).rowCount).toBe(2);
    expect((await stranger.req("GET", `/api/v1/clusters/${cluster.id}/activities.xlsx?year=1409`)).status).toBe(404);
    expect((await member.req("GET", `/api/v1/clusters/${cluster.id}/activities.xlsx?year=abc`)).status).toBe(400);
  });
});
