/**
 * The public registration link of an activity: the cluster's managers open
 * or close it and set the form's questions; anyone with the link registers
 * with a name and mobile (once per activity by mobile) and gets a private
 * status page where they see their place, take an offered seat, cancel, and
 * once accepted show their ticket. Seats, the waiting list, offers and
 * confirmations are registrations.ts's, the same as for any registration.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import { toAsciiDigits } from "../../../core/normalize";
import { type Actor, SYSTEM_ACTOR } from "../../../core/permissions";
import type {
  PublicActivityOut,
  PublicQuestion,
  PublicRegistrantInput,
  PublicRegistrationReceipt,
  PublicRegistrationSettings,
  PublicRegistrationSettingsInput,
  PublicRegistrationStatusOut,
} from "../../../core/schemas/activities";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import {
  AppError,
  badRequest,
  conflict,
  type ErrorCode,
  errorMessage,
  type FieldIssue,
  fieldError,
} from "../../errors";
import type { Lang } from "../../i18n";
import { authorizeRecord, found } from "../../services/load";
import { auditOnCluster as audit, writeAudit } from "../audit/service";
import { ticketOf } from "./attendance";
import type { ActivitiesTable } from "./migrations/tables";
import { placeRegistration, scopeOf, takeOffer, waitingPlace, withdraw } from "./registrations";

type Question = z.infer<typeof PublicQuestion>;
type Settings = z.infer<typeof PublicRegistrationSettings>;
type ActivityRow = Selectable<ActivitiesTable>;

const LIVE = ["pending", "accepted", "waitlisted", "offered"] as const;

/** A private token: 32 random bytes, base64url (43 characters, PublicTokenParams). */
const newToken = () => randomBytes(32).toString("base64url");

export const registrationLink = (origin: string, token: string) => `${origin}/register/${token}`;

const questionsOf = (row: ActivityRow): Question[] =>
  row.public_questions ? (JSON.parse(row.public_questions) as Question[]) : [];

function settingsOf(row: ActivityRow, origin: string): Settings {
  return {
    open: Number(row.public_open) === 1,
    token: row.public_token,
    url: row.public_token ? registrationLink(origin, row.public_token) : null,
    questions: questionsOf(row),
  };
}

async function managedActivity(db: Kysely<DB>, actor: Actor | null, id: string) {
  const row = found(await db.selectFrom("activities").selectAll().where("id", "=", id).executeTakeFirst());
  const a = authorizeRecord(actor, scopeOf(row), "activities.read", "activities.manage");
  return { a, row };
}

export async function getPublicRegistration(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  origin: string,
): Promise<Settings> {
  const { row } = await managedActivity(deps.database.db, actor, activityId);
  return settingsOf(row, origin);
}

/**
 * Opens or closes the link and replaces its questions. The token is made the
 * first time and kept after, so a link once printed stays the activity's.
 */
export async function setPublicRegistration(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  input: z.infer<typeof PublicRegistrationSettingsInput>,
  origin: string,
): Promise<Settings> {
  const seen = new Set<string>();
  const questions: Question[] = input.questions.map((q, i) => {
    const options = q.kind === "choice" ? [...new Set(q.options ?? [])] : [];
    if (q.kind === "choice" && options.length === 0)
      throw fieldError("question_options_required", `questions.${i}.options`);
    const id = q.id ?? randomUUID().slice(0, 8);
    if (seen.has(id)) throw fieldError("question_id_duplicate", `questions.${i}.id`);
    seen.add(id);
    return { id, label: q.label, kind: q.kind, options, required: q.required };
  });
  const row = await deps.database.db.transaction().execute(async (trx) => {
    const { a, row } = await managedActivity(trx, actor, activityId);
    const token = row.public_token ?? newToken();
    const open = input.open ? 1 : 0;
    await trx
      .updateTable("activities")
      .set({
        public_open: open,
        public_token: token,
        public_questions: JSON.stringify(questions),
        updated_at: nowIso(),
      })
      .where("id", "=", activityId)
      .execute();
    await audit(
      trx,
      a,
      scopeOf(row),
      { action: "activities.public_registration.update", type: "activity", id: activityId },
      {
        title: row.title,
        open: input.open,
        wasOpen: Number(row.public_open) === 1,
        questions: questions.map((q) => q.label),
      },
    );
    return { ...row, public_open: open, public_token: token, public_questions: JSON.stringify(questions) };
  });
  return settingsOf(row, origin);
}

/** The activity of an open link; a closed or unknown link is 404 `public_registration_closed`. */
async function openActivity(db: Kysely<DB>, token: string): Promise<ActivityRow & { cluster_name: string }> {
  const row = await db
    .selectFrom("activities")
    .innerJoin("clusters", "clusters.id", "activities.cluster_id")
    .selectAll("activities")
    .select("clusters.name_fa as cluster_name")
    .where("activities.public_token", "=", token)
    .executeTakeFirst();
  if (!row || Number(row.public_open) !== 1) throw new AppError(404, "public_registration_closed");
  return row;
}

export async function publicActivity(deps: Deps, token: string): Promise<z.infer<typeof PublicActivityOut>> {
  const row = await openActivity(deps.database.db, token);
  if (row.status !== "planned") throw badRequest("activity_closed");
  const seatsLeft = row.capacity === null ? null : Math.max(0, Number(row.capacity) - Number(row.seats_taken));
  return {
    title: row.title,
    clusterName: row.cluster_name,
    kind: row.kind as z.infer<typeof PublicActivityOut>["kind"],
    description: row.description,
    startDate: row.start_date,
    endDate: row.end_date,
    place: row.place,
    online: Number(row.online) === 1,
    seatsLeft,
    waitingList: seatsLeft === 0,
    questions: questionsOf(row),
  };
}

/** The answers checked against the questions: every field's error at once, worded in the caller's language. */
function checkAnswers(lang: Lang, questions: Question[], answers: Record<string, string>): Record<string, string> {
  const issues: FieldIssue[] = [];
  let first: ErrorCode | null = null;
  const refuse = (code: ErrorCode, id: string) => {
    first ??= code;
    issues.push({ path: `body.answers.${id}`, message: errorMessage(lang, code) });
  };
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) refuse("unknown_question", id);
  const out: Record<string, string> = {};
  for (const q of questions) {
    const value = answers[q.id]?.trim() ?? "";
    if (value === "") {
      if (q.required) refuse("answer_required", q.id);
      continue;
    }
    const number = toAsciiDigits(value).replace(/٫/g, ".");
    if (q.kind === "number" && !/^-?\d+(?:\.\d+)?$/.test(number)) refuse("answer_not_number", q.id);
    else if (q.kind === "choice" && !q.options.includes(value)) refuse("answer_not_option", q.id);
    else out[q.id] = q.kind === "number" ? number : value;
  }
  if (first) throw new AppError(400, first, {}, issues);
  return out;
}

/**
 * A registration through the public link: the whole activity, pending on a
 * moderated one, else a seat while one is left and the waiting list after,
 * as every registration. A mobile already registered (live) for the activity,
 * by anyone, is refused (409 `already_registered`).
 */
export async function publicRegister(
  deps: Deps,
  lang: Lang,
  token: string,
  input: z.infer<typeof PublicRegistrantInput>,
): Promise<z.infer<typeof PublicRegistrationReceipt>> {
  const link = await openActivity(deps.database.db, token);
  if (link.status !== "planned") throw badRequest("activity_closed");
  const answers = checkAnswers(lang, questionsOf(link), input.answers);
  const statusToken = newToken();
  const status = await deps.database.db.transaction().execute(async (trx) => {
    // Read again inside the transaction: the link may have closed meanwhile.
    const row = await openActivity(trx, token);
    if (row.status !== "planned") throw badRequest("activity_closed");
    const taken = await trx
      .selectFrom("activity_registrations")
      .select("id")
      .where("activity_id", "=", row.id)
      .where("mobile", "=", input.mobile)
      .where("status", "in", [...LIVE])
      .executeTakeFirst();
    if (taken) throw new AppError(409, "already_registered", {}, [{ path: "body.mobile" }]);
    const placed = await placeRegistration(
      trx,
      deps,
      SYSTEM_ACTOR,
      row,
      null,
      {
        personId: null,
        name: input.name,
        mobile: input.mobile,
        enterpriseId: null,
        email: input.email ?? null,
        enterpriseName: input.enterpriseName?.trim() || null,
        answers: Object.keys(answers).length > 0 ? JSON.stringify(answers) : null,
        lang,
        statusToken,
      },
      nowIso(),
    );
    await writeAudit(trx, null, {
      action: "activities.registration.create",
      targetType: "activity_registration",
      targetId: placed.id,
      provinceCode: row.province_code,
      clusterId: row.cluster_id,
      summary: { activityId: row.id, name: input.name, status: placed.status, position: placed.position, public: true },
    });
    return placed.status;
  });
  return { status: status as z.infer<typeof PublicRegistrationReceipt>["status"], statusToken };
}

async function registrationByToken(db: Kysely<DB>, token: string) {
  const reg = await db
    .selectFrom("activity_registrations")
    .selectAll()
    .where("status_token", "=", token)
    .executeTakeFirst();
  if (!reg) throw new AppError(404, "registration_status_unknown");
  const row = await db.selectFrom("activities").selectAll().where("id", "=", reg.activity_id).executeTakeFirstOrThrow();
  return { reg, row };
}

export async function publicStatus(deps: Deps, token: string): Promise<z.infer<typeof PublicRegistrationStatusOut>> {
  const db = deps.database.db;
  const { reg, row } = await registrationByToken(db, token);
  const cluster = await db
    .selectFrom("clusters")
    .select("name_fa")
    .where("id", "=", row.cluster_id)
    .executeTakeFirstOrThrow();
  const accepted = reg.status === "accepted";
  return {
    activityTitle: row.title,
    clusterName: cluster.name_fa,
    startDate: row.start_date,
    endDate: row.end_date,
    place: row.place,
    online: Number(row.online) === 1,
    onlineLink: accepted ? row.online_link : null,
    name: reg.name,
    status: reg.status as z.infer<typeof PublicRegistrationStatusOut>["status"],
    position: await waitingPlace(db, reg),
    offeredUntil: reg.offered_until,
    ticket: accepted ? await ticketOf(db, reg.id) : null,
  };
}

/** Leaving the waiting list or giving the seat back from the status page; the seat goes to the next waiting. */
export async function publicCancel(deps: Deps, token: string): Promise<z.infer<typeof PublicRegistrationStatusOut>> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { reg, row } = await registrationByToken(trx, token);
    await withdraw(trx, deps, null, reg, row, null);
  });
  return publicStatus(deps, token);
}

/** Taking the seat offered, from the status page, while the offer lasts. */
export async function publicAcceptOffer(
  deps: Deps,
  token: string,
): Promise<z.infer<typeof PublicRegistrationStatusOut>> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { reg, row } = await registrationByToken(trx, token);
    if (reg.status !== "offered") throw conflict("registration_not_offered");
    await takeOffer(trx, deps, null, reg, row);
  });
  return publicStatus(deps, token);
}
