/** The applicant's status page: pending, approved or rejected, with the reason; nothing else. */
import { call, element, fragmentToken, jalali, onLanguage, type Refused, showError, t } from "./kit";

type Status = {
  clusterName: string;
  status: "pending" | "approved" | "rejected";
  reason: string | null;
  submittedAt: string;
  decidedAt: string | null;
};

const chipText = (s: Status["status"]) =>
  s === "approved"
    ? t("applicationStatuses.approved")
    : s === "rejected"
      ? t("applicationStatuses.rejected")
      : t("applicationStatuses.pending");
const lineText = (s: Status["status"]) =>
  s === "approved"
    ? t("public.statusApproved")
    : s === "rejected"
      ? t("public.statusRejected")
      : t("public.statusPending");

export function startStatus(section: HTMLElement): void {
  const token = fragmentToken();
  if (!token) {
    onLanguage(() => showError(t("public.noToken")));
    return;
  }
  const body = element<HTMLElement>('[data-testid="status-body"]', section);
  const get = (id: string) => element<HTMLElement>(`[data-testid="${id}"]`, section);
  let status: Status | null = null;
  const draw = () => {
    if (!status) return;
    body.hidden = false;
    get("status-cluster").textContent = status.clusterName;
    const chip = get("status-chip");
    chip.textContent = chipText(status.status);
    chip.className = `chip ${status.status}`;
    get("status-text").textContent = lineText(status.status);
    get("status-submitted").textContent = jalali(status.submittedAt);
    for (const id of ["status-decided", "status-decided-label"]) get(id).hidden = !status.decidedAt;
    get("status-decided").textContent = status.decidedAt ? jalali(status.decidedAt) : "";
    for (const id of ["status-reason", "status-reason-label"]) get(id).hidden = !status.reason;
    get("status-reason").textContent = status.reason ?? "";
  };
  onLanguage(draw);
  const load = () =>
    call<Status>("/application-status", { token }).then(
      (s) => {
        status = s;
        draw();
      },
      (e: Refused) => showError(e.message),
    );
  void load();
}
