/**
 * The dry run and the import of one run, as its job runs them: the sheet is
 * streamed row by row and taken in batches of BATCH rows. A batch is one
 * transaction — its enterprises or people, its rows' outcomes (or the dry
 * run's problems) and the run's counts and progress together — so 100,000
 * rows never hold one huge transaction, a failure rolls back only the batch
 * it happened in (never a half-written row), and a retried job resumes after
 * the last committed batch (`done_through`). Between batches the job renews
 * its lease.
 */
import path from "node:path";
import type { Kysely } from "kysely";
import type { Actor } from "../../../core/permissions";
import type { ImportKindName, ImportMappingValue } from "../../../core/schemas/imports";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { AppError } from "../../errors";
import type { JobContext } from "../../jobs/queue";
import { writeAudit } from "../audit/service";
import { type Cell, isBlank, isTotalsRow } from "./cells";
import { type ReadRow, type RowProblem, readRow, skillOf, skillWord } from "./fields";
import type { ImportRunsTable } from "./migrations/tables";
import { readRows } from "./read";
import {
  employersOf,
  PendingCreates,
  type Plan,
  planBatch,
  rowKey,
  type Target,
  type WriteContext,
  writeEnterprise,
  writePerson,
} from "./write";

export const BATCH = 500;

const IDENTITY_CODES = new Set<string>(["national_id_taken", "enterprise_duplicate"]);

export type Mode = "check" | "apply";

/** Where an upload is kept: under the data directory, by month. */
export function importFile(deps: Deps, storageKey: string): string {
  return path.join(deps.config.dataDir, "imports", storageKey);
}

interface Pending {
  row: number;
  cells: Cell[];
  read: ReadRow | null;
  /** A totals row: skipped, and said so. */
  totals: boolean;
}

interface Tally {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  blank: number;
  problems: number;
  processed: number;
}

/** Problems a row has beyond its cells: skills that are not ours, the same record twice in one file. */
function rowChecks(kind: ImportKindName, mapping: ImportMappingValue, r: ReadRow, seen: Map<string, number>): void {
  if (kind === "person" && Array.isArray(r.values.skills)) {
    const unknown = r.values.skills.filter((w) => skillOf(w) === null);
    if (unknown.length) {
      r.problems.push({ code: "unknown_skill", column: mapping.skills ?? null, value: unknown.join("، ") });
    }
  }
  if (typeof r.values.name !== "string" || !r.values.name) {
    if (!r.problems.some((p) => p.code === "required_missing" || p.column === mapping.name)) {
      r.problems.push({ code: "required_missing", column: mapping.name ?? null, value: null });
    }
    return;
  }
  const key = rowKey(r);
  const first = seen.get(key);
  if (first !== undefined) {
    r.problems.push({ code: "duplicate_row", column: null, value: null, params: { first } });
  } else seen.set(key, r.row);
}

const toJson = (p: RowProblem) => ({ code: p.code, column: p.column, value: p.value, params: p.params ?? null });

async function planOf(db: Kysely<DB>, target: Target, good: ReadRow[]) {
  const plans = await planBatch(db, target, good);
  const employers =
    target.kind === "person" ? await employersOf(db, target.clusterId, good) : new Map<string, string>();
  // A person's employer must be an enterprise of the cluster.
  const out: { plan: Plan; employer: string | null }[] = good.map((r, i) => {
    const eid = r.values.enterpriseNationalId;
    if (typeof eid === "string" && eid) {
      const hit = employers.get(eid);
      if (!hit) {
        return {
          plan: { action: "fail", problem: { code: "enterprise_not_found", column: null, value: eid } },
          employer: null,
        };
      }
      return { plan: plans[i]!, employer: hit };
    }
    return { plan: plans[i]!, employer: null };
  });
  return out;
}

/**
 * Runs the dry run or the import of a run to its end. A run no longer in
 * the state its job expects (a newer dry run began, or it is done) is left
 * alone.
 */
export async function processRun(
  deps: Deps,
  runId: string,
  mode: Mode,
  by: Actor,
  ctx: Pick<JobContext, "heartbeat">,
): Promise<void> {
  const db = deps.database.db;
  const run = await db.selectFrom("import_runs").selectAll().where("id", "=", runId).executeTakeFirst();
  if (!run || run.state !== (mode === "check" ? "checking" : "importing")) return;
  if (!run.sheet || !run.header_row || !run.mapping) return;
  const mapping = JSON.parse(run.mapping) as ImportMappingValue;
  const target: Target = { clusterId: run.cluster_id, provinceCode: run.province_code, kind: run.kind };
  const w: WriteContext = {
    target,
    now: new Date().toISOString(),
    by: by.userId,
    skills: (words) => [...new Set(words.map(skillOf).filter((s): s is string => s !== null))],
    skillLabel: skillWord,
    creates: new PendingCreates(),
  };

  // A dry run starts over; an import goes on after its last committed batch.
  let resumeAfter = mode === "apply" ? Number(run.done_through) : 0;
  if (mode === "check" || resumeAfter === 0) {
    await db.transaction().execute(async (trx) => {
      if (mode === "check") await trx.deleteFrom("import_problems").where("run_id", "=", runId).execute();
      else await trx.deleteFrom("import_outcomes").where("run_id", "=", runId).execute();
      await trx
        .updateTable("import_runs")
        .set({
          done_through: 0,
          processed: 0,
          created: 0,
          updated: 0,
          skipped: 0,
          failed: 0,
          blank: 0,
          ...(mode === "check" ? { problems_total: 0 } : {}),
          updated_at: new Date().toISOString(),
        })
        .where("id", "=", runId)
        .execute();
    });
    resumeAfter = 0;
  }
  const tally: Tally =
    resumeAfter === 0
      ? { created: 0, updated: 0, skipped: 0, failed: 0, blank: 0, problems: 0, processed: 0 }
      : {
          created: Number(run.created),
          updated: Number(run.updated),
          skipped: Number(run.skipped),
          failed: Number(run.failed),
          blank: Number(run.blank),
          problems: Number(run.problems_total),
          processed: Number(run.processed),
        };

  const seen = new Map<string, number>();
  let batch: Pending[] = [];
  let blankInBatch = 0;
  let lastRow = run.header_row;

  const flush = async (throughRow: number) => {
    const pending = batch;
    const blanks = blankInBatch;
    batch = [];
    blankInBatch = 0;
    if (throughRow <= resumeAfter) return;
    await db.transaction().execute(async (trx) => {
      w.creates = new PendingCreates();
      const good = pending.filter((p) => p.read && p.read.problems.length === 0).map((p) => p.read!);
      const planned = await planOf(trx, target, good);
      const planByRow = new Map(good.map((r, i) => [r.row, planned[i]!]));
      const problems: {
        run_id: string;
        row_number: number;
        seq: number;
        column_index: number | null;
        value: string | null;
        code: string;
        params: string | null;
      }[] = [];
      const outcomes: {
        run_id: string;
        row_number: number;
        outcome: "created" | "updated" | "skipped" | "failed";
        label: string | null;
        actor_id: string | null;
        reason: string | null;
      }[] = [];
      const d = { created: 0, updated: 0, skipped: 0, failed: 0, problems: 0 };
      for (const p of pending) {
        const label = typeof p.read?.values.name === "string" ? p.read.values.name : null;
        let rowProblems: RowProblem[];
        let outcome: "created" | "updated" | "skipped" | "failed";
        let actorId: string | null = null;
        if (p.totals) {
          rowProblems = [{ code: "total_row", column: null, value: null }];
          outcome = "skipped";
        } else if (p.read!.problems.length) {
          // By column, as the row reads; problems of the whole row after.
          rowProblems = [...p.read!.problems].sort((x, y) => (x.column ?? 1e9) - (y.column ?? 1e9));
          outcome = "failed";
        } else {
          const { plan, employer } = planByRow.get(p.row)!;
          if (plan.action === "fail") {
            rowProblems = [plan.problem];
            outcome = "failed";
          } else {
            rowProblems = [];
            outcome = plan.action === "create" ? "created" : "updated";
            if (mode === "apply") {
              try {
                actorId =
                  target.kind === "enterprise"
                    ? await writeEnterprise(trx, w, p.read!, plan)
                    : await writePerson(trx, w, p.read!, plan, employer);
              } catch (e) {
                // The profile's identity rules (another enterprise has the ID, or the name and city),
                // checked by reads before any write of the row: the batch goes on without it.
                if (!(e instanceof AppError) || !IDENTITY_CODES.has(e.code)) throw e;
                rowProblems = [{ code: e.code, column: null, value: null }];
                outcome = "failed";
              }
            } else if (plan.action === "update") actorId = plan.actorId;
          }
        }
        d[outcome]++;
        if (mode === "check") {
          rowProblems.forEach((q, seq) => {
            problems.push({
              run_id: runId,
              row_number: p.row,
              seq,
              column_index: q.column,
              value: q.value,
              code: q.code,
              params: q.params ? JSON.stringify(q.params) : null,
            });
          });
          d.problems += rowProblems.length;
        } else {
          outcomes.push({
            run_id: runId,
            row_number: p.row,
            outcome,
            label,
            actor_id: actorId,
            reason: rowProblems.length ? JSON.stringify(rowProblems.map(toJson)) : null,
          });
        }
      }
      await w.creates.write(trx);
      // Multi-row inserts: 100 rows × 7 values stays far below either engine's parameter limit.
      for (let i = 0; i < problems.length; i += 100) {
        await trx
          .insertInto("import_problems")
          .values(problems.slice(i, i + 100))
          .execute();
      }
      for (let i = 0; i < outcomes.length; i += 100) {
        await trx
          .insertInto("import_outcomes")
          .values(outcomes.slice(i, i + 100))
          .execute();
      }
      tally.created += d.created;
      tally.updated += d.updated;
      tally.skipped += d.skipped;
      tally.failed += d.failed;
      tally.problems += d.problems;
      tally.blank += blanks;
      tally.processed += pending.length;
      await trx
        .updateTable("import_runs")
        .set({
          done_through: throughRow,
          processed: tally.processed,
          created: tally.created,
          updated: tally.updated,
          skipped: tally.skipped,
          failed: tally.failed,
          blank: tally.blank,
          ...(mode === "check" ? { problems_total: tally.problems } : {}),
          updated_at: new Date().toISOString(),
        })
        .where("id", "=", runId)
        .execute();
    });
    await ctx.heartbeat();
  };

  const file = importFile(deps, run.storage_key);
  for await (const r of readRows(file, run.format, run.sheet)) {
    if (r.row <= run.header_row) continue;
    // Rows exceljs holds nothing for are blank rows too.
    if (r.row > lastRow + 1) blankInBatch += r.row - lastRow - 1;
    lastRow = r.row;
    if (r.cells.every(isBlank)) {
      blankInBatch++;
      continue;
    }
    if (isTotalsRow(r.cells)) {
      batch.push({ row: r.row, cells: r.cells, read: null, totals: true });
    } else {
      const read = readRow(run.kind, mapping, r.row, r.cells);
      rowChecks(run.kind, mapping, read, seen);
      batch.push({ row: r.row, cells: r.cells, read, totals: false });
    }
    if (batch.length >= BATCH) await flush(r.row);
  }
  if (batch.length || blankInBatch) await flush(lastRow);

  await finish(db, run, mode, tally, by);
}

async function finish(
  db: Kysely<DB>,
  run: { id: string } & Pick<ImportRunsTable, "cluster_id" | "province_code" | "kind" | "file_name" | "sheet">,
  mode: Mode,
  tally: Tally,
  by: Actor,
) {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const total = tally.created + tally.updated + tally.skipped + tally.failed;
    await trx
      .updateTable("import_runs")
      .set({
        state: mode === "check" ? "checked" : "done",
        total,
        processed: total,
        updated_at: now,
        finished_at: mode === "apply" ? now : null,
      })
      .where("id", "=", run.id)
      .execute();
    // One audit row per import with its counts, not one per row.
    if (mode === "apply") {
      await writeAudit(trx, by, {
        action: "import.run",
        targetType: "cluster",
        targetId: run.cluster_id,
        provinceCode: run.province_code,
        clusterId: run.cluster_id,
        summary: {
          importId: run.id,
          kind: run.kind,
          fileName: run.file_name,
          sheet: run.sheet,
          total,
          created: tally.created,
          updated: tally.updated,
          skipped: tally.skipped,
          failed: tally.failed,
          blank: tally.blank,
        },
      });
    }
  });
}
