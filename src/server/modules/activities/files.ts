/**
 * Photos and documents of an activity, through the attachments module (its
 * content check by magic bytes, its storage, its download route): the
 * activity is an owner kind (`activity`, on the manifest), read by the
 * activity's readers and written by its managers. An activity takes fewer
 * kinds than the platform does: photos (JPEG, PNG, WebP) and documents
 * (PDF, Word, Excel, PowerPoint), no GIFs and no old binary Office files.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Actor } from "../../../core/permissions";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { badRequest } from "../../errors";
import { authorizeRecord, found } from "../../services/load";
import { type AttachmentDto, addAttachment, authorizeAttach } from "../attachments/service";
import { auditOnCluster } from "../audit/service";

export const ACTIVITY_FILE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "pdf", "docx", "xlsx", "pptx"] as const;

/** The activity's scope, for the attachments module (404 for an unknown activity). */
export async function activityScope(db: Kysely<DB>, id: string) {
  const a = found(
    await db.selectFrom("activities").select(["cluster_id", "province_code"]).where("id", "=", id).executeTakeFirst(),
  );
  return { provinceCode: a.province_code, clusterId: a.cluster_id };
}

/** Throws unless the caller may add files to the activity; checked before the upload's body is read. */
export async function authorizeActivityUpload(deps: Deps, actor: Actor | null, activityId: string): Promise<void> {
  await authorizeAttach(deps, actor, { type: "activity", id: activityId });
}

/**
 * Attaches a file to the activity: the extension must be one an activity
 * takes (400 `file_type_not_allowed`), then the attachments module checks
 * that the content is what the extension says (400 `file_type_mismatch`),
 * stores it and audits it.
 */
export async function addActivityFile(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  file: { fileName: string; content: Buffer },
): Promise<AttachmentDto> {
  const ext = path.extname(file.fileName).slice(1).toLowerCase();
  if (!(ACTIVITY_FILE_EXTENSIONS as readonly string[]).includes(ext)) throw badRequest("file_type_not_allowed");
  return addAttachment(deps, actor, { type: "activity", id: activityId }, file);
}

/** The activity's files, newest first, for its page (the caller's read already checked). */
export async function filesOfActivity(db: Kysely<DB>, activityId: string): Promise<AttachmentDto[]> {
  const rows = await db
    .selectFrom("attachments")
    .select(["id", "file_name", "mime", "size", "created_at"])
    .where("owner_type", "=", "activity")
    .where("owner_id", "=", activityId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    mime: r.mime,
    size: Number(r.size),
    createdAt: r.created_at,
  }));
}

/** Removes one of the activity's files (its managers; another owner's file is 404), audited; the bytes go after the commit. */
export async function removeActivityFile(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  attachmentId: string,
): Promise<void> {
  const storageKey = await deps.database.db.transaction().execute(async (trx) => {
    const scope = await activityScope(trx, activityId);
    const a = authorizeRecord(actor, scope, "activities.read", "activities.manage");
    const f = found(
      await trx
        .selectFrom("attachments")
        .select(["id", "file_name", "size", "mime", "storage_key"])
        .where("id", "=", attachmentId)
        .where("owner_type", "=", "activity")
        .where("owner_id", "=", activityId)
        .executeTakeFirst(),
    );
    await trx.deleteFrom("attachments").where("id", "=", f.id).execute();
    await auditOnCluster(
      trx,
      a,
      scope,
      { action: "activities.attachment.remove", type: "activity", id: activityId },
      { attachmentId: f.id, fileName: f.file_name, size: Number(f.size), mime: f.mime },
    );
    return f.storage_key;
  });
  await fs.rm(path.join(deps.config.attachmentsDir, storageKey), { force: true });
}

/**
 * Removes the rows of all the activity's files in the caller's transaction
 * (removing the activity) and returns where their bytes are, for
 * removeStoredFiles() after the commit.
 */
export async function detachActivityFiles(trx: Kysely<DB>, activityId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("attachments")
    .select("storage_key")
    .where("owner_type", "=", "activity")
    .where("owner_id", "=", activityId)
    .execute();
  if (rows.length > 0) {
    await trx
      .deleteFrom("attachments")
      .where("owner_type", "=", "activity")
      .where("owner_id", "=", activityId)
      .execute();
  }
  return rows.map((r) => r.storage_key);
}

/** Deletes stored files' bytes (after the commit that removed their rows; a file already gone is no error). */
export async function removeStoredFiles(deps: Deps, storageKeys: readonly string[]): Promise<void> {
  for (const key of storageKeys) await fs.rm(path.join(deps.config.attachmentsDir, key), { force: true });
}
