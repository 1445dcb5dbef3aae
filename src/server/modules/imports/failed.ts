/**
 * The failed rows back as a workbook, to fix and import again: the header
 * row, each failed row's cells as the file had them, its row number in the
 * original file and the reason in the caller's language. After a dry run
 * these are the rows it found problems in; after an import, the rows that
 * failed. Right-to-left for a Persian reader.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { Actor } from "../../../core/permissions";
import type { Deps } from "../../context";
import { AppError } from "../../errors";
import { type Lang, t } from "../../i18n";
import { type Cell, cellText } from "./cells";
import { importFile } from "./process";
import { readRows } from "./read";
import { headerCells, loadRun, reasonText, type StoredReason } from "./service";

export async function failedRowsWorkbook(
  deps: Deps,
  actor: Actor | null,
  id: string,
  lang: Lang,
): Promise<{ fileName: string; content: Buffer }> {
  const db = deps.database.db;
  const { row: run } = await loadRun(db, actor, id);
  if (!run.sheet || !run.header_row || !["checked", "done"].includes(run.state)) {
    throw new AppError(409, "import_not_checked");
  }
  const headers = headerCells(run);
  const reasons = new Map<number, StoredReason[]>();
  if (run.state === "done") {
    const rows = await db
      .selectFrom("import_outcomes")
      .select(["row_number", "reason"])
      .where("run_id", "=", id)
      .where("outcome", "=", "failed")
      .execute();
    for (const r of rows) reasons.set(Number(r.row_number), r.reason ? (JSON.parse(r.reason) as StoredReason[]) : []);
  } else {
    const rows = await db
      .selectFrom("import_problems")
      .selectAll()
      .where("run_id", "=", id)
      .where("code", "!=", "total_row")
      .orderBy("row_number")
      .orderBy("seq")
      .execute();
    for (const p of rows) {
      const list = reasons.get(Number(p.row_number)) ?? [];
      list.push({
        code: p.code,
        column: p.column_index === null ? null : Number(p.column_index),
        value: p.value,
        params: p.params ? JSON.parse(p.params) : null,
      });
      reasons.set(Number(p.row_number), list);
    }
  }

  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(t(lang, "imports.failedSheet"), {
    views: [{ rightToLeft: lang === "fa", state: "frozen", ySplit: 1 }],
  });
  const width = headers.length;
  const head = ws.addRow([...headers, t(lang, "imports.failedRowColumn"), t(lang, "imports.failedReasonColumn")]);
  head.font = { bold: true };
  head.commit();
  if (reasons.size) {
    for await (const r of readRows(importFile(deps, run.storage_key), run.format, run.sheet)) {
      const why = reasons.get(r.row);
      if (!why) continue;
      const cells: (Cell | string | number)[] = [];
      for (let i = 0; i < width; i++) {
        const c = r.cells[i] ?? null;
        // Kept as the file had them (a number stays a number), so the office can fix and send it back.
        cells.push(c instanceof Date ? cellText(c) : c);
      }
      ws.addRow([...cells, r.row, reasonText(lang, headers, why)]).commit();
    }
  }
  ws.getColumn(width + 2).width = 60;
  ws.commit();
  await wb.commit();
  await done;
  const base = run.file_name.replace(/\.[^.]+$/, "");
  return { fileName: `${base}-${t(lang, "imports.failedFileSuffix")}.xlsx`, content: Buffer.concat(chunks) };
}
