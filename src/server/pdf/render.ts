/**
 * PDF documents: a Typst template owned by a module plus JSON data → a PDF.
 *
 * - Templates are `.typ` files under `src/server` (the Typst root), normally
 *   beside the module that owns the document, and start with
 *   `#import "/pdf/khooshe.typ": *` for the page, the letterhead, the page
 *   numbers and the Persian blocks.
 * - Data never becomes Typst source: it goes in as one JSON string in
 *   `sys.inputs.data`, which the kit decodes with `json(bytes(…))`, so a name
 *   containing `#`, `$`, `*` or `]` is printed as typed.
 * - Fonts come only from the `vazirmatn` npm package (loaded as memory blobs;
 *   the kit sets `fallback: false`, so no system font is ever used even where
 *   one exists), and templates import no Typst packages, so nothing is fetched.
 * - One compiler per process, created on first use: creating one parses the
 *   fonts and scans the system's font directories (tens of ms), a warm render
 *   of a one-page record takes a few ms (bench/pdf.ts measures both).
 *
 * Compiling is synchronous native code on the calling thread; a render blocks
 * the event loop for its duration, which is why large documents belong on the
 * job queue rather than in a request.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import { TEMPLATE_ROOT } from "../paths";

/** The weights the kit uses (regular text, headings and labels). */
const FONT_FILES = ["Vazirmatn-Regular.ttf", "Vazirmatn-Medium.ttf", "Vazirmatn-Bold.ttf"];

function fontDir(): string {
  const pkg = createRequire(import.meta.url).resolve("vazirmatn/package.json");
  return path.join(path.dirname(pkg), "fonts", "ttf");
}

let compiler: NodeCompiler | null = null;
/** Renders since the last cache eviction. */
let sinceEvict = 0;
/** Typst memoises across compilations in a global cache; evicting old entries now and then bounds it. */
const EVICT_EVERY = 20;

function getCompiler(): NodeCompiler {
  if (!compiler) {
    const dir = fontDir();
    compiler = NodeCompiler.create({
      workspace: TEMPLATE_ROOT,
      fontArgs: [{ fontBlobs: FONT_FILES.map((f) => fs.readFileSync(path.join(dir, f))) }],
    });
  }
  return compiler;
}

export interface RenderPdfInput {
  /** The template: a path under src/server (`modules/clusters/record.typ`) or an absolute path inside it. */
  template: string;
  /** Anything JSON can carry; the template reads it as `data` from the kit. */
  data: unknown;
  /** The PDF's creation date (its metadata); now by default. */
  createdAt?: Date;
}

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
  /** Wall time of the compilation and the PDF export, in milliseconds. */
  ms: number;
}

export class PdfRenderError extends Error {
  override name = "PdfRenderError";
}

function templatePath(template: string): string {
  const abs = path.resolve(TEMPLATE_ROOT, template);
  const rel = path.relative(TEMPLATE_ROOT, abs);
  if (rel.startsWith("..") || path.isAbsolute(rel) || !abs.endsWith(".typ")) {
    throw new PdfRenderError(`template outside ${TEMPLATE_ROOT}: ${template}`);
  }
  if (!fs.existsSync(abs)) throw new PdfRenderError(`template not found: ${rel}`);
  return abs;
}

function describe(diagnostics: unknown): string {
  if (!Array.isArray(diagnostics) || diagnostics.length === 0) return "unknown error";
  return diagnostics
    .map((d: { message?: string; path?: string; range?: string }) =>
      [d.path, d.range, d.message].filter(Boolean).join(" "),
    )
    .join("; ");
}

/** Renders a template with its data to PDF bytes. Throws PdfRenderError when the template does not compile. */
export async function renderPdf(input: RenderPdfInput): Promise<RenderedPdf> {
  const mainFilePath = templatePath(input.template);
  const inputs = { data: JSON.stringify(input.data ?? null) };
  const c = getCompiler();
  const started = performance.now();
  const result = c.compile({ mainFilePath, inputs });
  const doc = result.result;
  if (!doc || result.hasError()) {
    const err = result.takeError();
    throw new PdfRenderError(`${path.relative(TEMPLATE_ROOT, mainFilePath)}: ${describe(err?.shortDiagnostics)}`);
  }
  const pdf = c.pdf(doc, { creationTimestamp: Math.floor((input.createdAt ?? new Date()).getTime() / 1000) });
  const ms = performance.now() - started;
  if (++sinceEvict >= EVICT_EVERY) {
    sinceEvict = 0;
    c.evictCache(10);
  }
  return { pdf, pages: doc.numOfPages, ms };
}

/** Drops this process's compiler (the next render creates a new one); for measurements. */
export function resetPdfCompiler() {
  compiler = null;
  sinceEvict = 0;
}
