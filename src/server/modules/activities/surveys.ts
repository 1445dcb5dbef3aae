/**
 * The figures a dashboard shows (an activity's, a cluster's or programme's,
 * a province's unique beneficiaries and survey average), read from the
 * aggregate rows beneficiaries.ts keeps, and the satisfaction survey: one
 * answer (1–5, a comment) per registration, changeable, once the person has
 * attended. Answers move the survey's sum and count in the same transaction.
 */
import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { ActivityKind } from "../../../core/activities";
import { ALL_YEARS, ANY, averageOf, jalaliYearOf, KINDS_ORDER } from "../../../core/beneficiaries";
import { todayIso } from "../../../core/jalali";
import { type Actor, can } from "../../../core/permissions";
import type {
  BeneficiaryFigures,
  BeneficiaryFiguresOfYear,
  ClusterBeneficiariesQuery,
  ProvinceBeneficiariesQuery,
  SurveyInput,
  SurveyListQuery,
  SurveyOut,
  SurveysOut,
} from "../../../core/schemas/activities";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { AppError, badRequest, fieldError, forbidden } from "../../errors";
import { authorizeRecord, found } from "../../services/load";
import { auditOnCluster as audit, writeAudit } from "../audit/service";
import { moveSurvey } from "./beneficiaries";

type Figures = z.infer<typeof BeneficiaryFigures>;
type SurveyDto = z.infer<typeof SurveyOut>;

/** One aggregate's figures: one index range of the counts table. */
async function figuresOf(db: Kysely<DB>, level: string, scopeId: string, year: number): Promise<Figures> {
  const rows = await db
    .selectFrom("activity_beneficiary_counts")
    .select(["activity_kind", "role", "people", "enterprises", "survey_responses", "survey_score_sum"])
    .where("level", "=", level)
    .where("scope_id", "=", scopeId)
    .where("year", "=", year)
    .execute();
  const all = rows.find((r) => r.activity_kind === ANY && r.role === ANY);
  const byKind = rows
    .filter((r) => r.role === ANY && r.activity_kind !== ANY && (Number(r.people) > 0 || Number(r.enterprises) > 0))
    .sort((a, b) => KINDS_ORDER.indexOf(a.activity_kind) - KINDS_ORDER.indexOf(b.activity_kind))
    .map((r) => ({
      kind: r.activity_kind as ActivityKind,
      people: Number(r.people),
      enterprises: Number(r.enterprises),
    }));
  const byRole = rows
    .filter((r) => r.activity_kind === ANY && r.role !== ANY && Number(r.people) > 0)
    .map((r) => ({ role: r.role, people: Number(r.people) }))
    .sort((a, b) => b.people - a.people || (a.role < b.role ? -1 : 1));
  const responses = Number(all?.survey_responses ?? 0);
  return {
    people: Number(all?.people ?? 0),
    enterprises: Number(all?.enterprises ?? 0),
    byKind,
    byRole,
    survey: { responses, average: averageOf(Number(all?.survey_score_sum ?? 0), responses) },
  };
}

const currentYear = () => jalaliYearOf(todayIso());

/** GET /activities/:id/beneficiaries: for the activity's readers. */
export async function activityFigures(deps: Deps, actor: Actor | null, id: string): Promise<Figures> {
  const db = deps.database.db;
  const row = found(
    await db
      .selectFrom("activities")
      .select(["id", "cluster_id", "province_code", "start_date"])
      .where("id", "=", id)
      .executeTakeFirst(),
  );
  authorizeRecord(actor, { provinceCode: row.province_code, clusterId: row.cluster_id }, "activities.read");
  return figuresOf(db, "activity", id, jalaliYearOf(row.start_date));
}

/** GET /clusters/:id/beneficiaries: the cluster's year, or one of its programmes' (a year or all years). */
export async function clusterFigures(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  q: z.infer<typeof ClusterBeneficiariesQuery>,
): Promise<z.infer<typeof BeneficiaryFiguresOfYear>> {
  const db = deps.database.db;
  const c = found(
    await db.selectFrom("clusters").select(["id", "province_code"]).where("id", "=", clusterId).executeTakeFirst(),
  );
  authorizeRecord(actor, { provinceCode: c.province_code, clusterId: c.id }, "activities.read");
  if (q.programme) {
    const p = await db
      .selectFrom("planning_programmes")
      .select("id")
      .where("id", "=", q.programme)
      .where("cluster_id", "=", clusterId)
      .executeTakeFirst();
    if (!p) throw fieldError("unknown_programme", "programme");
    const year = q.year ?? ALL_YEARS;
    return { ...(await figuresOf(db, "programme", p.id, year)), year: year === ALL_YEARS ? null : year };
  }
  const year = q.year ?? currentYear();
  return { ...(await figuresOf(db, "cluster", clusterId, year)), year };
}

/** GET /provinces/:code/beneficiaries: for the province's admins and national admins. */
export async function provinceFigures(
  deps: Deps,
  actor: Actor | null,
  code: string,
  q: z.infer<typeof ProvinceBeneficiariesQuery>,
): Promise<z.infer<typeof BeneficiaryFiguresOfYear>> {
  const db = deps.database.db;
  const p = found(await db.selectFrom("provinces").select("code").where("code", "=", code).executeTakeFirst());
  authorizeRecord(actor, { provinceCode: p.code }, "activities.figures.province");
  const year = q.year ?? currentYear();
  return { ...(await figuresOf(db, "province", p.code, year)), year };
}

// ----------------------------------------------------------------- survey

type Target = {
  id: string;
  activity_id: string;
  cluster_id: string;
  province_code: string;
  enterprise_id: string | null;
  name: string;
};

function registrationQuery(db: Kysely<DB>) {
  return db
    .selectFrom("activity_registrations as r")
    .innerJoin("activities as a", "a.id", "r.activity_id")
    .select(["r.id", "r.activity_id", "r.cluster_id", "a.province_code", "r.enterprise_id", "r.name"]);
}

/** Writes the answer (new or changed) and moves the aggregates by the difference; 400 `not_attended` before any attendance. */
async function writeAnswer(
  trx: Transaction<DB>,
  reg: Target,
  input: z.infer<typeof SurveyInput>,
  by: Actor | null,
): Promise<SurveyDto> {
  // Takes the registration's row lock first (SQLite's transactions are IMMEDIATE already), so two answers for one registration move the sums once each.
  await trx
    .updateTable("activity_registrations")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where("id", "=", reg.id)
    .execute();
  const attended = await trx
    .selectFrom("activity_beneficiary_registrations")
    .select("registration_id")
    .where("registration_id", "=", reg.id)
    .executeTakeFirst();
  if (!attended) throw badRequest("not_attended");
  const before = await trx
    .selectFrom("activity_surveys")
    .select(["score", "comment"])
    .where("registration_id", "=", reg.id)
    .executeTakeFirst();
  const comment = input.comment ? input.comment : null;
  const answeredAt = nowIso();
  const cols = { score: input.score, comment, answered_at: answeredAt, answered_by: by?.userId ?? null };
  if (before) {
    await trx.updateTable("activity_surveys").set(cols).where("registration_id", "=", reg.id).execute();
  } else {
    await trx
      .insertInto("activity_surveys")
      .values({ registration_id: reg.id, activity_id: reg.activity_id, cluster_id: reg.cluster_id, ...cols })
      .execute();
  }
  await moveSurvey(trx, reg.activity_id, before ? 0 : 1, input.score - Number(before?.score ?? 0));
  const scope = { provinceCode: reg.province_code, clusterId: reg.cluster_id };
  const target = { action: "activities.survey.answer" as const, type: "activity_registration", id: reg.id };
  const summary = {
    activityId: reg.activity_id,
    score: input.score,
    previousScore: before ? Number(before.score) : null,
    comment: comment !== null,
  };
  if (by) await audit(trx, by, scope, target, summary);
  else
    await writeAudit(trx, null, {
      action: target.action,
      targetType: target.type,
      targetId: target.id,
      provinceCode: scope.provinceCode,
      clusterId: scope.clusterId,
      summary: { ...summary, public: true },
    });
  return { score: input.score, comment, answeredAt };
}

/** PUT /registrations/:id/survey: the member user whose enterprise it is, or the managers entering paper forms. */
export async function answerSurvey(
  deps: Deps,
  actor: Actor | null,
  registrationId: string,
  input: z.infer<typeof SurveyInput>,
): Promise<SurveyDto> {
  return deps.database.db.transaction().execute(async (trx) => {
    const reg = found(await registrationQuery(trx).where("r.id", "=", registrationId).executeTakeFirst());
    const scope = { provinceCode: reg.province_code, clusterId: reg.cluster_id };
    const a = authorizeRecord(actor, scope, "activities.read");
    const own =
      reg.enterprise_id !== null &&
      a.grants.some(
        (g) => g.role === "member" && g.clusterId === reg.cluster_id && g.enterpriseId === reg.enterprise_id,
      );
    if (!own && !can(a, "activities.manage", scope)) throw forbidden();
    return writeAnswer(trx, reg, input, a);
  });
}

/** PUT /public/surveys/:code: the registrant with the ticket's code, after attending. */
export async function answerSurveyByCode(
  deps: Deps,
  code: string,
  input: z.infer<typeof SurveyInput>,
): Promise<SurveyDto> {
  return deps.database.db.transaction().execute(async (trx) => {
    const reg = await registrationQuery(trx).where("r.checkin_code", "=", code).executeTakeFirst();
    if (!reg) throw new AppError(404, "survey_code_unknown");
    return writeAnswer(trx, reg, input, null);
  });
}

/** GET /activities/:id/surveys: the answers, newest first, and the average (managers). */
export async function listSurveys(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  q: z.infer<typeof SurveyListQuery>,
): Promise<z.infer<typeof SurveysOut>> {
  const db = deps.database.db;
  const row = found(
    await db
      .selectFrom("activities")
      .select(["id", "cluster_id", "province_code", "start_date"])
      .where("id", "=", activityId)
      .executeTakeFirst(),
  );
  authorizeRecord(
    actor,
    { provinceCode: row.province_code, clusterId: row.cluster_id },
    "activities.read",
    "activities.manage",
  );
  const [items, totals] = await Promise.all([
    db
      .selectFrom("activity_surveys as s")
      .innerJoin("activity_registrations as r", "r.id", "s.registration_id")
      .select(["s.registration_id", "r.name", "s.score", "s.comment", "s.answered_at"])
      .where("s.activity_id", "=", activityId)
      .orderBy("s.answered_at", "desc")
      .orderBy("s.registration_id")
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    figuresOf(db, "activity", activityId, jalaliYearOf(row.start_date)),
  ]);
  return {
    items: items.map((s) => ({
      registrationId: s.registration_id,
      name: s.name,
      score: Number(s.score),
      comment: s.comment,
      answeredAt: s.answered_at,
    })),
    // The total is the aggregate's count: one answer per registration, kept with every answer.
    total: totals.survey.responses,
    page: q.page,
    pageSize: q.pageSize,
    responses: totals.survey.responses,
    average: totals.survey.average,
  };
}
