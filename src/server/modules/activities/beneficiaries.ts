/**
 * Beneficiaries of activities (issue 11): a person or an enterprise with at
 * least one attendance at an activity (and an exhibition's exhibitors once
 * it is done), counted once per activity, programme, cluster and province
 * and Jalali year, split by activity kind and by the person's role.
 *
 * Three layers, every one changed in the caller's transaction:
 * - `activity_beneficiary_registrations`: which registrations are counted,
 *   with the person's key and role snapshotted when first attended, so a
 *   repeated call is a no-op (idempotent) and an undo removes exactly what
 *   was added;
 * - `activity_beneficiaries`: one row per subject of an activity, with how
 *   many counted registrations and whether it exhibited back it;
 * - `activity_beneficiary_marks` / `activity_beneficiary_counts`: a mark per
 *   subject and aggregate (scope, year, kind or '*', role or '*') holding how
 *   many activities back it; the count moves by one only when a mark goes
 *   0→1 or 1→0. Every change is an upsert or a conditional update returning
 *   the new value, so concurrent writers on PostgreSQL serialise on the row
 *   (SQLite's transactions are IMMEDIATE) and the figures read one index
 *   range instead of scanning attendances.
 */
import type { Selectable, Transaction } from "kysely";
import {
  type ActivityScopeOf,
  ANY,
  jalaliYearOf,
  type MarkKey,
  markKeysOf,
  personKeyOf,
  roleOf,
  surveyKeysOf,
} from "../../../core/beneficiaries";
import type { DB } from "../../db/schema";
import type { ActivitiesTable } from "./migrations/tables";

type SubjectKind = "person" | "enterprise";
type Source = "attendance" | "exhibitor";

/** The fields of an activity its beneficiaries are counted by. */
export function beneficiaryScopeOf(
  row: Pick<
    Selectable<ActivitiesTable>,
    "id" | "cluster_id" | "province_code" | "programme_id" | "kind" | "start_date"
  >,
): ActivityScopeOf {
  return {
    id: row.id,
    clusterId: row.cluster_id,
    provinceCode: row.province_code,
    programmeId: row.programme_id,
    kind: row.kind,
    startDate: row.start_date,
  };
}

async function activityScope(trx: Transaction<DB>, activityId: string) {
  const row = await trx
    .selectFrom("activities")
    .select(["id", "cluster_id", "province_code", "programme_id", "kind", "start_date", "status", "details"])
    .where("id", "=", activityId)
    .executeTakeFirst();
  return row ? { row, scope: beneficiaryScopeOf(row) } : null;
}

/** The registrant's role in the cluster now (see roleOf): their skills and their employer's kind. */
async function roleOfRegistration(
  trx: Transaction<DB>,
  reg: { person_id: string | null; enterprise_id: string | null },
): Promise<string> {
  if (!reg.person_id) {
    return roleOf({ skills: [], employerKind: reg.enterprise_id ? "enterprise" : null, institutionKind: null });
  }
  const [skills, person] = await Promise.all([
    trx.selectFrom("person_skills").select("skill").where("person_id", "=", reg.person_id).execute(),
    trx
      .selectFrom("people")
      .leftJoin("actors", "actors.id", "people.enterprise_id")
      .leftJoin("institutions", "institutions.id", "people.enterprise_id")
      .select(["actors.kind as employerKind", "institutions.institution_kind as institutionKind"])
      .where("people.id", "=", reg.person_id)
      .executeTakeFirst(),
  ]);
  return roleOf({
    skills: skills.map((s) => s.skill),
    employerKind: person?.employerKind ?? (reg.enterprise_id ? "enterprise" : null),
    institutionKind: person?.institutionKind ?? null,
  });
}

const keyWhere = (keys: readonly MarkKey[]) => (eb: import("kysely").ExpressionBuilder<DB, never>) =>
  eb.or(
    keys.map((k) =>
      eb.and([
        eb(eb.ref("level" as never), "=", k.level as never),
        eb(eb.ref("scope_id" as never), "=", k.scopeId as never),
        eb(eb.ref("year" as never), "=", k.year as never),
        eb(eb.ref("activity_kind" as never), "=", k.activityKind as never),
        eb(eb.ref("role" as never), "=", k.role as never),
      ]),
    ),
  );

const sameKey = (
  a: MarkKey,
  r: { level: string; scope_id: string; year: number; activity_kind: string; role: string },
) =>
  a.level === r.level &&
  a.scopeId === r.scope_id &&
  Number(r.year) === a.year &&
  a.activityKind === r.activity_kind &&
  a.role === r.role;

/** Counts the subject in every aggregate of the activity; each count moves only where its mark is new. */
async function addMarks(
  trx: Transaction<DB>,
  scope: ActivityScopeOf,
  kind: SubjectKind,
  subjectId: string,
  role: string | null,
): Promise<void> {
  const keys = markKeysOf(scope, kind === "person" ? role : null);
  const rows = await trx
    .insertInto("activity_beneficiary_marks")
    .values(
      keys.map((k) => ({
        level: k.level,
        scope_id: k.scopeId,
        year: k.year,
        subject_kind: kind,
        subject_id: subjectId,
        activity_kind: k.activityKind,
        role: k.role,
        backing: 1,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(["level", "scope_id", "year", "subject_kind", "subject_id", "activity_kind", "role"])
        .doUpdateSet((eb) => ({ backing: eb("activity_beneficiary_marks.backing", "+", 1) })),
    )
    .returning(["level", "scope_id", "year", "activity_kind", "role", "backing"])
    .execute();
  const fresh = keys.filter((k) => rows.some((r) => Number(r.backing) === 1 && sameKey(k, r)));
  await moveCounts(trx, fresh, kind === "person" ? 1 : 0, kind === "enterprise" ? 1 : 0);
}

/** Withdraws the subject from every aggregate of the activity; each count moves only where its mark is gone. */
async function removeMarks(
  trx: Transaction<DB>,
  scope: ActivityScopeOf,
  kind: SubjectKind,
  subjectId: string,
  role: string | null,
): Promise<void> {
  const keys = markKeysOf(scope, kind === "person" ? role : null);
  const rows = await trx
    .updateTable("activity_beneficiary_marks")
    .set((eb) => ({ backing: eb("backing", "-", 1) }))
    .where("subject_kind", "=", kind)
    .where("subject_id", "=", subjectId)
    .where(keyWhere(keys) as never)
    .returning(["level", "scope_id", "year", "activity_kind", "role", "backing"])
    .execute();
  const gone = keys.filter((k) => rows.some((r) => Number(r.backing) <= 0 && sameKey(k, r)));
  if (gone.length === 0) return;
  await trx
    .deleteFrom("activity_beneficiary_marks")
    .where("subject_kind", "=", kind)
    .where("subject_id", "=", subjectId)
    .where("backing", "<=", 0)
    .where(keyWhere(gone) as never)
    .execute();
  await moveCounts(trx, gone, kind === "person" ? -1 : 0, kind === "enterprise" ? -1 : 0);
}

/** Adds to the aggregate rows (created at zero when missing), one upsert for all of them. */
async function moveCounts(
  trx: Transaction<DB>,
  keys: readonly MarkKey[],
  people: number,
  enterprises: number,
  surveyResponses = 0,
  surveySum = 0,
): Promise<void> {
  if (keys.length === 0) return;
  await trx
    .insertInto("activity_beneficiary_counts")
    .values(
      keys.map((k) => ({
        level: k.level,
        scope_id: k.scopeId,
        year: k.year,
        activity_kind: k.activityKind,
        role: k.role,
        people,
        enterprises,
        survey_responses: surveyResponses,
        survey_score_sum: surveySum,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["level", "scope_id", "year", "activity_kind", "role"]).doUpdateSet((eb) => ({
        people: eb("activity_beneficiary_counts.people", "+", eb.ref("excluded.people")),
        enterprises: eb("activity_beneficiary_counts.enterprises", "+", eb.ref("excluded.enterprises")),
        survey_responses: eb("activity_beneficiary_counts.survey_responses", "+", eb.ref("excluded.survey_responses")),
        survey_score_sum: eb("activity_beneficiary_counts.survey_score_sum", "+", eb.ref("excluded.survey_score_sum")),
      })),
    )
    .execute();
}

/** One more source for a subject of the activity; counted when it is the first. */
async function addSource(
  trx: Transaction<DB>,
  scope: ActivityScopeOf,
  kind: SubjectKind,
  subjectId: string,
  role: string | null,
  source: Source,
): Promise<void> {
  const base = { activity_id: scope.id, subject_kind: kind, subject_id: subjectId, role };
  const conflict = ["activity_id", "subject_kind", "subject_id"] as const;
  if (source === "attendance") {
    const row = await trx
      .insertInto("activity_beneficiaries")
      .values({ ...base, attendances: 1, exhibitor: 0 })
      .onConflict((oc) =>
        oc
          .columns([...conflict])
          .doUpdateSet((eb) => ({ attendances: eb("activity_beneficiaries.attendances", "+", 1) })),
      )
      .returning(["attendances", "exhibitor", "role"])
      .executeTakeFirstOrThrow();
    if (Number(row.attendances) === 1 && Number(row.exhibitor) === 0) {
      await addMarks(trx, scope, kind, subjectId, row.role);
    }
    return;
  }
  const row = await trx
    .insertInto("activity_beneficiaries")
    .values({ ...base, attendances: 0, exhibitor: 1 })
    .onConflict((oc) =>
      oc
        .columns([...conflict])
        .doUpdateSet({ exhibitor: 1 })
        .where("activity_beneficiaries.exhibitor", "=", 0),
    )
    .returning(["attendances", "role"])
    .executeTakeFirst();
  if (row && Number(row.attendances) === 0) await addMarks(trx, scope, kind, subjectId, row.role);
}

/** One source less; the subject is withdrawn when none is left. */
async function removeSource(
  trx: Transaction<DB>,
  scope: ActivityScopeOf,
  kind: SubjectKind,
  subjectId: string,
  source: Source,
): Promise<void> {
  const q = trx
    .updateTable("activity_beneficiaries")
    .where("activity_id", "=", scope.id)
    .where("subject_kind", "=", kind)
    .where("subject_id", "=", subjectId);
  const row =
    source === "attendance"
      ? await q
          .set((eb) => ({ attendances: eb("attendances", "-", 1) }))
          .where("attendances", ">", 0)
          .returning(["attendances", "exhibitor", "role"])
          .executeTakeFirst()
      : await q
          .set({ exhibitor: 0 })
          .where("exhibitor", "=", 1)
          .returning(["attendances", "exhibitor", "role"])
          .executeTakeFirst();
  if (!row || Number(row.attendances) > 0 || Number(row.exhibitor) > 0) return;
  await trx
    .deleteFrom("activity_beneficiaries")
    .where("activity_id", "=", scope.id)
    .where("subject_kind", "=", kind)
    .where("subject_id", "=", subjectId)
    .execute();
  await removeMarks(trx, scope, kind, subjectId, row.role);
}

/**
 * Keeps the figures in step with a registration's attendance, in the
 * attendance write's transaction: `attended` is whether the registration now
 * has at least one attendance row. Idempotent: a registration is counted
 * once however often it is called with true, and withdrawn once.
 */
export async function applyAttendanceToBeneficiaries(
  trx: Transaction<DB>,
  change: { registrationId: string; attended: boolean },
): Promise<void> {
  if (change.attended) {
    const reg = await trx
      .selectFrom("activity_registrations")
      .select(["id", "activity_id", "person_id", "mobile", "name", "enterprise_id"])
      .where("id", "=", change.registrationId)
      .executeTakeFirst();
    if (!reg) throw new Error(`registration ${change.registrationId} not found`);
    const a = await activityScope(trx, reg.activity_id);
    if (!a) throw new Error(`activity ${reg.activity_id} not found`);
    const role = await roleOfRegistration(trx, reg);
    const personKey = personKeyOf({ personId: reg.person_id, mobile: reg.mobile, name: reg.name });
    const inserted = await trx
      .insertInto("activity_beneficiary_registrations")
      .values({
        registration_id: reg.id,
        activity_id: reg.activity_id,
        person_key: personKey,
        enterprise_id: reg.enterprise_id,
        role,
      })
      .onConflict((oc) => oc.column("registration_id").doNothing())
      .returning("registration_id")
      .executeTakeFirst();
    if (!inserted) return;
    await addSource(trx, a.scope, "person", personKey, role, "attendance");
    if (reg.enterprise_id) await addSource(trx, a.scope, "enterprise", reg.enterprise_id, null, "attendance");
    return;
  }
  const link = await trx
    .deleteFrom("activity_beneficiary_registrations")
    .where("registration_id", "=", change.registrationId)
    .returning(["activity_id", "person_key", "enterprise_id"])
    .executeTakeFirst();
  if (!link) return;
  const a = await activityScope(trx, link.activity_id);
  if (!a) return;
  await removeSource(trx, a.scope, "person", link.person_key, "attendance");
  if (link.enterprise_id) await removeSource(trx, a.scope, "enterprise", link.enterprise_id, "attendance");
}

/** An activity's exhibitors when they count: a done exhibition's enterprises. */
function exhibitorsOf(row: { kind: string; status: string; details: string }): string[] {
  if (row.kind !== "exhibition" || row.status !== "done") return [];
  const d = JSON.parse(row.details) as { enterpriseIds?: unknown };
  return Array.isArray(d.enterpriseIds) ? d.enterpriseIds.filter((x): x is string => typeof x === "string") : [];
}

/**
 * Makes an exhibition's exhibitors count (or stop counting) as its
 * enterprise beneficiaries after the activity is created or changed: those
 * of a done exhibition count, others not. Called in the activity's write.
 */
export async function applyExhibitorsToBeneficiaries(trx: Transaction<DB>, activityId: string): Promise<void> {
  const a = await activityScope(trx, activityId);
  if (!a) return;
  const wanted = new Set(exhibitorsOf(a.row));
  const current = await trx
    .selectFrom("activity_beneficiaries")
    .select("subject_id")
    .where("activity_id", "=", activityId)
    .where("subject_kind", "=", "enterprise")
    .where("exhibitor", "=", 1)
    .execute();
  const have = new Set(current.map((r) => r.subject_id));
  for (const id of have) if (!wanted.has(id)) await removeSource(trx, a.scope, "enterprise", id, "exhibitor");
  for (const id of wanted) if (!have.has(id)) await addSource(trx, a.scope, "enterprise", id, null, "exhibitor");
}

/** Withdraws (sign -1) or adds (+1) every subject and the survey answers of an activity under a scope. */
async function moveActivity(trx: Transaction<DB>, scope: ActivityScopeOf, sign: 1 | -1): Promise<void> {
  const subjects = await trx
    .selectFrom("activity_beneficiaries")
    .select(["subject_kind", "subject_id", "role"])
    .where("activity_id", "=", scope.id)
    .execute();
  for (const s of subjects) {
    const kind = s.subject_kind as SubjectKind;
    if (sign > 0) await addMarks(trx, scope, kind, s.subject_id, s.role);
    else await removeMarks(trx, scope, kind, s.subject_id, s.role);
  }
  const survey = await trx
    .selectFrom("activity_surveys")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("score").as("total")])
    .where("activity_id", "=", scope.id)
    .executeTakeFirst();
  const n = Number(survey?.n ?? 0);
  if (n > 0) await moveCounts(trx, surveyKeysOf(scope), 0, 0, sign * n, sign * Number(survey?.total ?? 0));
}

const sameScope = (a: ActivityScopeOf, b: ActivityScopeOf) =>
  a.programmeId === b.programmeId &&
  a.kind === b.kind &&
  a.clusterId === b.clusterId &&
  a.provinceCode === b.provinceCode &&
  jalaliYearOf(a.startDate) === jalaliYearOf(b.startDate);

/**
 * After an activity's update: when its programme, kind or Jalali year
 * changed, its contributions leave the old aggregates and join the new
 * ones (marks removed and re-added); its exhibitors are brought in step.
 */
export async function rederiveActivityBeneficiaries(
  trx: Transaction<DB>,
  activityId: string,
  before: ActivityScopeOf,
): Promise<void> {
  const a = await activityScope(trx, activityId);
  if (!a) return;
  if (!sameScope(before, a.scope)) {
    await moveActivity(trx, before, -1);
    await moveActivity(trx, a.scope, 1);
  }
  await applyExhibitorsToBeneficiaries(trx, activityId);
}

/** Before an activity is removed: its contributions and survey answers leave every aggregate. */
export async function removeActivityBeneficiaries(trx: Transaction<DB>, activityId: string): Promise<void> {
  const a = await activityScope(trx, activityId);
  if (!a) return;
  await moveActivity(trx, a.scope, -1);
  await trx.deleteFrom("activity_surveys").where("activity_id", "=", activityId).execute();
  await trx.deleteFrom("activity_beneficiary_registrations").where("activity_id", "=", activityId).execute();
  await trx.deleteFrom("activity_beneficiaries").where("activity_id", "=", activityId).execute();
  await trx
    .deleteFrom("activity_beneficiary_counts")
    .where("level", "=", "activity")
    .where("scope_id", "=", activityId)
    .execute();
}

/** A survey answer's change in the aggregates of its activity (a new answer, or a changed score). */
export async function moveSurvey(
  trx: Transaction<DB>,
  activityId: string,
  responses: number,
  scoreDelta: number,
): Promise<void> {
  const a = await activityScope(trx, activityId);
  if (!a || (responses === 0 && scoreDelta === 0)) return;
  await moveCounts(trx, surveyKeysOf(a.scope), 0, 0, responses, scoreDelta);
}

export { ANY };
