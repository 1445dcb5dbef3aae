/**
 * Certificates of a training: its attendance rule (a share of the
 * training's hours) and signatories; who met the rule; certificates issued
 * one by one or to all who qualify (already issued ones are kept: issuing is
 * idempotent), each with a short code typed from the paper to verify it on
 * the public page, which shows nothing but the holder, the training, the
 * cluster, the hours and the day; the Persian A4 PDF (certificate.typ) and
 * mailing the verify link and code. The mail system has no attachments (the
 * outbox holds text), so the mail carries the link to the public check, not
 * the PDF.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely, Selectable, Transaction } from "kysely";
import type { z } from "zod";
import { isoToJalali, todayIso } from "../../../core/jalali";
import { toAsciiDigits, toPersianDigits } from "../../../core/normalize";
import { type Actor, can } from "../../../core/permissions";
import type {
  CertificateIssueInput,
  CertificateIssueOut,
  CertificateListQuery,
  CertificateSettings,
  CertificatesOut,
  CertificateVerifyOut,
} from "../../../core/schemas/activities";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { AppError, badRequest, fieldError, forbidden } from "../../errors";
import { t } from "../../i18n";
import { documentFrame } from "../../pdf/frame";
import { authorizeRecord, found } from "../../services/load";
import { auditOnCluster as audit } from "../audit/service";
import { queueMail } from "../notifications/service";
import { trainingHours } from "./attendance";
import type { ActivitiesTable } from "./migrations/tables";

type ActivityRow = Selectable<ActivitiesTable>;
type Settings = z.infer<typeof CertificateSettings>;

export const CERTIFICATE_TEMPLATE = "modules/activities/certificate.typ";

// ----------------------------------------------------------------- codes

/** Crockford's base32: no I, L, O or U, so what is read off paper is what was printed. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 10;

/** A new verification code: 10 characters, 50 random bits. */
export function newCertificateCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let out = "";
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** The code as printed and mailed: two groups of five («7K3QD-9XW2M»). */
export const groupedCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/**
 * A code as typed: Persian or Arabic digits, lower case, spaces and dashes
 * (and anything else that is not a letter or digit) are forgiven, and the
 * letters Crockford reads as digits (O as 0, I and L as 1) are read so.
 * Null when what is left cannot be a code.
 */
export function normalizeCertificateCode(typed: string): string | null {
  const s = toAsciiDigits(typed)
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (s.length !== CODE_LENGTH || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return s;
}

/** The public page that confirms a certificate; the code travels in the fragment, like the applications' links. */
export const verifyLink = (origin: string, code: string) => `${origin}/verify#${groupedCode(code)}`;

// ----------------------------------------------------------------- access

const scopeOf = (r: ActivityRow) => ({ provinceCode: r.province_code, clusterId: r.cluster_id });

async function reachTraining(db: Kysely<DB>, actor: Actor | null, id: string) {
  const row = found(await db.selectFrom("activities").selectAll().where("id", "=", id).executeTakeFirst());
  const scope = scopeOf(row);
  const a = authorizeRecord(actor, scope, "activities.read", "activities.manage");
  const hours = trainingHours(row);
  if (hours === null) throw badRequest("not_training");
  return { a, row, scope, hours };
}

async function readSettings(db: Kysely<DB>, activityId: string): Promise<Settings | null> {
  const s = await db
    .selectFrom("activity_certificate_settings")
    .select(["min_attendance_percent", "signatories"])
    .where("activity_id", "=", activityId)
    .executeTakeFirst();
  if (!s) return null;
  return {
    minAttendancePercent: Number(s.min_attendance_percent),
    signatories: JSON.parse(s.signatories) as Settings["signatories"],
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
/** Hours a person must attend; without a rule set, all of them. */
const required = (hours: number, s: Settings | null) => round2(((s?.minAttendancePercent ?? 100) / 100) * hours);
/** Sums of real hours may land a hair below the rule (0.1 + 0.2): a hundredth of an hour is forgiven. */
const meets = (attended: number, need: number) => attended + 0.005 >= need;

// ----------------------------------------------------------------- settings

export async function getCertificateSettings(deps: Deps, actor: Actor | null, activityId: string) {
  await reachTraining(deps.database.db, actor, activityId);
  return readSettings(deps.database.db, activityId);
}

export async function putCertificateSettings(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  input: Settings,
): Promise<Settings> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { a, row, scope } = await reachTraining(trx, actor, activityId);
    const before = await readSettings(trx, activityId);
    const values = {
      min_attendance_percent: input.minAttendancePercent,
      signatories: JSON.stringify(input.signatories),
      updated_at: nowIso(),
    };
    await trx
      .insertInto("activity_certificate_settings")
      .values({ activity_id: activityId, cluster_id: row.cluster_id, ...values })
      .onConflict((oc) => oc.column("activity_id").doUpdateSet(values))
      .execute();
    await audit(
      trx,
      a,
      scope,
      { action: "activities.certificate.settings", type: "activity", id: activityId },
      { before, after: input },
    );
  });
  return input;
}

// ----------------------------------------------------------------- who qualifies

/** An activity's accepted registrations with the hours they attended and their certificates. */
function attendees(db: Kysely<DB>, activityId: string) {
  const sums = db
    .selectFrom("activity_attendances")
    .select((eb) => ["registration_id", eb.fn.sum<number>("hours").as("attended")])
    .where("activity_id", "=", activityId)
    .groupBy("registration_id")
    .as("s");
  return db
    .selectFrom("activity_registrations as r")
    .leftJoin(sums, "s.registration_id", "r.id")
    .leftJoin("activity_certificates as c", "c.registration_id", "r.id")
    .where("r.activity_id", "=", activityId)
    .where("r.status", "=", "accepted");
}

type AttendeeRow = {
  id: string;
  name: string;
  attended: number | string | null;
  cert_id: string | null;
  code: string | null;
  issued_at: string | null;
  mailed_at: string | null;
};

export async function listCertificates(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  q: z.infer<typeof CertificateListQuery>,
): Promise<z.infer<typeof CertificatesOut>> {
  const db = deps.database.db;
  const { hours } = await reachTraining(db, actor, activityId);
  const settings = await readSettings(db, activityId);
  const need = required(hours, settings);
  const base = attendees(db, activityId);
  const [rows, count] = await Promise.all([
    base
      .select(["r.id", "r.name", "s.attended", "c.id as cert_id", "c.code", "c.issued_at", "c.mailed_at"])
      .orderBy("r.created_at")
      .orderBy("r.name")
      .orderBy("r.id")
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    db
      .selectFrom("activity_registrations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("activity_id", "=", activityId)
      .where("status", "=", "accepted")
      .executeTakeFirstOrThrow(),
  ]);
  return {
    settings,
    hoursRequired: need,
    items: rows.map((r) => {
      const attended = round2(Number(r.attended ?? 0));
      return {
        registrationId: r.id,
        name: r.name,
        hoursAttended: attended,
        eligible: settings !== null && meets(attended, need),
        certificate:
          r.cert_id && r.code && r.issued_at
            ? { id: r.cert_id, code: groupedCode(r.code), issuedAt: r.issued_at, mailedAt: r.mailed_at }
            : null,
      };
    }),
    total: Number(count.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ----------------------------------------------------------------- issuing

/** Writes a registration's certificate unless it has one (a racing request's is kept). Returns the new one. */
async function issueOne(
  trx: Transaction<DB>,
  a: Actor,
  activity: ActivityRow,
  reg: { id: string; name: string; attended: number },
) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = {
      id: randomUUID(),
      activity_id: activity.id,
      cluster_id: activity.cluster_id,
      registration_id: reg.id,
      code: newCertificateCode(),
      holder_name: reg.name,
      hours: reg.attended,
      issued_at: nowIso(),
      issued_by: a.via === "system" ? null : a.userId,
      mailed_at: null,
    };
    // DO NOTHING on either unique key: the registration's (issued already) or the code's (drawn twice, drawn again).
    await trx
      .insertInto("activity_certificates")
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .execute();
    const have = await trx
      .selectFrom("activity_certificates")
      .select(["id"])
      .where("registration_id", "=", reg.id)
      .executeTakeFirst();
    if (have) return have.id === row.id ? row : null;
  }
  throw new Error("could not draw a free certificate code");
}

/**
 * Issues certificates: to the registrations given (each accepted in this
 * activity, else 400 `not_registered`, and having met the rule, else 400
 * `attendance_rule_not_met`; one with a certificate already keeps it), or to
 * all who met the rule. With `mail`, those of the call not mailed yet are
 * mailed the verify link and code.
 */
export async function issueCertificates(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  input: z.infer<typeof CertificateIssueInput>,
  origin: string,
): Promise<z.infer<typeof CertificateIssueOut>> {
  return deps.database.db.transaction().execute(async (trx) => {
    const { a, row, scope, hours } = await reachTraining(trx, actor, activityId);
    const settings = await readSettings(trx, activityId);
    if (!settings) throw badRequest("certificate_settings_required");
    const need = required(hours, settings);
    let q = attendees(trx, activityId);
    if (input.registrationIds) q = q.where("r.id", "in", [...new Set(input.registrationIds)]);
    const rows = (await q
      .select(["r.id", "r.name", "s.attended", "c.id as cert_id", "c.code", "c.issued_at", "c.mailed_at"])
      .orderBy("r.created_at")
      .orderBy("r.name")
      .orderBy("r.id")
      .execute()) as AttendeeRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    let chosen: AttendeeRow[];
    if (input.registrationIds) {
      chosen = [];
      for (const [i, id] of input.registrationIds.entries()) {
        const r = byId.get(id);
        if (!r) throw fieldError("not_registered", `registrationIds.${i}`);
        if (!r.cert_id && !meets(Number(r.attended ?? 0), need)) {
          throw fieldError("attendance_rule_not_met", `registrationIds.${i}`, {
            name: r.name,
            hours: toPersianDigits(round2(Number(r.attended ?? 0))),
            required: toPersianDigits(need),
          });
        }
        if (!chosen.includes(r)) chosen.push(r);
      }
    } else {
      chosen = rows.filter((r) => r.cert_id || meets(Number(r.attended ?? 0), need));
    }

    const issued: z.infer<typeof CertificateIssueOut>["issued"] = [];
    for (const r of chosen) {
      if (r.cert_id) continue;
      const attended = round2(Number(r.attended ?? 0));
      const cert = await issueOne(trx, a, row, { id: r.id, name: r.name, attended });
      if (!cert) continue;
      issued.push({ id: cert.id, registrationId: r.id, code: groupedCode(cert.code), issuedAt: cert.issued_at });
      await audit(
        trx,
        a,
        scope,
        { action: "activities.certificate.issue", type: "activity_certificate", id: cert.id },
        { activityId, registrationId: r.id, name: r.name, hours: attended, code: cert.code },
      );
    }
    if (input.mail) {
      await mailCertificates(
        trx,
        deps,
        a,
        row,
        chosen.map((r) => r.id),
        origin,
      );
    }
    return { issued };
  });
}

/** Mails the certificates of these registrations not mailed yet: to the person's own address, else to whoever registered them. */
async function mailCertificates(
  trx: Transaction<DB>,
  deps: Deps,
  a: Actor,
  activity: ActivityRow,
  registrationIds: string[],
  origin: string,
) {
  if (registrationIds.length === 0) return;
  const certs = await trx
    .selectFrom("activity_certificates as c")
    .innerJoin("activity_registrations as r", "r.id", "c.registration_id")
    .leftJoin("actors as p", "p.id", "r.person_id")
    .leftJoin("users as u", "u.id", "r.registered_by")
    .select([
      "c.id",
      "c.code",
      "c.holder_name",
      "c.hours",
      "p.email as person_email",
      "u.email",
      "u.locale",
      "u.active",
    ])
    .where("c.registration_id", "in", registrationIds)
    .where("c.mailed_at", "is", null)
    .execute();
  const now = nowIso();
  for (const c of certs) {
    const user = c.email && Number(c.active) === 1 ? { to: c.email, lang: c.locale === "en" ? "en" : "fa" } : null;
    const to = c.person_email ? { to: c.person_email, lang: "fa" as const } : user;
    if (!to) continue;
    const lang = to.lang === "en" ? "en" : "fa";
    await queueMail(trx, deps, {
      to: to.to,
      lang,
      template: "activity_certificate",
      params: {
        name: c.holder_name,
        activity: activity.title,
        hours: lang === "fa" ? toPersianDigits(Number(c.hours)) : String(Number(c.hours)),
        code: groupedCode(c.code),
        link: verifyLink(origin, c.code),
      },
      provinceCode: activity.province_code,
    });
    await trx.updateTable("activity_certificates").set({ mailed_at: now }).where("id", "=", c.id).execute();
    await audit(
      trx,
      a,
      scopeOf(activity),
      { action: "activities.certificate.mail", type: "activity_certificate", id: c.id },
      { activityId: activity.id, name: c.holder_name, to: to.to },
    );
  }
}

// ----------------------------------------------------------------- the PDF

const fa = (key: string, params?: Record<string, string | number>) => t("fa", key, params);
const jalali = (iso: string) => toPersianDigits(isoToJalali(iso) ?? iso);
const faNumber = new Intl.NumberFormat("fa-IR", { maximumFractionDigits: 2 });

/** The certificate and its training, for the managers and the users of the holder's enterprise. */
async function reachCertificate(db: Kysely<DB>, actor: Actor | null, id: string) {
  const cert = found(await db.selectFrom("activity_certificates").selectAll().where("id", "=", id).executeTakeFirst());
  const reg = await db
    .selectFrom("activity_registrations")
    .select("enterprise_id")
    .where("id", "=", cert.registration_id)
    .executeTakeFirstOrThrow();
  const activity = await db
    .selectFrom("activities")
    .selectAll()
    .where("id", "=", cert.activity_id)
    .executeTakeFirstOrThrow();
  const scope = scopeOf(activity);
  const a = authorizeRecord(actor, scope, "activities.read");
  const own = a.grants.some(
    (g) =>
      g.role === "member" &&
      g.clusterId === activity.cluster_id &&
      !!reg.enterprise_id &&
      g.enterpriseId === reg.enterprise_id,
  );
  if (!can(a, "activities.manage", scope) && !own) throw forbidden();
  return { cert, activity };
}

/** What certificate.typ prints. */
export async function certificatePdfData(
  db: Kysely<DB>,
  cert: Selectable<DB["activity_certificates"]>,
  activity: ActivityRow,
  origin: string,
) {
  const [cluster, province, settings] = await Promise.all([
    db.selectFrom("clusters").select("name_fa").where("id", "=", activity.cluster_id).executeTakeFirstOrThrow(),
    db.selectFrom("provinces").select("name_fa").where("code", "=", activity.province_code).executeTakeFirstOrThrow(),
    readSettings(db, activity.id),
  ]);
  const frame = documentFrame(province.name_fa, new Date(cert.issued_at));
  const dates =
    activity.start_date === activity.end_date
      ? fa("certificatePdf.onDay", { date: jalali(activity.start_date) })
      : fa("certificatePdf.fromTo", { start: jalali(activity.start_date), end: jalali(activity.end_date) });
  return {
    letterhead: frame.letterhead,
    footer: frame.footer,
    title: fa("certificatePdf.title"),
    cluster: cluster.name_fa,
    intro: fa("certificatePdf.intro"),
    holder: cert.holder_name,
    body: fa("certificatePdf.body", {
      activity: activity.title,
      cluster: cluster.name_fa,
      dates,
      hours: toPersianDigits(faNumber.format(Number(cert.hours))),
    }),
    activityTitle: activity.title,
    issuedOn: fa("certificatePdf.issuedOn", { date: jalali(todayIso(new Date(cert.issued_at))) }),
    signatories: settings?.signatories ?? [],
    codeLabel: fa("certificatePdf.code"),
    code: groupedCode(cert.code),
    verify: fa("certificatePdf.verify"),
    verifyUrl: verifyLink(origin, cert.code),
  };
}

export async function certificatePdf(deps: Deps, actor: Actor | null, id: string, origin: string) {
  const db = deps.database.db;
  const { cert, activity } = await reachCertificate(db, actor, id);
  const data = await certificatePdfData(db, cert, activity, origin);
  // Loaded on first use: the Typst binding and its fonts stay out of processes that never render.
  const [{ renderPdf }, { attachmentDisposition, safeFileName }] = await Promise.all([
    import("../../pdf/render"),
    import("../../pdf/disposition"),
  ]);
  const rendered = await renderPdf({ template: CERTIFICATE_TEMPLATE, data, createdAt: new Date(cert.issued_at) });
  return {
    ...rendered,
    disposition: attachmentDisposition(
      safeFileName(`${data.title} - ${cert.holder_name} - ${activity.title}`, "pdf"),
      `certificate-${cert.code}.pdf`,
    ),
  };
}

// ----------------------------------------------------------------- public check

/** The public check of a code: the holder, the training, the cluster, the hours and the day; nothing else. */
export async function verifyCertificate(deps: Deps, typed: string): Promise<z.infer<typeof CertificateVerifyOut>> {
  const code = normalizeCertificateCode(typed);
  const row = code
    ? await deps.database.db
        .selectFrom("activity_certificates as c")
        .innerJoin("activities as act", "act.id", "c.activity_id")
        .innerJoin("clusters as cl", "cl.id", "c.cluster_id")
        .select(["c.holder_name", "c.hours", "c.issued_at", "act.title", "cl.name_fa"])
        .where("c.code", "=", code)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError(404, "certificate_not_found");
  return {
    holder: row.holder_name,
    activityTitle: row.title,
    clusterName: row.name_fa,
    hours: Number(row.hours),
    issuedOn: todayIso(new Date(row.issued_at)),
  };
}
