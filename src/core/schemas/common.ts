/**
 * The primitives every module's API shapes are built from (src/core/schemas/
 * <module>.ts): ids, dates, paging, names, the list and problem envelopes.
 * Shared by the server (validation and OpenAPI) and the web app (forms, and
 * its types through z.infer).
 */
import { z } from "zod";
import { DATE_MAX, DATE_MIN } from "../jalali";
import { ROLES } from "../permissions";

export const Id = z.uuid();

/**
 * An ISO calendar date inside [DATE_MIN, DATE_MAX]. The refinement carries an
 * app error code (params.code) so the error handler words it like the app's
 * own errors, in the caller's language.
 */
export const IsoDate = z.iso
  .date()
  .refine((d) => d >= DATE_MIN && d <= DATE_MAX, { params: { code: "date_out_of_range" } });

/** A non-negative decimal integer in a query string: "16", never "0x10", "1e1" or " 16". */
export function queryInt(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** A yes/no filter in a query string, read as a boolean ("true" or "false", nothing else). */
export const QueryBool = z.enum(["true", "false"]).transform((v) => v === "true");

export const Locale = z.enum(["fa", "en"]);
export const RoleSchema = z.enum(ROLES);
export const ProvinceCode = z.string().regex(/^IR-\d{2}$/);

export const Paging = {
  limit: queryInt(1, 200).default(50),
  offset: queryInt(0, 10_000_000).default(0),
};
export const Order = z.enum(["asc", "desc"]).default("asc");
/** A list position from a previous page's `nextCursor` (keyset paging): opaque, base64url. */
export const Cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,1000}$/)
  .describe(
    "The `nextCursor` of the previous page: the next page starts after its last row (keyset paging; give no `offset` with it). The sort, order and filters must be the page's own; a cursor from another sort is refused (400 `invalid_cursor`).",
  );
export const SearchText = z.string().trim().max(200);

export const Email = z.string().trim().max(254).pipe(z.email());
export const Password = z.string().min(1).max(200);
export const PersonName = z.string().trim().min(1).max(200);

/** A record named by its id in the path (/users/:id, /clusters/:id, …). */
export const IdParams = z.strictObject({ id: Id });
/** A province named by its code in the path (/provinces/:code/…). */
export const ProvinceParams = z.strictObject({ code: ProvinceCode });

/** A list answer: one page of items and how many match in all. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number() });
}
/** What pageOf(item) answers, for an item type: Page<User> is { items: User[]; total: number }. */
export type Page<T> = z.infer<ReturnType<typeof pageOf<z.ZodType<T>>>>;

/**
 * A list answer filtered by a text search: a page, the total up to a cap,
 * and whether more rows match than the cap counted.
 */
export function searchPageOf<T extends z.ZodType>(item: T) {
  return pageOf(item).extend({
    totalCapped: z
      .boolean()
      .describe(
        "True when more rows match than were counted: `total` is then the cap (1,000) and the pages go on past it.",
      ),
  });
}
export type SearchPage<T> = Page<T> & { totalCapped: boolean };

/** A list answer that can also be read by cursor: a page, the total, and where the next page starts. */
export function cursorPageOf<T extends z.ZodType>(item: T) {
  return pageOf(item).extend({
    nextCursor: z
      .string()
      .nullable()
      .describe("Pass as `cursor` for the page after this one (same sort and filters); null on the last page."),
  });
}
export type CursorPage<T> = Page<T> & { nextCursor: string | null };

/** A 204's empty body, described for the API document. */
export const NoContent = (description: string) => z.null().describe(description);

/**
 * A file download's success response: binary content of one media type (an
 * attachment's is any type, its own), with its Content-Disposition. The
 * handler sends a Buffer, which is not serialised; this only documents it.
 */
export function FileDownload(mediaType: string, description: string, disposition = "attachment, with the file's name") {
  return z.unknown().meta({
    description,
    content: { [mediaType]: { schema: { type: "string", format: "binary" } } },
    headers: { "content-disposition": { type: "string", description: disposition } },
  });
}

export const ProblemOut = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
