/**
 * One attachment service for every module: files are stored under the data
 * directory (or ATTACHMENTS_DIR), their type is checked by content (magic
 * bytes) against the name's extension, and a file is served only to those who
 * may see the record it belongs to.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Actor, Scope } from "../../../core/permissions";
import type { AttachmentOut } from "../../../core/schemas/attachments";
import type { Page } from "../../../core/schemas/common";
import { stripBidiControls, textProblem } from "../../../core/text";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { AppError, badRequest } from "../../errors";
import { authorizeRecord, found } from "../../services/load";
import { writeAudit } from "../audit/service";
import { attachmentOwners } from "../index";
import type { AttachmentOwner } from "../module";

/** Record kinds that can own attachments; later modules add theirs here. */
/** A record kind that owns attachments, as some module's manifest declares it (attachmentOwners). */
export type OwnerType = string;

/** The owner kind's scope and rights, or 404 for a kind no module declares. */
function ownerKind(type: OwnerType): AttachmentOwner {
  return found(attachmentOwners()[type]);
}

/** Extension → the type file-type must detect in the content. */
const ALLOWED: Record<string, { detected: string; mime: string }> = {
  pdf: { detected: "pdf", mime: "application/pdf" },
  docx: { detected: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  xlsx: { detected: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  pptx: { detected: "pptx", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  doc: { detected: "cfb", mime: "application/msword" },
  xls: { detected: "cfb", mime: "application/vnd.ms-excel" },
  ppt: { detected: "cfb", mime: "application/vnd.ms-powerpoint" },
  png: { detected: "png", mime: "image/png" },
  jpg: { detected: "jpg", mime: "image/jpeg" },
  jpeg: { detected: "jpg", mime: "image/jpeg" },
  gif: { detected: "gif", mime: "image/gif" },
  webp: { detected: "webp", mime: "image/webp" },
};

export type AttachmentDto = z.infer<typeof AttachmentOut>;

/** The longest file name kept, in characters; longer names lose the end of their stem, never their extension. */
const MAX_FILE_NAME = 200;

/**
 * Keeps the name a user gave, minus path parts and bidi controls (which can
 * make «invoice\u202Eexe.png» read as «invoicegnp.exe»). Control characters
 * and broken Unicode are refused, like in any other text.
 */
export function safeFileName(name: string): string {
  if (textProblem(name)) throw new AppError(400, "invalid_characters", {}, [{ path: "body.file" }]);
  const base = stripBidiControls(path.basename(name.replace(/\\/g, "/"))).trim();
  const chars = Array.from(base || "file");
  if (chars.length <= MAX_FILE_NAME) return chars.join("");
  const ext = Array.from(path.extname(base));
  // An "extension" as long as the limit is no extension: cut the whole name.
  if (ext.length >= MAX_FILE_NAME / 2) return chars.slice(0, MAX_FILE_NAME).join("");
  return chars.slice(0, MAX_FILE_NAME - ext.length).join("") + ext.join("");
}

export async function checkFileType(fileName: string, content: Buffer): Promise<{ mime: string }> {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const allowed = ALLOWED[ext];
  if (!allowed) throw badRequest("file_type_not_allowed");
  const detected = await fileTypeFromBuffer(content);
  if (!detected || detected.ext !== allowed.detected) throw badRequest("file_type_mismatch");
  return { mime: allowed.mime };
}

/** Throws unless the actor may attach files to the owner; checked before an upload's body is read. */
export async function authorizeAttach(
  deps: Deps,
  actor: Actor | null,
  owner: { type: OwnerType; id: string },
  db: Kysely<DB> = deps.database.db,
): Promise<{ scope: Scope; actor: Actor }> {
  const kind = ownerKind(owner.type);
  const scope = await kind.scope(db, owner.id);
  return { scope, actor: authorizeRecord(actor, scope, kind.read, kind.write) };
}

export async function addAttachment(
  deps: Deps,
  actor: Actor | null,
  owner: { type: OwnerType; id: string },
  file: { fileName: string; content: Buffer },
  db: Kysely<DB> = deps.database.db,
): Promise<AttachmentDto> {
  const { scope, actor: a } = await authorizeAttach(deps, actor, owner, db);
  if (file.content.length === 0) throw badRequest("file_missing");
  if (file.content.length > deps.config.attachmentMaxBytes) {
    throw new AppError(413, "file_too_large", { maxMb: Math.round(deps.config.attachmentMaxBytes / 1048576) });
  }
  const fileName = safeFileName(file.fileName);
  const { mime } = await checkFileType(fileName, file.content);
  const id = randomUUID();
  const now = nowIso();
  const storageKey = path.posix.join(now.slice(0, 4), now.slice(5, 7), id);
  const target = path.join(deps.config.attachmentsDir, storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, file.content, { flag: "wx" });
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("attachments")
        .values({
          id,
          owner_type: owner.type,
          owner_id: owner.id,
          province_code: scope.provinceCode ?? null,
          cluster_id: scope.clusterId ?? null,
          file_name: fileName,
          mime,
          size: file.content.length,
          sha256: createHash("sha256").update(file.content).digest("hex"),
          storage_key: storageKey,
          created_at: now,
          created_by: a.userId,
        })
        .execute();
      await writeAudit(trx, a, {
        action: "attachment.add",
        targetType: owner.type,
        targetId: owner.id,
        provinceCode: scope.provinceCode,
        clusterId: scope.clusterId,
        summary: { attachmentId: id, fileName, size: file.content.length, mime },
      });
    });
  } catch (e) {
    await fs.rm(target, { force: true });
    throw e;
  }
  return { id, fileName, mime, size: file.content.length, createdAt: now };
}

export async function listAttachments(
  deps: Deps,
  actor: Actor | null,
  owner: { type: OwnerType; id: string },
): Promise<Page<AttachmentDto>> {
  const db = deps.database.db;
  const kind = ownerKind(owner.type);
  authorizeRecord(actor, await kind.scope(db, owner.id), kind.read);
  const rows = await db
    .selectFrom("attachments")
    .select(["id", "file_name", "mime", "size", "created_at"])
    .where("owner_type", "=", owner.type)
    .where("owner_id", "=", owner.id)
    .orderBy("created_at", "desc")
    .execute();
  const items: AttachmentDto[] = rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    mime: r.mime,
    size: Number(r.size),
    createdAt: r.created_at,
  }));
  return { items, total: items.length };
}

export async function openAttachment(deps: Deps, actor: Actor | null, id: string) {
  const db = deps.database.db;
  const row = found(await db.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst());
  const kind = ownerKind(row.owner_type);
  authorizeRecord(actor, await kind.scope(db, row.owner_id), kind.read);
  const content = await fs.readFile(path.join(deps.config.attachmentsDir, row.storage_key));
  return { fileName: row.file_name, mime: row.mime, content };
}
