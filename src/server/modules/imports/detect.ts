/**
 * What an uploaded file really is, by its bytes and never by its name: an
 * .xlsx workbook (a zip whose central directory names [Content_Types].xml
 * and xl/workbook.xml — file-type calls exceljs's streamed .xlsx plain
 * `zip`, so the zip is looked into here), or a CSV (text: no NUL bytes, no
 * known binary signature). And the text encoding of a CSV: UTF-8 with or
 * without BOM, else Windows-1256 (Excel's «CSV» on Persian Windows).
 */
import type { FileHandle } from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";

export type SheetFormat = "xlsx" | "csv";

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;

/**
 * The names in a zip's central directory, read from the end of the file
 * (the End Of Central Directory record, at most 64 KB of comment before the
 * end). Null when it is not a readable zip.
 */
export async function zipEntryNames(fh: FileHandle, size: number): Promise<string[] | null> {
  const tailLen = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLen);
  await fh.read(tail, 0, tailLen, size - tailLen);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  // ZIP64 (0xFFFFFFFF) and directories bigger than any workbook this takes are not spreadsheets here.
  if (cdOffset + cdSize > size || cdSize > 8 * 1024 * 1024) return null;
  const cd = Buffer.alloc(cdSize);
  await fh.read(cd, 0, cdSize, cdOffset);
  const names: string[] = [];
  let p = 0;
  for (let i = 0; i < entries && p + 46 <= cd.length; i++) {
    if (cd.readUInt32LE(p) !== CEN_SIG) return null;
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    names.push(cd.toString("utf8", p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** The file's format by content, or null when it is neither a workbook nor text. */
export async function detectFormat(fh: FileHandle, size: number): Promise<SheetFormat | null> {
  const headLen = Math.min(size, 64 * 1024);
  const head = Buffer.alloc(headLen);
  await fh.read(head, 0, headLen, 0);
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) {
    const names = await zipEntryNames(fh, size);
    return names?.includes("[Content_Types].xml") && names.includes("xl/workbook.xml") ? "xlsx" : null;
  }
  // A text file: no NUL byte (UTF-16 and binaries have them) and nothing file-type recognises.
  if (head.includes(0)) return null;
  if (await fileTypeFromBuffer(head)) return null;
  return "csv";
}

export type TextEncoding = "utf8" | "windows-1256";

/** UTF-8 when the bytes are valid UTF-8 (a BOM or not), else Windows-1256. */
export function detectEncoding(sample: Buffer): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf8";
  // A multi-byte character cut at the end of the sample is not a reason to call it 1256.
  let end = sample.length;
  for (let i = end - 1; i >= Math.max(0, end - 4); i--) {
    const b = sample[i]!;
    if ((b & 0xc0) === 0x80) continue;
    // The last lead byte: cut only if its character needs more bytes than the sample has.
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (i + len > end) end = i;
    break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, end));
    return "utf8";
  } catch {
    return "windows-1256";
  }
}
