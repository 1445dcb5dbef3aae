import type { ActorKind } from "../../../core/members";
import { EnterpriseCreateDialog } from "./EnterpriseFormDialog";
import { InstitutionCreateDialog } from "./InstitutionFormDialog";
import { PersonCreateDialog } from "./PersonFormDialog";

/** The new-record dialog of a kind, in the cluster the directory is filtered on (when it is). */
export function CreateActorDialog({
  kind,
  clusterId,
  onClose,
  onCreated,
}: {
  kind: ActorKind;
  clusterId: string | null;
  onClose: () => void;
  onCreated: (kind: ActorKind, id: string, name: string) => void;
}) {
  const done = (r: { kind: ActorKind; id: string; name: string }) => onCreated(r.kind, r.id, r.name);
  if (kind === "enterprise") return <EnterpriseCreateDialog clusterId={clusterId} onClose={onClose} onCreated={done} />;
  if (kind === "person") return <PersonCreateDialog clusterId={clusterId} onClose={onClose} onCreated={done} />;
  return <InstitutionCreateDialog clusterId={clusterId} onClose={onClose} onCreated={done} />;
}
