/**
 * Rows out of a stored upload, streamed: exceljs's streaming workbook reader
 * for .xlsx (shared strings and styles cached, so Excel dates arrive as
 * dates; the sheet's rows never all in memory), papaparse over a decoding
 * stream for .csv (Windows-1256 through iconv-lite). A 100,000-row file is
 * read in the server's 128 MB heap.
 */
import fs from "node:fs";
import { PassThrough, type Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { type Cell, cellText, isBlank, plainCell } from "./cells";
import { detectEncoding, type SheetFormat } from "./detect";

export interface SourceRow {
  /** As Excel numbers it (the CSV's line, counting the first as 1). */
  row: number;
  cells: Cell[];
}

/** What the upload step learns of each sheet: its name, rows with content, and its first rows as text. */
export interface SheetInfo {
  name: string;
  rows: number;
  top: { row: number; cells: string[] }[];
}

/** The one sheet a CSV is. */
export const CSV_SHEET = "CSV";
const TOP_ROWS = 15;
const TOP_COLUMNS = 60;
const MAX_COLUMNS = 500;

/** Decodes UTF-8 chunks keeping a character split between two chunks whole. */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const c of chunks) {
    const s = typeof c === "string" ? c : decoder.write(c);
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

type ReaderInternals = {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): AsyncGenerator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
};
const BaseReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: string,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => ExcelJS.stream.xlsx.WorkbookReader & ReaderInternals;

/**
 * exceljs 4.4's streaming reader decodes each inflated chunk on its own
 * (utils/parse-sax.js), so a Persian letter or digit (two bytes in UTF-8)
 * that falls on a chunk boundary becomes two U+FFFD: in a 20,000-row sheet
 * about one cell in 1,700. Its shared strings and sheets are handed to it
 * already decoded, whole characters only.
 */
class Utf8WorkbookReader extends BaseReader {
  override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return super._parseWorksheet(utf8Chunks(iterator), sheetNo);
  }
  override _parseSharedStrings(entry: NodeJS.ReadableStream) {
    entry.setEncoding("utf8");
    return super._parseSharedStrings(entry);
  }
}

async function* xlsxSheets(file: string): AsyncGenerator<{ name: string; rows: AsyncIterable<SourceRow> }> {
  const reader = new Utf8WorkbookReader(file, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  for await (const sheet of reader) {
    const ws = sheet as unknown as AsyncIterable<{ number: number; values: unknown[] }> & { name: string };
    async function* rows(): AsyncGenerator<SourceRow> {
      for await (const r of ws) {
        const values = Array.isArray(r.values) ? r.values : [];
        const cells: Cell[] = [];
        for (let i = 1; i < Math.min(values.length, MAX_COLUMNS + 1); i++) cells.push(plainCell(values[i]));
        yield { row: r.number, cells };
      }
    }
    yield { name: ws.name, rows: rows() };
  }
}

async function csvStream(file: string): Promise<Readable> {
  const fh = await fs.promises.open(file, "r");
  const sample = Buffer.alloc(64 * 1024);
  const { bytesRead } = await fh.read(sample, 0, sample.length, 0);
  await fh.close();
  const encoding = detectEncoding(sample.subarray(0, bytesRead));
  const raw = fs.createReadStream(file);
  const text =
    encoding === "utf8"
      ? raw.pipe(iconv.decodeStream("utf8", { stripBOM: true }))
      : raw.pipe(iconv.decodeStream("windows-1256"));
  return text.pipe(new PassThrough({ objectMode: false }));
}

async function* csvRows(file: string): AsyncGenerator<SourceRow> {
  const text = await csvStream(file);
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    delimitersToGuess: [",", ";", "\t"],
    skipEmptyLines: false,
  }) as unknown as NodeJS.ReadWriteStream;
  text.pipe(parser);
  let row = 0;
  for await (const fields of parser as unknown as AsyncIterable<string[]>) {
    row++;
    yield { row, cells: fields.slice(0, MAX_COLUMNS).map((f) => (f === "" ? null : f)) };
  }
}

/** The rows of one sheet (the CSV's only one), in order. Rows exceljs holds no cell for are not yielded. */
export async function* readRows(file: string, format: SheetFormat, sheet: string): AsyncGenerator<SourceRow> {
  if (format === "csv") {
    yield* csvRows(file);
    return;
  }
  for await (const s of xlsxSheets(file)) {
    if (s.name !== sheet) continue;
    yield* s.rows;
    // The workbook reader is left here: later sheets need not be read.
    return;
  }
}

function topOf(r: SourceRow) {
  return { row: r.row, cells: r.cells.slice(0, TOP_COLUMNS).map(cellText) };
}

/** Every sheet with its row count and first rows: one pass over the file at upload. */
export async function inspect(file: string, format: SheetFormat): Promise<SheetInfo[]> {
  const out: SheetInfo[] = [];
  const take = async (name: string, rows: AsyncIterable<SourceRow>) => {
    const info: SheetInfo = { name, rows: 0, top: [] };
    for await (const r of rows) {
      if (r.cells.every(isBlank)) continue;
      info.rows++;
      if (info.top.length < TOP_ROWS) info.top.push(topOf(r));
    }
    out.push(info);
  };
  if (format === "csv") await take(CSV_SHEET, csvRows(file));
  else for await (const s of xlsxSheets(file)) await take(s.name, s.rows);
  return out;
}
