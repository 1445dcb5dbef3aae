import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { EnterpriseDetailOut } from "../../core/schemas/members";
import { api, type QueryValue } from "../app/api";
import { clusterName, clusterProvinceName } from "../app/lookups";
import type { Cluster, Enterprise, User } from "../app/types";
import { RemoteAutocomplete } from "./RemoteAutocomplete";

type EnterpriseDetail = z.infer<typeof EnterpriseDetailOut>;

/** What every picker takes: the id in and out, like a select. */
interface PickerProps<T> {
  value: string | null;
  onChange: (id: string | null, item: T | null) => void;
  label: string;
  testId?: string;
  error?: boolean;
  helperText?: ReactNode;
  disabled?: boolean;
  required?: boolean;
  placeholder?: string;
  /** The label of the current value when the caller already has it. */
  valueLabel?: string | null;
}

const enc = encodeURIComponent;

/** A cluster in the caller's scope, searched by name; `provinceCode` narrows to one province. */
export function ClusterPicker({
  provinceCode,
  secondary,
  ...props
}: PickerProps<Cluster> & {
  provinceCode?: string;
  /** The second line of each choice; the province by default. */
  secondary?: (c: Cluster) => string;
}) {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  const params: Record<string, QueryValue> = { provinceCode };
  return (
    <RemoteAutocomplete<Cluster>
      {...props}
      path="/clusters"
      params={params}
      getId={(c) => c.id}
      getLabel={(c) => clusterName(c, lng)}
      getSecondary={secondary ?? ((c) => clusterProvinceName(c, lng))}
      resolve={(id, signal) => api.get<Cluster>(`/clusters/${enc(id)}`, undefined, signal)}
    />
  );
}

/** An enterprise's profile as the pickers' list shows it (an id set from outside, e.g. a person's employer). */
function asListed(e: EnterpriseDetail): Enterprise {
  const home = e.memberships.find((m) => m.home);
  return {
    id: e.id,
    name: e.name,
    clusterId: e.homeClusterId,
    clusterName: home?.clusterName ?? "",
    provinceCode: home?.clusterProvinceCode ?? e.provinceCode ?? "",
  };
}

/** An enterprise in the caller's scope, searched by name; its cluster on the second line. */
export function EnterprisePicker({ clusterId, ...props }: PickerProps<Enterprise> & { clusterId?: string }) {
  return (
    <RemoteAutocomplete<Enterprise>
      {...props}
      path="/enterprises"
      params={{ clusterId }}
      getId={(e) => e.id}
      getLabel={(e) => e.name}
      getSecondary={(e) => e.clusterName}
      resolve={(id, signal) => api.get<EnterpriseDetail>(`/enterprises/${enc(id)}`, undefined, signal).then(asListed)}
    />
  );
}

/** A user account, searched by name or e-mail; `activeOnly` leaves out deactivated accounts. */
export function UserPicker({ activeOnly, ...props }: PickerProps<User> & { activeOnly?: boolean }) {
  return (
    <RemoteAutocomplete<User>
      {...props}
      path="/users"
      params={activeOnly ? { active: "true" } : undefined}
      getId={(u) => u.id}
      getLabel={(u) => u.name}
      getSecondary={(u) => u.email}
      resolve={(id, signal) => api.get<User>(`/users/${enc(id)}`, undefined, signal)}
    />
  );
}
