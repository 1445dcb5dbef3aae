/**
 * A public registrant's status page (/registration#<token>): the activity,
 * the status, the place in the waiting line, an offer's end, and once the
 * seat is theirs the ticket's QR code; buttons to take an offered seat and
 * to cancel (leave the list or give the seat back, which the server offers
 * to the next waiting).
 */
import { call, element, fragmentToken, onLanguage, type Refused, showError, t } from "./kit";
import { count, daysText } from "./register";

type Status = "pending" | "accepted" | "waitlisted" | "offered" | "rejected" | "cancelled";
type Page = {
  activityTitle: string;
  startDate: string;
  endDate: string;
  place: string | null;
  online: boolean;
  onlineLink: string | null;
  name: string;
  status: Status;
  position: number | null;
  offeredUntil: string | null;
  ticket: { code: string; qrSvg: string } | null;
};

// Each key written out in a t("…") call: the build gives the page only the strings its scripts name.
const textOf = (s: Status) =>
  s === "accepted"
    ? t("publicPages.textAccepted")
    : s === "waitlisted"
      ? t("publicPages.textWaitlisted")
      : s === "offered"
        ? t("publicPages.textOffered")
        : s === "pending"
          ? t("publicPages.textPending")
          : s === "rejected"
            ? t("publicPages.textRejected")
            : t("publicPages.textCancelled");
const chipOf = (s: Status) =>
  s === "accepted"
    ? t("registrationStatuses.accepted")
    : s === "waitlisted"
      ? t("registrationStatuses.waitlisted")
      : s === "offered"
        ? t("registrationStatuses.offered")
        : s === "pending"
          ? t("registrationStatuses.pending")
          : s === "rejected"
            ? t("registrationStatuses.rejected")
            : t("registrationStatuses.cancelled");

/** An instant as a Jalali date and time in Tehran, in the page's language. */
const moment = (iso: string) =>
  new Intl.DateTimeFormat(document.documentElement.lang === "en" ? "en-US-u-ca-persian" : "fa-IR-u-ca-persian", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Asia/Tehran",
  }).format(new Date(iso));

export function startRegistration(section: HTMLElement): void {
  const token = fragmentToken();
  if (!token) {
    onLanguage(() => showError(t("public.noToken")));
    return;
  }
  const get = <T extends HTMLElement = HTMLElement>(id: string) => element<T>(`[data-testid="${id}"]`, section);
  const accept = get<HTMLButtonElement>("registration-accept");
  const cancel = get<HTMLButtonElement>("registration-cancel");
  let page: Page | null = null;
  const show = (ids: string[], on: boolean) => {
    for (const id of ids) get(id).hidden = !on;
  };
  const draw = () => {
    if (!page) return;
    get("registration-body").hidden = false;
    get("registration-activity").textContent = page.activityTitle;
    get("registration-dates").textContent = daysText(page);
    const where = [page.place, page.online ? t("publicPages.online") : null].filter(Boolean).join(" · ");
    show(["registration-place", "registration-place-label"], !!where);
    get("registration-place").textContent = where;
    get("registration-name").textContent = page.name;
    const chip = get("registration-chip");
    chip.textContent = chipOf(page.status);
    chip.className = `chip ${page.status}`;
    show(["registration-position", "registration-position-label"], page.position !== null);
    get("registration-position").textContent = page.position === null ? "" : count(page.position);
    show(["registration-until", "registration-until-label"], !!page.offeredUntil);
    get("registration-until").textContent = page.offeredUntil ? moment(page.offeredUntil) : "";
    show(["registration-link-row", "registration-link-label"], !!page.onlineLink);
    const link = get<HTMLAnchorElement>("registration-link");
    link.href = page.onlineLink ?? "/";
    link.textContent = page.onlineLink ?? "";
    get("registration-text").textContent = textOf(page.status);
    const ticket = get("registration-ticket");
    ticket.hidden = !page.ticket;
    if (page.ticket) {
      // The server's SVG as an image, never as markup in the page.
      get<HTMLImageElement>("registration-qr").src =
        `data:image/svg+xml;charset=utf-8,${encodeURIComponent(page.ticket.qrSvg)}`;
      get("registration-code").textContent = page.ticket.code;
    }
    accept.hidden = page.status !== "offered";
    const live = page.status !== "rejected" && page.status !== "cancelled";
    cancel.hidden = !live;
    get("registration-cancel-text").textContent =
      page.status === "waitlisted" ? t("publicPages.leaveList") : t("publicPages.cancel");
  };
  onLanguage(draw);
  const settle = (request: Promise<Page>) =>
    request.then(
      (p) => {
        page = p;
        showError(null);
        draw();
      },
      (e: Refused) => showError(e.message),
    );
  void settle(call<Page>(`/registrations/${token}`));

  accept.addEventListener("click", () => {
    accept.disabled = true;
    void settle(call<Page>(`/registrations/${token}/accept-offer`, {})).finally(() => {
      accept.disabled = false;
    });
  });
  cancel.addEventListener("click", () => {
    if (!window.confirm(t("publicPages.confirmCancel"))) return;
    cancel.disabled = true;
    void settle(call<Page>(`/registrations/${token}/cancel`, {})).finally(() => {
      cancel.disabled = false;
    });
  });
}
