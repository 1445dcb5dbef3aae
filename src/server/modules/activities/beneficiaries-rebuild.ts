/**
 * The beneficiary aggregates rebuilt from the attendances, exhibitions and
 * survey answers in a few set-based statements (INSERT … SELECT … GROUP BY),
 * with the same rows beneficiaries.ts keeps one attendance write at a time
 * (test/api/activities-bench-aggregates.test.ts compares the two). Used by
 * the benchmark data, which inserts millions of attendances in bulk, and as
 * a repair tool: it empties the four aggregate tables first.
 *
 * The rules are those of src/core/beneficiaries.ts, in SQL:
 * - a registration counts when it has an attendance row; the person is
 *   keyed `p:` + directory person, else `m:` + canonical mobile, else `n:` +
 *   compacted name; the mobile's canonical form and the name's compaction are
 *   done in SQL only where they are the stored text itself (09 + nine digits
 *   on an operator prefix normalizeMobile accepts: validity depends on the
 *   first four digits only), the rest (typed forms, no mobile) by
 *   personKeyOf in TypeScript, a page at a time — a few rows in practice;
 * - the role: the person's first skill in SKILLS order, else their employer's
 *   institution kind, else `enterprise` (an enterprise employer, or the
 *   registration's enterprise), else `other` (roleOf);
 * - a person with two counted registrations in one activity takes the
 *   smaller role (the per-write logic keeps the first one's; the two differ
 *   only when one mobile registered for two enterprises);
 * - the Jalali year of an activity's start date from a CASE over the ISO
 *   first days of the years the activities span (computed with core/jalali),
 *   so no row is converted in TypeScript;
 * - marks at the activity, cluster, province and programme levels (the
 *   programme per year and over all years, year 0), by every kind and the
 *   activity's, every role and the person's; `backing` is how many
 *   activities back a mark; counts are the marks per aggregate plus the
 *   survey's answers on the rows of every kind and every role.
 */
import { CompiledQuery, type Kysely } from "kysely";
import { type BeneficiaryRole, jalaliYearOf, personKeyOf, roleOf } from "../../../core/beneficiaries";
import { jalaliToIso } from "../../../core/jalali";
import { INSTITUTION_KINDS, SKILLS } from "../../../core/members";
import { normalizeMobile } from "../../../core/validators";
import type { DialectName } from "../../db/dialect";
import type { DB } from "../../db/schema";

const quote = (s: string) => {
  if (!/^[a-z0-9_*:-]+$/i.test(s)) throw new Error(`beneficiaries rebuild: not a plain literal: ${s}`);
  return `'${s}'`;
};
const list = (xs: readonly string[]) => xs.map(quote).join(", ");

/** The mobile prefixes (09XY) normalizeMobile keeps as they are. */
const MOBILE_PREFIXES = Array.from({ length: 100 }, (_, i) => `09${String(i).padStart(2, "0")}`).filter(
  (p) => normalizeMobile(`${p}0000000`) === `${p}0000000`,
);

/** Rows of the TypeScript pass a statement. */
const PAGE = 2_000;

/** Told each step's name and milliseconds (the benchmark's log, a repair's). */
export type StepLog = (step: string, ms: number) => void;

async function run(db: Kysely<DB>, log: StepLog | undefined, text: string): Promise<void> {
  const t = performance.now();
  await db.executeQuery(CompiledQuery.raw(text));
  log?.(text.slice(0, 60).replace(/\s+/g, " "), performance.now() - t);
}

/** `CASE` giving the Jalali year of the ISO date `col`, over the years the activities span. */
async function yearCase(db: Kysely<DB>, col: string): Promise<string> {
  const span = await db
    .selectFrom("activities")
    .select((eb) => [eb.fn.min("start_date").as("lo"), eb.fn.max("start_date").as("hi")])
    .executeTakeFirst();
  if (!span?.lo || !span.hi) return "0";
  const lo = jalaliYearOf(String(span.lo));
  const hi = jalaliYearOf(String(span.hi));
  const arms: string[] = [];
  for (let y = hi; y > lo; y--) {
    const first = jalaliToIso(`${y}/01/01`);
    if (!first || !/^\d{4}-\d{2}-\d{2}$/.test(first)) throw new Error(`beneficiaries rebuild: no first day of ${y}`);
    arms.push(`WHEN ${col} >= '${first}' THEN ${y}`);
  }
  return arms.length === 0 ? String(lo) : `(CASE ${arms.join(" ")} ELSE ${lo} END)`;
}

/** The counted registrations whose person key and role SQL derives (see the header). */
function registrationsSql(dialect: DialectName): string {
  const canonical =
    dialect === "sqlite"
      ? "r.mobile GLOB '09[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'"
      : "r.mobile ~ '^09[0-9]{9}$'";
  const skillOrder = SKILLS.map((s, i) => `WHEN ${quote(s)} THEN ${i}`).join(" ");
  const employer = "COALESCE(e.kind, CASE WHEN r.enterprise_id IS NOT NULL THEN 'enterprise' END)";
  return `INSERT INTO activity_beneficiary_registrations (registration_id, activity_id, person_key, enterprise_id, role)
SELECT r.id, r.activity_id,
  CASE WHEN r.person_id IS NOT NULL THEN 'p:' || r.person_id ELSE 'm:' || r.mobile END,
  r.enterprise_id,
  COALESCE(
    (SELECT s.skill FROM person_skills s WHERE s.person_id = r.person_id AND s.skill IN (${list(SKILLS)})
      ORDER BY CASE s.skill ${skillOrder} END LIMIT 1),
    CASE WHEN ${employer} = 'institution' AND i.institution_kind IN (${list(INSTITUTION_KINDS)}) THEN i.institution_kind END,
    CASE WHEN ${employer} = 'enterprise' THEN 'enterprise' END,
    'other')
FROM (SELECT registration_id FROM activity_attendances GROUP BY registration_id) t
JOIN activity_registrations r ON r.id = t.registration_id
LEFT JOIN people p ON p.id = r.person_id
LEFT JOIN actors e ON e.id = p.enterprise_id
LEFT JOIN institutions i ON i.id = p.enterprise_id
WHERE r.person_id IS NOT NULL
  OR (${canonical} AND substr(r.mobile, 1, 4) IN (${list(MOBILE_PREFIXES)}))`;
}

/** The counted registrations SQL left out: no directory person and a mobile not already canonical. */
async function remainingRegistrations(db: Kysely<DB>): Promise<number> {
  let after = "";
  let n = 0;
  for (;;) {
    const rows = await db
      .selectFrom("activity_attendances as t")
      .innerJoin("activity_registrations as r", "r.id", "t.registration_id")
      .leftJoin("activity_beneficiary_registrations as b", "b.registration_id", "r.id")
      .select(["r.id", "r.activity_id", "r.mobile", "r.name", "r.enterprise_id"])
      .distinct()
      .where("b.registration_id", "is", null)
      .where("r.person_id", "is", null)
      .where("r.id", ">", after)
      .orderBy("r.id")
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return n;
    await db
      .insertInto("activity_beneficiary_registrations")
      .values(
        rows.map((r) => ({
          registration_id: r.id,
          activity_id: r.activity_id,
          person_key: personKeyOf({ personId: null, mobile: r.mobile, name: r.name }),
          enterprise_id: r.enterprise_id,
          role: roleOf({
            skills: [],
            employerKind: r.enterprise_id ? "enterprise" : null,
            institutionKind: null,
          }) satisfies BeneficiaryRole,
        })),
      )
      .execute();
    n += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}

/** A done exhibition's exhibiting enterprises (distinct), as (activity_id, enterprise_id). */
function exhibitorsSql(dialect: DialectName): string {
  if (dialect === "sqlite") {
    return `SELECT DISTINCT a.id AS activity_id, j.value AS enterprise_id
FROM activities a, json_each(a.details, '$.enterpriseIds') j
WHERE a.kind = 'exhibition' AND a.status = 'done' AND json_type(a.details, '$.enterpriseIds') = 'array'
  AND j.type = 'text'`;
  }
  return `SELECT DISTINCT a.id AS activity_id, j.v #>> '{}' AS enterprise_id
FROM activities a
CROSS JOIN LATERAL jsonb_array_elements(
  CASE WHEN jsonb_typeof(a.details::jsonb -> 'enterpriseIds') = 'array' THEN a.details::jsonb -> 'enterpriseIds' ELSE '[]'::jsonb END
) AS j(v)
WHERE a.kind = 'exhibition' AND a.status = 'done' AND jsonb_typeof(j.v) = 'string'`;
}

/** Every kind and the activity's (n 0 / 1), every role and the person's. */
const DIMS = `CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1) kk CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1) rr`;
const DIM_COLS = `CASE kk.n WHEN 0 THEN '*' ELSE a.kind END AS activity_kind, CASE rr.n WHEN 0 THEN '*' ELSE b.role END AS role`;
const DIM_WHERE = `(rr.n = 0 OR b.role IS NOT NULL)`;

/** The scopes above the activity: level, scope column, year expression, condition. */
function scopes(year: string): { level: string; scope: string; year: string; where: string }[] {
  return [
    { level: "cluster", scope: "a.cluster_id", year, where: "" },
    { level: "province", scope: "a.province_code", year, where: "" },
    { level: "programme", scope: "a.programme_id", year, where: "AND a.programme_id IS NOT NULL" },
    { level: "programme", scope: "a.programme_id", year: "0", where: "AND a.programme_id IS NOT NULL" },
  ];
}

export interface RebuildSummary {
  registrations: number;
  beneficiaries: number;
  marks: number;
  counts: number;
}

async function rebuildIn(db: Kysely<DB>, dialect: DialectName, log?: StepLog): Promise<RebuildSummary> {
  for (const t of [
    "activity_beneficiary_counts",
    "activity_beneficiary_marks",
    "activity_beneficiaries",
    "activity_beneficiary_registrations",
  ]) {
    await run(db, log, `DELETE FROM ${t}`);
  }
  const year = await yearCase(db, "a.start_date");

  // Fresh bulk rows (the benchmark's) have no planner statistics on PostgreSQL yet: the joins and
  // groupings below are planned from these (ANALYZE runs inside a transaction; VACUUM would not).
  const analyze = async (tables: string) => {
    if (dialect === "postgres") await run(db, log, `ANALYZE ${tables}`);
  };
  await analyze("activities, activity_registrations, activity_attendances, activity_surveys");
  await run(db, log, registrationsSql(dialect));
  await remainingRegistrations(db);
  await analyze("activity_beneficiary_registrations");

  await run(
    db,
    log,
    `INSERT INTO activity_beneficiaries (activity_id, subject_kind, subject_id, role, attendances, exhibitor)
SELECT activity_id, 'person', person_key, MIN(role), COUNT(*), 0
FROM activity_beneficiary_registrations GROUP BY activity_id, person_key
UNION ALL
SELECT activity_id, 'enterprise', enterprise_id, NULL, COUNT(*), 0
FROM activity_beneficiary_registrations WHERE enterprise_id IS NOT NULL GROUP BY activity_id, enterprise_id`,
  );
  await run(
    db,
    log,
    `INSERT INTO activity_beneficiaries (activity_id, subject_kind, subject_id, role, attendances, exhibitor)
SELECT x.activity_id, 'enterprise', x.enterprise_id, NULL, 0, 1 FROM (${exhibitorsSql(dialect)}) x WHERE true
ON CONFLICT (activity_id, subject_kind, subject_id) DO UPDATE SET exhibitor = 1`,
  );

  await analyze("activity_beneficiaries");
  // PostgreSQL: the marks (the largest table, about ten rows per beneficiary) go in without their
  // primary key, which is then built by one sort — twice as fast as keeping it row by row on this
  // seven-column text key (measured at the benchmark's small scale: 11 s → 5 s for 0.9 M rows).
  const MARKS_PK = "activity_beneficiary_marks_pk";
  if (dialect === "postgres") {
    await run(db, log, "SET LOCAL maintenance_work_mem = '512MB'");
    await run(db, log, `ALTER TABLE activity_beneficiary_marks DROP CONSTRAINT ${MARKS_PK}`);
  }
  const marksInto = `INSERT INTO activity_beneficiary_marks (level, scope_id, year, subject_kind, subject_id, activity_kind, role, backing)`;
  // An activity's subjects are unique: one mark each, no grouping.
  await run(
    db,
    log,
    `${marksInto}
SELECT 'activity', a.id, ${year}, b.subject_kind, b.subject_id, ${DIM_COLS}, 1
FROM activity_beneficiaries b JOIN activities a ON a.id = b.activity_id ${DIMS}
WHERE ${DIM_WHERE}`,
  );
  for (const s of scopes(year)) {
    await run(
      db,
      log,
      `${marksInto}
SELECT '${s.level}', scope_id, year, subject_kind, subject_id, activity_kind, role, COUNT(*)
FROM (SELECT ${s.scope} AS scope_id, ${s.year} AS year, b.subject_kind, b.subject_id, ${DIM_COLS}
  FROM activity_beneficiaries b JOIN activities a ON a.id = b.activity_id ${DIMS}
  WHERE ${DIM_WHERE} ${s.where}) x
GROUP BY scope_id, year, subject_kind, subject_id, activity_kind, role`,
    );
  }

  if (dialect === "postgres") {
    await run(
      db,
      log,
      `ALTER TABLE activity_beneficiary_marks ADD CONSTRAINT ${MARKS_PK} PRIMARY KEY (level, scope_id, year, subject_kind, subject_id, activity_kind, role)`,
    );
  }
  await analyze("activity_beneficiary_marks");
  await run(
    db,
    log,
    `INSERT INTO activity_beneficiary_counts (level, scope_id, year, activity_kind, role, people, enterprises, survey_responses, survey_score_sum)
SELECT level, scope_id, year, activity_kind, role,
  SUM(CASE WHEN subject_kind = 'person' THEN 1 ELSE 0 END),
  SUM(CASE WHEN subject_kind = 'enterprise' THEN 1 ELSE 0 END), 0, 0
FROM activity_beneficiary_marks GROUP BY level, scope_id, year, activity_kind, role`,
  );

  // The survey's answers on every scope's row of every kind and role (surveyKeysOf).
  const surveyScopes = [{ level: "activity", scope: "a.id", year, where: "" }, ...scopes(year)]
    .map(
      (s) =>
        `SELECT '${s.level}' AS level, ${s.scope} AS scope_id, ${s.year} AS year, v.n, v.total
  FROM v JOIN activities a ON a.id = v.activity_id WHERE true ${s.where}`,
    )
    .join("\nUNION ALL\n");
  await run(
    db,
    log,
    `WITH v AS (SELECT activity_id, COUNT(*) AS n, SUM(score) AS total FROM activity_surveys GROUP BY activity_id)
INSERT INTO activity_beneficiary_counts (level, scope_id, year, activity_kind, role, people, enterprises, survey_responses, survey_score_sum)
SELECT level, scope_id, year, '*', '*', 0, 0, SUM(n), SUM(total)
FROM (${surveyScopes}) x WHERE true
GROUP BY level, scope_id, year
ON CONFLICT (level, scope_id, year, activity_kind, role) DO UPDATE SET
  survey_responses = activity_beneficiary_counts.survey_responses + excluded.survey_responses,
  survey_score_sum = activity_beneficiary_counts.survey_score_sum + excluded.survey_score_sum`,
  );

  const count = async (
    t:
      | "activity_beneficiary_registrations"
      | "activity_beneficiaries"
      | "activity_beneficiary_marks"
      | "activity_beneficiary_counts",
  ) =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  return {
    registrations: await count("activity_beneficiary_registrations"),
    beneficiaries: await count("activity_beneficiaries"),
    marks: await count("activity_beneficiary_marks"),
    counts: await count("activity_beneficiary_counts"),
  };
}

/**
 * Empties and refills the four beneficiary aggregate tables from the
 * attendances, the done exhibitions' exhibitors and the survey answers, in
 * one transaction (the caller's when `db` is one). Returns the rows written.
 */
export async function rebuildBeneficiaryAggregates(
  db: Kysely<DB>,
  dialect: DialectName,
  log?: StepLog,
): Promise<RebuildSummary> {
  if (db.isTransaction) return rebuildIn(db, dialect, log);
  return db.transaction().execute((trx) => rebuildIn(trx, dialect, log));
}
