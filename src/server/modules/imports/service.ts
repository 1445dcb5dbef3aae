/**
 * Import runs: upload (the file checked by content and kept under the data
 * directory), the sheet and header-row preview with a suggested mapping,
 * the dry run and the import (queued as import.process jobs), and what they
 * found and did, page by page, with the failed rows back as a workbook.
 * Everything is the cluster's: import.run on it, 404 out of scope, 403 for
 * those who may only read it.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import { toPersianDigits } from "../../../core/normalize";
import type { Actor, Scope } from "../../../core/permissions";
import type { Page } from "../../../core/schemas/common";
import type { ImportOutcome, ImportPreviewOut, ImportRowOut, ImportSettings } from "../../../core/schemas/imports";
import {
  IMPORT_FIELDS,
  type ImportKindName,
  type ImportMappingValue,
  type ImportProblemDto,
  type ImportRunDto,
} from "../../../core/schemas/imports";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { AppError, badRequest } from "../../errors";
import type { Lang } from "../../i18n";
import { t } from "../../i18n";
import { enqueue } from "../../jobs/queue";
import { authorizeRecord, found, loadAuthorized } from "../../services/load";
import { paginate } from "../../services/paginate";
import { safeFileName } from "../attachments/service";
import { writeAudit } from "../audit/service";
import { columnLetter, headerKey } from "./cells";
import { detectFormat } from "./detect";
import { suggestMapping } from "./fields";
import { importJob } from "./jobs";
import type { ImportRunsTable } from "./migrations/tables";
import { importFile } from "./process";
import { inspect, type SheetInfo } from "./read";

/** The largest file taken: 30 MB, about 100,000 rows of an office's enterprise list. */
export const IMPORT_MAX_BYTES = 30 * 1024 * 1024;

type RunRow = Selectable<ImportRunsTable> & { cluster_name: string };

const READ = "cluster.read" as const;
const RUN = "import.run" as const;

/** The cluster imported into, authorised: 404 unless the actor sees it, 403 unless they may import into it. */
export async function importCluster(db: Kysely<DB>, actor: Actor | null, clusterId: string) {
  const c = found(
    await db
      .selectFrom("clusters")
      .select(["id", "province_code", "name_fa"])
      .where("id", "=", clusterId)
      .where("archived_at", "is", null)
      .executeTakeFirst(),
  );
  const scope: Scope = { provinceCode: c.province_code, clusterId: c.id };
  return { cluster: c, scope, actor: authorizeRecord(actor, scope, READ, RUN) };
}

async function loadRun(db: Kysely<DB>, actor: Actor | null, id: string) {
  return loadAuthorized(
    actor,
    db
      .selectFrom("import_runs")
      .innerJoin("clusters", "clusters.id", "import_runs.cluster_id")
      .selectAll("import_runs")
      .select("clusters.name_fa as cluster_name")
      .where("import_runs.id", "=", id)
      .executeTakeFirst() as Promise<RunRow | undefined>,
    (r) => ({ provinceCode: r.province_code, clusterId: r.cluster_id }),
    READ,
    RUN,
  );
}

const sheetsOf = (r: Pick<ImportRunsTable, "sheets">) => JSON.parse(r.sheets) as SheetInfo[];

function dto(r: RunRow, lang: Lang): ImportRunDto {
  return {
    id: r.id,
    clusterId: r.cluster_id,
    clusterName: r.cluster_name,
    kind: r.kind,
    fileName: r.file_name,
    format: r.format,
    size: Number(r.size),
    state: r.state,
    sheets: sheetsOf(r).map((s) => ({ name: s.name, rows: s.rows })),
    sheet: r.sheet,
    headerRow: r.header_row === null ? null : Number(r.header_row),
    mapping: r.mapping ? (JSON.parse(r.mapping) as ImportMappingValue) : null,
    processed: Number(r.processed),
    counts: {
      total: Number(r.total),
      created: Number(r.created),
      updated: Number(r.updated),
      skipped: Number(r.skipped),
      failed: Number(r.failed),
      blank: Number(r.blank),
    },
    problemsTotal: Number(r.problems_total),
    error: r.error ? t(lang, `errors.${r.error}`) : null,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** The uploaded file, already written to `tmpFile` by the route (streamed, size-limited). */
export interface Upload {
  fileName: string;
  tmpFile: string;
  size: number;
}

/**
 * Takes an uploaded file: checks it is a workbook or a CSV by its bytes,
 * reads its sheets' names, sizes and first rows, keeps it and opens a run.
 */
export async function createRun(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  kind: ImportKindName,
  upload: Upload,
  lang: Lang,
): Promise<ImportRunDto> {
  const db = deps.database.db;
  const { cluster, actor: a } = await importCluster(db, actor, clusterId);
  const fileName = safeFileName(upload.fileName);
  const ext = path.extname(fileName).slice(1).toLowerCase();
  if (upload.size === 0) throw badRequest("file_missing");
  const fh = await fs.open(upload.tmpFile, "r");
  let format: "xlsx" | "csv" | null;
  try {
    format = await detectFormat(fh, upload.size);
  } finally {
    await fh.close();
  }
  // The content decides; the name must agree with it (a .xlsx that is a PNG, a .csv that is a zip).
  if (!format || (ext !== format && !(format === "csv" && ext === "txt"))) {
    throw new AppError(400, "import_not_spreadsheet", {}, [{ path: "body.file" }]);
  }
  let sheets: SheetInfo[];
  try {
    sheets = await inspect(upload.tmpFile, format);
  } catch {
    // A zip that claims to be a workbook but cannot be read as one.
    throw new AppError(400, "import_not_spreadsheet", {}, [{ path: "body.file" }]);
  }
  if (!sheets.some((s) => s.rows > 0)) throw new AppError(400, "import_empty_file", {}, [{ path: "body.file" }]);

  const id = randomUUID();
  const now = nowIso();
  const storageKey = path.posix.join(now.slice(0, 4), now.slice(5, 7), id);
  const target = importFile(deps, storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.rename(upload.tmpFile, target);
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("import_runs")
        .values({
          id,
          cluster_id: cluster.id,
          province_code: cluster.province_code,
          kind,
          file_name: fileName,
          format,
          size: upload.size,
          storage_key: storageKey,
          state: "uploaded",
          sheets: JSON.stringify(sheets),
          sheet: null,
          header_row: null,
          mapping: null,
          error: null,
          created_by: a.userId,
          created_at: now,
          updated_at: now,
          finished_at: null,
        })
        .execute();
      await writeAudit(trx, a, {
        action: "import.upload",
        targetType: "cluster",
        targetId: cluster.id,
        provinceCode: cluster.province_code,
        clusterId: cluster.id,
        summary: { importId: id, kind, fileName, size: upload.size, format },
      });
    });
  } catch (e) {
    await fs.rm(target, { force: true });
    throw e;
  }
  return getRun(deps, a, id, lang);
}

export async function getRun(deps: Deps, actor: Actor | null, id: string, lang: Lang): Promise<ImportRunDto> {
  const { row } = await loadRun(deps.database.db, actor, id);
  return dto(row, lang);
}

export async function listRuns(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  page: { limit: number; offset: number },
  lang: Lang,
): Promise<Page<ImportRunDto>> {
  const db = deps.database.db;
  await importCluster(db, actor, clusterId);
  const base = db
    .selectFrom("import_runs")
    .innerJoin("clusters", "clusters.id", "import_runs.cluster_id")
    .where("import_runs.cluster_id", "=", clusterId);
  const { rows, total } = await paginate(base, page, (q) =>
    q
      .selectAll("import_runs")
      .select("clusters.name_fa as cluster_name")
      .orderBy("import_runs.created_at", "desc")
      .orderBy("import_runs.id"),
  );
  return { items: rows.map((r) => dto(r, lang)), total };
}

/** The row among the first ones most like a header: the most known header names, then the most text cells. */
function guessHeaderRow(kind: ImportKindName, top: SheetInfo["top"]): number {
  let best = top[0]?.row ?? 1;
  let bestScore = -1;
  const widest = Math.max(0, ...top.map((r) => r.cells.filter((c) => c).length));
  for (const r of top) {
    const filled = r.cells.filter((c) => c);
    // A title row («فهرست بنگاه‌های خوشه …») fills one or two cells of a wide table.
    if (filled.length < Math.min(2, widest)) continue;
    const known = Object.keys(suggestMapping(kind, r.cells, null).mapping).length;
    const texts = filled.filter((c) => !/^[\d\u06F0-\u06F9\u0660-\u0669.,/\-\s]+$/.test(c)).length;
    const score = known * 100 + texts;
    if (score > bestScore) {
      bestScore = score;
      best = r.row;
    }
  }
  return best;
}

async function rememberedMapping(db: Kysely<DB>, clusterId: string, kind: string) {
  const m = await db
    .selectFrom("import_mappings")
    .select("mapping")
    .where("cluster_id", "=", clusterId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return m ? (JSON.parse(m.mapping) as Record<string, string>) : null;
}

function sheetOf(row: RunRow, name: string | null | undefined): SheetInfo {
  const sheets = sheetsOf(row);
  const s = name ? sheets.find((x) => x.name === name) : (sheets.find((x) => x.rows > 0) ?? sheets[0]);
  if (!s) throw new AppError(400, "import_sheet_not_found", {}, [{ path: name ? "query.sheet" : "body.sheet" }]);
  return s;
}

function headersOf(sheet: SheetInfo, headerRow: number, where: string): string[] {
  const r = sheet.top.find((x) => x.row === headerRow);
  if (!r) throw new AppError(400, "import_header_row_not_found", {}, [{ path: where }]);
  return r.cells;
}

/** The sheet's first rows, its header row (given or guessed), its columns and the suggested mapping. */
export async function preview(
  deps: Deps,
  actor: Actor | null,
  id: string,
  q: { sheet?: string; headerRow?: number },
): Promise<z.infer<typeof ImportPreviewOut>> {
  const db = deps.database.db;
  const { row } = await loadRun(db, actor, id);
  const sheet = sheetOf(row, q.sheet ?? row.sheet);
  const sameSheet = sheet.name === row.sheet;
  const headerRow =
    q.headerRow ?? (sameSheet && row.header_row ? Number(row.header_row) : guessHeaderRow(row.kind, sheet.top));
  const headers = headersOf(sheet, headerRow, "query.headerRow");
  const suggested = suggestMapping(row.kind, headers, await rememberedMapping(db, row.cluster_id, row.kind));
  // The run's own mapping when it is for this sheet and header row.
  const mapping =
    sameSheet && row.mapping && Number(row.header_row) === headerRow
      ? (JSON.parse(row.mapping) as ImportMappingValue)
      : suggested.mapping;
  const width = Math.max(headers.length, ...sheet.top.map((r) => r.cells.length));
  return {
    sheet: sheet.name,
    headerRow,
    top: sheet.top,
    columns: Array.from({ length: width }, (_, i) => ({
      index: i,
      letter: columnLetter(i),
      header: headers[i] ?? "",
      suggested: (suggested.byColumn[i] ?? null) as never,
    })),
    mapping,
  };
}

const BUSY = new Set(["checking", "importing"]);

/**
 * Starts a dry run with the given sheet, header row and mapping (kept on the
 * run, and remembered as the cluster's mapping for the kind). A required
 * field left unmapped, a column given two fields or one past the sheet's
 * width is refused on the field.
 */
export async function startCheck(
  deps: Deps,
  actor: Actor | null,
  id: string,
  s: z.infer<typeof ImportSettings>,
  lang: Lang,
): Promise<ImportRunDto> {
  const db = deps.database.db;
  const { row, actor: a } = await loadRun(db, actor, id);
  if (BUSY.has(row.state) || row.state === "done") throw new AppError(409, "import_busy");
  const sheet = sheetOf(row, s.sheet);
  const headers = headersOf(sheet, s.headerRow, "body.headerRow");
  const width = Math.max(headers.length, ...sheet.top.map((r) => r.cells.length));
  const fields = IMPORT_FIELDS[row.kind];
  const issues: { path: string; message: string }[] = [];
  const mapping = s.mapping as Record<string, number>;
  for (const f of fields) {
    if ("required" in f && f.required && mapping[f.id] === undefined) {
      issues.push({
        path: `body.mapping.${f.id}`,
        message: t(lang, "errors.import_required_column_missing", { field: t(lang, `importFields.${f.id}`) }),
      });
    }
  }
  const used = new Map<number, string>();
  for (const [field, col] of Object.entries(mapping)) {
    if (!fields.some((f) => f.id === field)) {
      issues.push({ path: `body.mapping.${field}`, message: t(lang, "errors.import_field_not_of_kind") });
    } else if (col >= width) {
      issues.push({ path: `body.mapping.${field}`, message: t(lang, "errors.import_column_not_found") });
    } else if (used.has(col)) {
      issues.push({ path: `body.mapping.${field}`, message: t(lang, "errors.import_column_twice") });
    }
    used.set(col, field);
  }
  if (issues.length) {
    const missing = issues.some((i) =>
      fields.some((f) => "required" in f && f.required && i.path.endsWith(`.${f.id}`)),
    );
    throw new AppError(
      400,
      missing ? "import_required_column_missing" : "import_mapping_invalid",
      missing ? { field: t(lang, `importFields.${fields.find((f) => "required" in f && f.required)!.id}`) } : {},
      issues,
    );
  }
  const remembered = Object.fromEntries(Object.entries(mapping).map(([f, col]) => [f, headerKey(headers[col] ?? "")]));
  const now = nowIso();
  const estimate = Math.max(0, sheet.rows - sheet.top.filter((r) => r.row <= s.headerRow).length);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("import_runs")
      .set({
        state: "checking",
        sheet: sheet.name,
        header_row: s.headerRow,
        mapping: JSON.stringify(mapping),
        total: estimate,
        processed: 0,
        error: null,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    await trx
      .insertInto("import_mappings")
      .values({ cluster_id: row.cluster_id, kind: row.kind, mapping: JSON.stringify(remembered), updated_at: now })
      .onConflict((oc) =>
        oc.columns(["cluster_id", "kind"]).doUpdateSet({ mapping: JSON.stringify(remembered), updated_at: now }),
      )
      .execute();
    await enqueue(trx, importJob, { runId: id, mode: "check", userId: a.userId, via: a.via });
  });
  deps.kickJobs?.();
  return getRun(deps, a, id, lang);
}

/** Imports the good rows of a dry-run file as a job; only after a dry run with the same settings. */
export async function startImport(deps: Deps, actor: Actor | null, id: string, lang: Lang): Promise<ImportRunDto> {
  const db = deps.database.db;
  const { row, actor: a } = await loadRun(db, actor, id);
  if (BUSY.has(row.state) || row.state === "done") throw new AppError(409, "import_busy");
  if (row.state !== "checked") throw new AppError(409, "import_not_checked");
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("import_runs")
      .set({ state: "importing", done_through: 0, processed: 0, updated_at: nowIso() })
      .where("id", "=", id)
      .where("state", "=", "checked")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError(409, "import_busy");
    await enqueue(trx, importJob, { runId: id, mode: "apply", userId: a.userId, via: a.via });
  });
  deps.kickJobs?.();
  return getRun(deps, a, id, lang);
}

/** A problem's message in the caller's language. */
export function problemMessage(
  lang: Lang,
  code: string,
  params: Record<string, string | number> | null,
  value: string | null = null,
): string {
  const all: Record<string, string | number> = { value: value ?? "", ...params };
  // Row numbers and lengths in Persian digits for a Persian reader.
  if (lang === "fa") for (const [k, v] of Object.entries(all)) if (typeof v === "number") all[k] = toPersianDigits(v);
  return t(lang, `importProblems.${code}`, all);
}

function headerCells(row: RunRow): string[] {
  if (!row.sheet || !row.header_row) return [];
  return (
    sheetsOf(row)
      .find((s) => s.name === row.sheet)
      ?.top.find((r) => r.row === Number(row.header_row))?.cells ?? []
  );
}

/** The dry run's problems, by row then column order. */
export async function listProblems(
  deps: Deps,
  actor: Actor | null,
  id: string,
  page: { limit: number; offset: number },
  lang: Lang,
): Promise<Page<ImportProblemDto>> {
  const db = deps.database.db;
  const { row } = await loadRun(db, actor, id);
  const headers = headerCells(row);
  const base = db.selectFrom("import_problems").where("run_id", "=", id);
  const { rows, total } = await paginate(base, page, (q) => q.selectAll().orderBy("row_number").orderBy("seq"));
  return {
    items: rows.map((p) => {
      const col = p.column_index === null ? null : Number(p.column_index);
      return {
        row: Number(p.row_number),
        column: col === null ? null : columnLetter(col),
        header: col === null ? null : (headers[col] ?? null),
        value: p.value,
        code: p.code,
        message: problemMessage(lang, p.code, p.params ? JSON.parse(p.params) : null, p.value),
      };
    }),
    total,
  };
}

interface StoredReason {
  code: string;
  column: number | null;
  value: string | null;
  params: Record<string, string | number> | null;
}

/** A row's reasons as one sentence: «ستون C (شناسه ملی) «۱۲۳»: شناسه ملی نامعتبر است؛ …». */
export function reasonText(lang: Lang, headers: readonly string[], reasons: readonly StoredReason[]): string {
  return reasons
    .map((r) => {
      const msg = problemMessage(lang, r.code, r.params, r.value);
      if (r.column === null) return msg;
      const where = t(lang, "importProblems.at", {
        column: columnLetter(r.column),
        header: headers[r.column] ?? "",
        value: r.value ?? "",
      });
      return `${where} ${msg}`;
    })
    .join(lang === "fa" ? "؛ " : "; ");
}

/** The import's rows and what became of each, optionally of one outcome. */
export async function listRows(
  deps: Deps,
  actor: Actor | null,
  id: string,
  q: { outcome?: z.infer<typeof ImportOutcome>; limit: number; offset: number },
  lang: Lang,
): Promise<Page<z.infer<typeof ImportRowOut>>> {
  const db = deps.database.db;
  const { row } = await loadRun(db, actor, id);
  const headers = headerCells(row);
  let base = db.selectFrom("import_outcomes").where("run_id", "=", id);
  if (q.outcome) base = base.where("outcome", "=", q.outcome);
  const { rows, total } = await paginate(base, q, (b) => b.selectAll().orderBy("row_number"));
  return {
    items: rows.map((r) => ({
      row: Number(r.row_number),
      outcome: r.outcome,
      label: r.label,
      actorId: r.actor_id,
      reason: r.reason ? reasonText(lang, headers, JSON.parse(r.reason) as StoredReason[]) : null,
    })),
    total,
  };
}

export type { RunRow, StoredReason };
export { headerCells, loadRun, sheetsOf };
