/**
 * The certificate check (/verify#<code>, or /verify with a code box): the
 * holder, the activity, the cluster, the hours and the issue date of the
 * certificate with that code, or the server's "not found".
 */
import { call, element, jalali, onLanguage, type Refused, showError, t } from "./kit";
import { count } from "./register";

type Certificate = { holder: string; activityTitle: string; clusterName: string; hours: number; issuedOn: string };

export function startVerify(section: HTMLElement): void {
  const form = element<HTMLFormElement>('[data-testid="verify-form"]', section);
  const input = element<HTMLInputElement>('[name="code"]', form);
  const result = element<HTMLElement>('[data-testid="verify-result"]', section);
  const get = (id: string) => element<HTMLElement>(`[data-testid="${id}"]`, section);
  let found: Certificate | null = null;
  const draw = () => {
    result.hidden = !found;
    if (!found) return;
    get("verify-holder").textContent = found.holder;
    get("verify-activity").textContent = found.activityTitle;
    get("verify-cluster").textContent = found.clusterName;
    get("verify-hours").textContent = t("publicPages.hoursValue", { n: count(found.hours) });
    get("verify-issued").textContent = jalali(found.issuedOn);
  };
  onLanguage(draw);
  const check = (code: string) => {
    found = null;
    draw();
    showError(null);
    call<Certificate>(`/certificates/${encodeURIComponent(code)}`).then(
      (c) => {
        found = c;
        draw();
      },
      (e: Refused) => showError(e.message),
    );
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const code = input.value.trim();
    if (!code) {
      showError(t("form.required"));
      input.focus();
      return;
    }
    // The code in the address too, so the page can be shared or reloaded.
    history.replaceState(null, "", `#${encodeURIComponent(code)}`);
    check(code);
  });
  let fromAddress = "";
  try {
    fromAddress = decodeURIComponent(window.location.hash.slice(1)).trim();
  } catch {
    // a damaged address: the empty box
  }
  if (fromAddress) {
    input.value = fromAddress;
    check(fromAddress);
  }
}
