import type { ClusterSectionProps } from "../../modules/module";
import { MembersSection } from "./MembersSection";

/** The cluster's steering council on the cluster page. */
export default function CouncilSection({ cluster }: ClusterSectionProps) {
  return (
    <MembersSection
      path={`/clusters/${encodeURIComponent(cluster.id)}/council`}
      kind="council"
      canManage={cluster.can.manageGovernance}
    />
  );
}
