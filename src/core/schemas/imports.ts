/**
 * Importing enterprises and people into a cluster from the spreadsheets
 * offices keep (modules/imports): upload a .xlsx or .csv, pick the sheet and
 * the header row, map columns to fields, dry-run, import as a job, read the
 * outcome row by row.
 */
import { z } from "zod";
import { Id, Paging, queryInt } from "./common";

export const IMPORT_KINDS = ["enterprise", "person"] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKindName = (typeof IMPORT_KINDS)[number];

/** What a column can hold, which decides how its cells are read. */
export type FieldType =
  | "text"
  | "companyId"
  | "personId"
  | "int"
  | "number"
  | "date"
  | "mobile"
  | "phone"
  | "postal"
  | "url"
  | "list"
  | "email";

export interface FieldDef {
  id: string;
  type: FieldType;
  required?: boolean;
  /** The longest text kept, in characters. */
  max?: number;
}

/** The fields of each kind, in the order the mapping step shows them. Labels: importFields.<id>. */
export const IMPORT_FIELDS = {
  enterprise: [
    { id: "name", type: "text", required: true, max: 300 },
    { id: "nationalId", type: "companyId" },
    { id: "city", type: "text", max: 100 },
    { id: "address", type: "text", max: 500 },
    { id: "postalCode", type: "postal" },
    { id: "phone", type: "phone" },
    { id: "mobile", type: "mobile" },
    { id: "email", type: "email" },
    { id: "website", type: "url" },
    { id: "contactPerson", type: "text", max: 200 },
    { id: "employeesIndustrial", type: "int" },
    { id: "employeesGuild", type: "int" },
    { id: "capacity", type: "number" },
    { id: "capacityUnit", type: "text", max: 50 },
    { id: "products", type: "list" },
    { id: "joinedOn", type: "date" },
  ],
  person: [
    { id: "name", type: "text", required: true, max: 200 },
    { id: "nationalId", type: "personId" },
    { id: "mobile", type: "mobile" },
    { id: "email", type: "email" },
    { id: "city", type: "text", max: 100 },
    { id: "jobTitle", type: "text", max: 200 },
    { id: "skills", type: "list" },
    { id: "enterpriseNationalId", type: "companyId" },
  ],
} as const satisfies Record<ImportKindName, readonly FieldDef[]>;

export type ImportFieldId = (typeof IMPORT_FIELDS)[ImportKindName][number]["id"];
const ALL_FIELD_IDS = [...new Set([...IMPORT_FIELDS.enterprise, ...IMPORT_FIELDS.person].map((f) => f.id))] as [
  ImportFieldId,
  ...ImportFieldId[],
];
export const ImportField = z.enum(ALL_FIELD_IDS);

export const IMPORT_STATES = ["uploaded", "checking", "checked", "importing", "done", "failed"] as const;
export const ImportState = z.enum(IMPORT_STATES);

/** A column index (0 = the sheet's first column, A) for each mapped field; unmapped fields are left out. */
export const ImportMapping = z.partialRecord(ImportField, z.number().int().min(0).max(499));
export type ImportMappingValue = z.infer<typeof ImportMapping>;

export const ImportParams = z.strictObject({ id: Id });
export const ImportUploadQuery = z.strictObject({ kind: ImportKind });

/** The sheet, the header row and the mapping a dry run and an import read the file with. */
export const ImportSettings = z.strictObject({
  sheet: z.string().min(1).max(200),
  /** The header row as Excel numbers it (1 = the first row). */
  headerRow: z.number().int().min(1).max(50),
  mapping: ImportMapping,
});

export const ImportPreviewQuery = z.strictObject({
  sheet: z.string().min(1).max(200).optional(),
  headerRow: queryInt(1, 50).optional(),
});

export const ImportSheetOut = z.object({
  name: z.string(),
  /** Rows with anything in them, header block included. */
  rows: z.number(),
});

export const ImportCountsOut = z.object({
  /** Data rows read below the header (blank rows not counted). */
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  failed: z.number(),
  /** Blank rows passed over. */
  blank: z.number(),
});

export const ImportRunOut = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  kind: ImportKind,
  fileName: z.string(),
  format: z.enum(["xlsx", "csv"]),
  size: z.number(),
  state: ImportState,
  sheets: z.array(ImportSheetOut),
  sheet: z.string().nullable(),
  headerRow: z.number().nullable(),
  mapping: ImportMapping.nullable(),
  /** Rows gone through by the running dry run or import, of `counts.total` (known once a dry run ended). */
  processed: z.number(),
  /** After a dry run: what an import would do (created/updated are «would create/update»); after an import: what it did. */
  counts: ImportCountsOut,
  /** The problems the dry run found, in all (the first ones are in `problems`). */
  problemsTotal: z.number(),
  /** Why the run's job failed, in the caller's language. */
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRunDto = z.infer<typeof ImportRunOut>;

export const ImportColumnOut = z.object({
  index: z.number(),
  /** The column as Excel names it: A, B, … AA. */
  letter: z.string(),
  header: z.string(),
  /** The field the header suggests (the cluster's remembered mapping first, then known header names). */
  suggested: ImportField.nullable(),
});

export const ImportPreviewOut = z.object({
  sheet: z.string(),
  headerRow: z.number(),
  /** The first rows of the sheet as text, header block included, so the header row can be picked. */
  top: z.array(z.object({ row: z.number(), cells: z.array(z.string()) })),
  columns: z.array(ImportColumnOut),
  /** The suggested mapping as a whole (remembered for this cluster and kind, else from header names). */
  mapping: ImportMapping,
});

export const ImportProblemOut = z.object({
  /** The row as Excel numbers it. */
  row: z.number(),
  /** The column letter and header, when the problem is one cell's. */
  column: z.string().nullable(),
  header: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  /** What is wrong, in the caller's language. */
  message: z.string(),
});
export type ImportProblemDto = z.infer<typeof ImportProblemOut>;

export const ImportProblemsQuery = z.strictObject({ ...Paging });

export const IMPORT_OUTCOMES = ["created", "updated", "skipped", "failed"] as const;
export const ImportOutcome = z.enum(IMPORT_OUTCOMES);

export const ImportRowsQuery = z.strictObject({ outcome: ImportOutcome.optional(), ...Paging });

export const ImportRowOut = z.object({
  row: z.number(),
  outcome: ImportOutcome,
  /** The name the row gave. */
  label: z.string().nullable(),
  actorId: z.string().nullable(),
  /** Why it was skipped or failed, in the caller's language. */
  reason: z.string().nullable(),
});

export const ImportListQuery = z.strictObject({ ...Paging });
