/**
 * The application form: names the cluster (or says it takes no
 * applications), checks that the required fields are filled, sends the
 * application and shows the private status link. Field errors are the
 * server's, in the page's language, under each field.
 */
import { call, element, onLanguage, Refused, showError, t } from "./kit";

type Form = { clusterName: string; provinceName: string };
type Receipt = { statusToken: string };

const REQUIRED = ["enterpriseName", "contactPerson", "mobile", "email", "city", "products", "employees"];

/** Persian and Arabic-Indic digits as ASCII, for the number the server expects. */
const asciiDigits = (s: string) =>
  s.replace(/[۰-۹٠-٩]/g, (d) => String((d.charCodeAt(0) - (d >= "۰" ? 0x06f0 : 0x0660)) % 10));

export function startApply(section: HTMLElement, clusterId: string): void {
  const form = element<HTMLFormElement>('[data-testid="apply-form"]', section);
  const submit = element<HTMLButtonElement>('[data-testid="apply-submit"]', section);
  const submitText = element<HTMLElement>("[data-i18n]", submit);
  const clusterLine = element<HTMLElement>('[data-testid="apply-cluster"]', section);
  const done = element<HTMLElement>('[data-testid="apply-done"]', section);
  const input = (name: string) => element<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`, form);

  let cluster: Form | null = null;
  onLanguage(() => {
    clusterLine.textContent = cluster ? `${cluster.clusterName} · ${cluster.provinceName}` : "";
  });
  const loadCluster = () =>
    call<Form>(`/clusters/${clusterId}/application-form`).then(
      (c) => {
        cluster = c;
        clusterLine.textContent = `${c.clusterName} · ${c.provinceName}`;
      },
      (e: Refused) => {
        form.hidden = true;
        showError(e.message);
      },
    );
  void loadCluster();

  /** Puts a message under a field (null clears it), tied to the input for screen readers. */
  function fieldError(name: string, message: string | null): void {
    const el = input(name);
    const id = `e-${name}`;
    let p = document.getElementById(id);
    if (message === null) {
      p?.remove();
      el.removeAttribute("aria-invalid");
      el.setAttribute("aria-describedby", (el.getAttribute("aria-describedby") ?? "").replace(id, "").trim());
      if (!el.getAttribute("aria-describedby")) el.removeAttribute("aria-describedby");
      return;
    }
    if (!p) {
      p = document.createElement("p");
      p.id = id;
      p.className = "error";
      p.dataset.testid = `error-${name}`;
      el.parentElement!.append(p);
    }
    p.textContent = message;
    el.setAttribute("aria-invalid", "true");
    const described = new Set((el.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
    described.add(id);
    el.setAttribute("aria-describedby", [...described].join(" "));
  }

  function setPending(pending: boolean): void {
    submit.disabled = pending;
    submitText.dataset.i18n = pending ? "public.submitting" : "public.submit";
    submitText.textContent = pending ? t("public.submitting") : t("public.submit");
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    showError(null);
    for (const el of form.querySelectorAll<HTMLInputElement>("[name]")) fieldError(el.name, null);
    const value = (name: string) => input(name).value.trim();
    const empty = REQUIRED.filter((n) => !value(n));
    for (const n of empty) fieldError(n, t("form.required"));
    if (empty.length) {
      showError(t("public.fixErrors"));
      input(empty[0]!).focus();
      return;
    }
    const employees = asciiDigits(value("employees"));
    const body = {
      enterpriseName: value("enterpriseName"),
      ...(value("nationalId") ? { nationalId: value("nationalId") } : {}),
      contactPerson: value("contactPerson"),
      mobile: value("mobile"),
      email: value("email"),
      city: value("city"),
      products: value("products")
        .split(/[\n,،]+/)
        .map((p) => p.trim())
        .filter(Boolean),
      employees: /^\d+$/.test(employees) ? Number(employees) : employees,
      ...(value("message") ? { message: value("message") } : {}),
      ...(input("homepage").value ? { homepage: input("homepage").value } : {}),
      locale: document.documentElement.lang === "en" ? "en" : "fa",
    };
    setPending(true);
    try {
      const r = await call<Receipt>(`/clusters/${clusterId}/applications`, body);
      form.hidden = true;
      done.hidden = false;
      const href = `/application-status#${r.statusToken}`;
      const link = element<HTMLAnchorElement>('[data-testid="apply-status-link"]', done);
      link.href = href;
      link.textContent = `${window.location.origin}${href}`;
      element<HTMLAnchorElement>('[data-testid="apply-open-status"]', done).href = href;
      element<HTMLElement>('[role="status"]', done).focus();
    } catch (err) {
      const refused = err instanceof Refused ? err : new Refused(t("common.unexpectedError"), undefined, {});
      const named = Object.entries(refused.fields).filter(([name]) => form.querySelector(`[name="${name}"]`));
      for (const [name, message] of named) fieldError(name.split(".")[0]!, message);
      showError(named.length ? t("public.fixErrors") : refused.message);
      if (named.length) input(named[0]![0].split(".")[0]!).focus();
      setPending(false);
    }
  });
}
