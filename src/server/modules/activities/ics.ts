/**
 * Activities as calendar files (RFC 5545): one activity's .ics, and a
 * user's private feed of a cluster's activities that calendar apps poll.
 *
 * A session with a time is an event at that time in Tehran; one without is
 * an all-day event on its day; an activity without sessions is one all-day
 * event over its days. Times are written as UTC instants computed from
 * Tehran's wall clock (the tz database, so a change of Iran's rules is
 * followed): a TZID needs a VTIMEZONE block to be valid, and the library
 * formats TZID times in the server process's own zone. X-WR-TIMEZONE still
 * tells the apps that the calendar is Tehran's. UIDs are the activity's and
 * the session's ids, so a refreshed feed or a re-imported file updates the
 * events instead of duplicating them; a cancelled activity stays in the feed
 * as cancelled, so the apps remove it.
 */
import { createHash, randomUUID } from "node:crypto";
import ical, { ICalEventStatus } from "ical-generator";
import type { Kysely, Selectable } from "kysely";
import { addDaysIso, todayIso } from "../../../core/jalali";
import { toPersianDigits } from "../../../core/normalize";
import { type Actor, can } from "../../../core/permissions";
import { newSecret, sha256 } from "../../auth/secrets";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import { type Lang, t } from "../../i18n";
import { authorizeRecord, found } from "../../services/load";
import { auditOnCluster } from "../audit/service";
import { JOINED_GRANT_COLUMNS, joinedGrants } from "../users/shared";
import type { ActivitiesTable, ActivitySessionsTable } from "./migrations/tables";

type ActivityRow = Selectable<ActivitiesTable>;
type SessionRow = Selectable<ActivitySessionsTable>;

export const TEHRAN = "Asia/Tehran";
/** The feed's window: activities from three months back to a year ahead. */
const FEED_MONTHS_BACK = 3;
const FEED_MONTHS_AHEAD = 12;
/** Sessions are read for this many activities per query (bound parameters stay well under SQLite's limit). */
const CHUNK = 500;

const tehranParts = new Intl.DateTimeFormat("en-US", {
  timeZone: TEHRAN,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Tehran's offset from UTC at an instant, in ms. */
function tehranOffsetMs(at: number): number {
  const p = Object.fromEntries(tehranParts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!) - at;
}

/** The instant of a Tehran wall-clock time ("HH:MM") on an ISO day. */
export function tehranInstant(day: string, time: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  // Twice: the offset at the guess may differ from the offset at the answer across a change of rules.
  const first = wall - tehranOffsetMs(wall);
  return new Date(wall - tehranOffsetMs(first));
}

/** An ISO day as the Date the library writes as that all-day DATE (UTC midnight, no zone set). */
const dayDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

function monthsFrom(iso: string, months: number): string {
  const d = dayDate(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

const digits = (lang: Lang, n: number) => (lang === "fa" ? toPersianDigits(n) : String(n));

/** What the events of one activity say: where, the online link, the description. */
function describe(a: ActivityRow, lang: Lang): string | null {
  const lines = [a.description, a.online_link ? `${t(lang, "ics.onlineLink")}: ${a.online_link}` : null].filter(
    (l): l is string => Boolean(l),
  );
  return lines.length ? lines.join("\n\n") : null;
}

/** Adds the activity's events to the calendar: one per session, or one all-day event over its days. */
function addEvents(
  cal: ReturnType<typeof ical>,
  a: ActivityRow,
  sessions: readonly SessionRow[],
  origin: string,
  lang: Lang,
): void {
  const common = {
    description: describe(a, lang),
    url: `${origin}/activities/${a.id}`,
    status: a.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // Stable output for an unchanged activity (a feed's ETag stays the same between polls).
    stamp: new Date(a.updated_at),
    created: new Date(a.created_at),
    lastModified: new Date(a.updated_at),
  };
  if (sessions.length === 0) {
    cal.createEvent({
      ...common,
      id: `activity-${a.id}@khooshe`,
      summary: a.title,
      location: a.place,
      allDay: true,
      start: dayDate(a.start_date),
      // DTEND of an all-day event is the day after the last.
      end: dayDate(addDaysIso(a.end_date, 1)),
    });
    return;
  }
  sessions.forEach((s, i) => {
    const summary =
      sessions.length > 1
        ? t(lang, "ics.sessionSummary", { title: a.title, n: digits(lang, i + 1), of: digits(lang, sessions.length) })
        : a.title;
    const timed = s.start_time
      ? {
          start: tehranInstant(s.starts_on, s.start_time),
          end: s.end_time ? tehranInstant(s.starts_on, s.end_time) : null,
        }
      : { allDay: true, start: dayDate(s.starts_on), end: dayDate(addDaysIso(s.starts_on, 1)) };
    cal.createEvent({ ...common, ...timed, id: `session-${s.id}@khooshe`, summary, location: s.place ?? a.place });
  });
}

function calendar(name: string) {
  const cal = ical({
    name,
    prodId: { company: "Khooshe", product: "activities", language: "FA" },
    // Calendar apps poll a feed this often (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    ttl: 3600,
  });
  cal.x([["X-WR-TIMEZONE", TEHRAN]]);
  return cal;
}

/** The sessions of the activities, by activity, in order; read a chunk of activities at a time. */
async function sessionsOf(db: Kysely<DB>, activityIds: readonly string[]): Promise<Map<string, SessionRow[]>> {
  const out = new Map<string, SessionRow[]>();
  for (let i = 0; i < activityIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom("activity_sessions")
      .selectAll()
      .where("activity_id", "in", activityIds.slice(i, i + CHUNK))
      .orderBy("activity_id")
      .orderBy("position")
      .execute();
    for (const r of rows) {
      const list = out.get(r.activity_id) ?? [];
      list.push(r);
      out.set(r.activity_id, list);
    }
  }
  return out;
}

export interface CalendarFile {
  fileName: string;
  body: string;
}

/** One activity's .ics, for anyone who may read it (404 otherwise). */
export async function activityIcs(
  deps: Deps,
  actor: Actor | null,
  id: string,
  origin: string,
  lang: Lang,
): Promise<CalendarFile> {
  const db = deps.database.db;
  const a = found(await db.selectFrom("activities").selectAll().where("id", "=", id).executeTakeFirst());
  authorizeRecord(actor, { provinceCode: a.province_code, clusterId: a.cluster_id }, "activities.read");
  const cal = calendar(a.title);
  addEvents(cal, a, (await sessionsOf(db, [id])).get(id) ?? [], origin, lang);
  return { fileName: a.title, body: cal.toString() };
}

/** The feed's address: under the API, the token in the path (calendar apps fetch a plain URL, no fragment). */
export const feedUrl = (origin: string, token: string) => `${origin}/api/v1/feeds/activities/${token}.ics`;

/**
 * A new private feed of the cluster's activities for the caller, replacing
 * theirs (the old address stops answering at once). For anyone who may read
 * the cluster's activities.
 */
export async function rotateFeed(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  origin: string,
): Promise<{ url: string }> {
  const token = newSecret();
  await deps.database.db.transaction().execute(async (trx) => {
    const c = found(
      await trx.selectFrom("clusters").select(["id", "province_code"]).where("id", "=", clusterId).executeTakeFirst(),
    );
    const scope = { provinceCode: c.province_code, clusterId: c.id };
    const a = authorizeRecord(actor, scope, "activities.read");
    const now = nowIso();
    // One statement, so rotations racing on PostgreSQL replace each other's token instead of colliding on the key.
    const row = await trx
      .insertInto("activity_feeds")
      .values({
        id: randomUUID(),
        user_id: a.userId,
        cluster_id: clusterId,
        token_hash: sha256(token),
        created_at: now,
      })
      .onConflict((oc) =>
        oc.columns(["user_id", "cluster_id"]).doUpdateSet({ token_hash: sha256(token), created_at: now }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditOnCluster(trx, a, scope, { action: "activities.feed.rotate", type: "activity_feed", id: row.id }, {});
  });
  return { url: feedUrl(origin, token) };
}

export interface FeedFile {
  body: string;
  /** A strong validator of the body, for If-None-Match. */
  etag: string;
}

/**
 * The feed behind a token: the cluster's activities from three months back
 * to a year ahead, while the token's user is active and may still read the
 * cluster's activities with the grants they hold now. Anything else is 404,
 * the same as a token that never existed.
 */
export async function feedIcs(deps: Deps, token: string, origin: string, lang: Lang): Promise<FeedFile> {
  const db = deps.database.db;
  const rows = await db
    .selectFrom("activity_feeds")
    .innerJoin("users", "users.id", "activity_feeds.user_id")
    .innerJoin("clusters", "clusters.id", "activity_feeds.cluster_id")
    .leftJoin("role_grants", "role_grants.user_id", "activity_feeds.user_id")
    .select([
      "activity_feeds.user_id",
      "activity_feeds.cluster_id",
      "users.active",
      "clusters.name_fa",
      "clusters.province_code",
      ...JOINED_GRANT_COLUMNS,
    ])
    .where("activity_feeds.token_hash", "=", sha256(token))
    .execute();
  const row = rows[0];
  if (!row || Number(row.active) !== 1) throw notFound();
  const owner: Actor = { userId: row.user_id, grants: joinedGrants(rows), via: "session" };
  if (!can(owner, "activities.read", { provinceCode: row.province_code, clusterId: row.cluster_id })) throw notFound();

  const today = todayIso();
  const from = monthsFrom(today, -FEED_MONTHS_BACK);
  const to = monthsFrom(today, FEED_MONTHS_AHEAD);
  const activities = await db
    .selectFrom("activities")
    .selectAll()
    .where("cluster_id", "=", row.cluster_id)
    .where("start_date", "<=", to)
    .where("end_date", ">=", from)
    .orderBy("start_date")
    .orderBy("id")
    .execute();
  const sessions = await sessionsOf(
    db,
    activities.map((a) => a.id),
  );
  const cal = calendar(t(lang, "ics.feedName", { cluster: row.name_fa }));
  for (const a of activities) addEvents(cal, a, sessions.get(a.id) ?? [], origin, lang);
  const body = cal.toString();
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
}
