import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { FileDownload, IdParams, pageOf } from "../../../core/schemas/common";
import {
  ImportListQuery,
  ImportParams,
  ImportPreviewOut,
  ImportPreviewQuery,
  ImportProblemOut,
  ImportProblemsQuery,
  ImportRowOut,
  ImportRowsQuery,
  ImportRunOut,
  ImportSettings,
  ImportUploadQuery,
} from "../../../core/schemas/imports";
import { actorOf } from "../../app";
import { requireActor } from "../../auth/authorize";
import { AppError, badRequest } from "../../errors";
import { failedRowsWorkbook } from "./failed";
import {
  createRun,
  getRun,
  IMPORT_MAX_BYTES,
  importCluster,
  listProblems,
  listRows,
  listRuns,
  preview,
  startCheck,
  startImport,
  type Upload,
} from "./service";

const tags = ["imports"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const tooLarge = () => new AppError(413, "file_too_large", { maxMb: IMPORT_MAX_BYTES / 1048576 });

/**
 * Streams the request's one file to a temporary file under the data
 * directory (a 30 MB upload is never held in memory), with the imports'
 * own size limit instead of the attachments' one.
 */
async function receiveFile(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw badRequest("file_missing");
  const dir = path.join(req.server.deps.config.dataDir, "imports", "incoming");
  await fs.promises.mkdir(dir, { recursive: true });
  let upload: Upload | null = null;
  const cleanup = async () => {
    if (upload) await fs.promises.rm(upload.tmpFile, { force: true });
  };
  try {
    for await (const part of req.files({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } })) {
      if (upload) throw badRequest("too_many_files");
      const tmpFile = path.join(dir, randomUUID());
      upload = { fileName: part.filename, tmpFile, size: 0 };
      await pipeline(part.file, fs.createWriteStream(tmpFile));
      if (part.file.truncated) throw tooLarge();
      upload.size = (await fs.promises.stat(tmpFile)).size;
    }
  } catch (err) {
    await cleanup();
    if (err instanceof AppError) throw err;
    const code = (err as { code?: unknown } | null)?.code;
    if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
    if (code === "FST_FILES_LIMIT") throw badRequest("too_many_files");
    throw badRequest("multipart_invalid");
  }
  if (!upload) throw badRequest("file_missing");
  return upload;
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/clusters/:id/imports",
    {
      schema: {
        tags,
        operationId: "uploadImport",
        summary: "Upload a spreadsheet of enterprises or people to import into the cluster (multipart field `file`)",
        description:
          "For those who may import into the cluster (`import.run`: its manager, its province's admins, national admins; 403 for other readers of the cluster, 404 out of scope), checked before the body is read. The file is a .xlsx workbook or a .csv (UTF-8 with or without BOM, or Windows-1256; comma, semicolon or tab), at most 30 MB, checked by its content: anything else, whatever its name, answers 400 `import_not_spreadsheet`; over 30 MB 413 `file_too_large`. Returns the run (201) with its sheets; next: `previewImport`.",
        params: IdParams,
        querystring: ImportUploadQuery,
        consumes: ["multipart/form-data"],
        response: { 201: ImportRunOut },
      },
    },
    async (req, reply) => {
      requireActor(req.auth.actor);
      await importCluster(app.deps.database.db, actorOf(req), req.params.id);
      const upload = await receiveFile(req);
      try {
        const run = await createRun(app.deps, actorOf(req), req.params.id, req.query.kind, upload, req.lang);
        return reply.code(201).send(run);
      } finally {
        await fs.promises.rm(upload.tmpFile, { force: true });
      }
    },
  );

  app.get(
    "/clusters/:id/imports",
    {
      schema: {
        tags,
        operationId: "listImports",
        summary: "The cluster's imports, newest first",
        description: "For those who may import into the cluster (403 for other readers, 404 out of scope).",
        params: IdParams,
        querystring: ImportListQuery,
        response: { 200: pageOf(ImportRunOut) },
      },
    },
    async (req) => listRuns(app.deps, actorOf(req), req.params.id, req.query, req.lang),
  );

  app.get(
    "/imports/:id",
    {
      schema: {
        tags,
        operationId: "getImport",
        summary: "One import run: its state, progress and counts",
        description:
          "For those who may import into its cluster. Poll it while `state` is `checking` or `importing`: `processed` of `counts.total` rows are done. After a dry run (`checked`) the counts say what an import would do; after the import (`done`) what it did.",
        params: ImportParams,
        response: { 200: ImportRunOut },
      },
    },
    async (req) => getRun(app.deps, actorOf(req), req.params.id, req.lang),
  );

  app.get(
    "/imports/:id/preview",
    {
      schema: {
        tags,
        operationId: "previewImport",
        summary: "A sheet's first rows, its header row and the suggested column mapping",
        description:
          "The first 15 rows of the sheet (the first with content unless `sheet` is given) as text, so the header row can be picked; its columns with the header each has and the field it suggests (the mapping this cluster used last for the kind, then known Persian and English header names). Without `headerRow` the likeliest one is guessed. A sheet not in the file answers 400 `import_sheet_not_found`, a header row not among the first rows 400 `import_header_row_not_found`.",
        params: ImportParams,
        querystring: ImportPreviewQuery,
        response: { 200: ImportPreviewOut },
      },
    },
    async (req) => preview(app.deps, actorOf(req), req.params.id, req.query),
  );

  app.post(
    "/imports/:id/check",
    {
      schema: {
        tags,
        operationId: "checkImport",
        summary: "Dry run: read every row with this sheet, header row and mapping and report every problem",
        description:
          "Queues the dry run as a job and returns the run (`checking`); poll `getImport`, then read `listImportProblems`. Nothing is written to the cluster. The mapping is remembered for the cluster and kind. A required field left unmapped answers 400 `import_required_column_missing` on `mapping.<field>`; a column mapped twice, past the sheet or a field of the other kind 400 `import_mapping_invalid`; a run checking, importing or done 409 `import_busy`.",
        params: ImportParams,
        body: ImportSettings,
        response: { 200: ImportRunOut },
      },
    },
    async (req) => startCheck(app.deps, actorOf(req), req.params.id, req.body, req.lang),
  );

  app.post(
    "/imports/:id/apply",
    {
      schema: {
        tags,
        operationId: "applyImport",
        summary: "Import the good rows of a dry-run file, as a job",
        description:
          "Queues the import and returns the run (`importing`); poll `getImport` for progress. Rows are written in batches, each in its own transaction; a row whose enterprise (or person) the cluster holds — same company national ID, else same normalised name and city — updates it instead of adding a second. Before a dry run 409 `import_not_checked`; while one runs or after the import 409 `import_busy`. One audit entry with the counts is written when it ends.",
        params: ImportParams,
        response: { 200: ImportRunOut },
      },
    },
    async (req) => startImport(app.deps, actorOf(req), req.params.id, req.lang),
  );

  app.get(
    "/imports/:id/problems",
    {
      schema: {
        tags,
        operationId: "listImportProblems",
        summary: "The dry run's problems: row as Excel numbers it, column, value, what is wrong",
        description: "Paged, by row. Messages follow Accept-Language.",
        params: ImportParams,
        querystring: ImportProblemsQuery,
        response: { 200: pageOf(ImportProblemOut) },
      },
    },
    async (req) => listProblems(app.deps, actorOf(req), req.params.id, req.query, req.lang),
  );

  app.get(
    "/imports/:id/rows",
    {
      schema: {
        tags,
        operationId: "listImportRows",
        summary: "What the import did with each row: created, updated, skipped or failed (and why)",
        description: "Paged, by row; `outcome` keeps one kind.",
        params: ImportParams,
        querystring: ImportRowsQuery,
        response: { 200: pageOf(ImportRowOut) },
      },
    },
    async (req) => listRows(app.deps, actorOf(req), req.params.id, req.query, req.lang),
  );

  app.get(
    "/imports/:id/failed.xlsx",
    {
      schema: {
        tags,
        operationId: "downloadImportFailedRows",
        summary: "The failed rows back as a workbook with a reason column",
        description:
          "After a dry run: the rows it found problems in; after the import: the rows that failed. Each row's cells as the file had them, its row number in the file and the reason in the caller's language, right to left. Before a dry run 409 `import_not_checked`.",
        params: ImportParams,
        response: { 200: FileDownload(XLSX, "The failed rows, with their reasons") },
      },
    },
    async (req, reply) => {
      const f = await failedRowsWorkbook(app.deps, actorOf(req), req.params.id, req.lang);
      return reply
        .type(XLSX)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header("cache-control", "private, no-store")
        .send(f.content);
    },
  );
};
