/**
 * An activity's public registration form (/register/<link token>): the
 * activity's title, days, place and seats, the fixed fields and the
 * organiser's questions; sent, it shows the private status link. Field
 * errors are the server's, in the page's language, under each field.
 */
import { call, element, jalali, onLanguage, Refused, showError, t } from "./kit";

type Question = { id: string; label: string; kind: "text" | "number" | "choice"; options: string[]; required: boolean };
type Activity = {
  title: string;
  clusterName: string;
  startDate: string;
  endDate: string;
  place: string | null;
  online: boolean;
  seatsLeft: number | null;
  waitingList: boolean;
  questions: Question[];
};

/** The days of an activity, one or a range, in the page's language. */
export const daysText = (a: { startDate: string; endDate: string }) =>
  a.startDate === a.endDate
    ? jalali(a.startDate)
    : t("publicPages.dateRange", { from: jalali(a.startDate), to: jalali(a.endDate) });

/** A number in the page's language (Persian digits in Persian). */
export const count = (n: number) => n.toLocaleString(document.documentElement.lang === "en" ? "en-US" : "fa-IR");

/** A form control with its label (and a star when required), for one of the organiser's questions. */
function questionField(q: Question): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "field";
  const label = document.createElement("label");
  const id = `q-${q.id}`;
  label.htmlFor = id;
  label.textContent = q.label;
  if (q.required) {
    const star = document.createElement("span");
    star.setAttribute("aria-hidden", "true");
    star.textContent = "\u2009*";
    label.append(star);
  }
  let control: HTMLInputElement | HTMLSelectElement;
  if (q.kind === "choice") {
    control = document.createElement("select");
    control.append(new Option("", ""));
    for (const o of q.options) control.append(new Option(o, o));
  } else {
    control = document.createElement("input");
    control.maxLength = 2000;
    if (q.kind === "number") {
      control.inputMode = "decimal";
      control.dir = "ltr";
    }
  }
  control.id = id;
  control.name = `answers.${q.id}`;
  control.required = q.required;
  wrap.append(label, control);
  return wrap;
}

export function startRegister(section: HTMLElement, token: string): void {
  const form = element<HTMLFormElement>('[data-testid="register-form"]', section);
  const submit = element<HTMLButtonElement>('[data-testid="register-submit"]', section);
  const submitText = element<HTMLElement>("[data-i18n]", submit);
  const done = element<HTMLElement>('[data-testid="register-done"]', section);
  const title = element<HTMLElement>('[data-testid="register-title"]', section);
  const when = element<HTMLElement>('[data-testid="register-when"]', section);
  const seats = element<HTMLElement>('[data-testid="register-seats"]', section);
  const questions = element<HTMLElement>('[data-testid="register-questions"]', section);
  const control = (name: string) => element<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`, form);

  let activity: Activity | null = null;
  const draw = () => {
    title.textContent = activity ? activity.title : t("publicPages.registerTitle");
    if (!activity) return;
    const where = [activity.place, activity.online ? t("publicPages.online") : null].filter(Boolean).join(" · ");
    when.textContent = [activity.clusterName, daysText(activity), where].filter(Boolean).join(" · ");
    seats.textContent = activity.waitingList
      ? t("publicPages.full")
      : activity.seatsLeft === null
        ? ""
        : t("publicPages.seatsLeft", { n: count(activity.seatsLeft) });
  };
  onLanguage(draw);
  call<Activity>(`/activities/${token}`).then(
    (a) => {
      activity = a;
      document.title = `${a.title} · ${t("app.name")}`;
      questions.replaceChildren(...a.questions.map(questionField));
      form.hidden = false;
      draw();
    },
    (e: Refused) => showError(e.message),
  );

  /** Puts a message under a field (null clears it), tied to the control for screen readers. */
  function fieldError(name: string, message: string | null): void {
    const el = control(name);
    const id = `e-${el.id}`;
    document.getElementById(id)?.remove();
    const described = new Set((el.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
    described.delete(id);
    if (message === null) {
      el.removeAttribute("aria-invalid");
      if (described.size > 0) el.setAttribute("aria-describedby", [...described].join(" "));
      else el.removeAttribute("aria-describedby");
      return;
    }
    const p = document.createElement("p");
    p.id = id;
    p.className = "error";
    p.dataset.testid = `error-${name}`;
    p.textContent = message;
    el.parentElement!.append(p);
    el.setAttribute("aria-invalid", "true");
    el.setAttribute("aria-describedby", [...described, id].join(" "));
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (submit.disabled || !activity) return;
    showError(null);
    const named = [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[name]")];
    for (const el of named) fieldError(el.name, null);
    const empty = named.filter((el) => el.required && !el.value.trim());
    for (const el of empty) fieldError(el.name, t("form.required"));
    if (empty.length) {
      showError(t("public.fixErrors"));
      empty[0]!.focus();
      return;
    }
    const value = (name: string) => control(name).value.trim();
    const answers = Object.fromEntries(
      activity.questions.flatMap((q) => (value(`answers.${q.id}`) ? [[q.id, value(`answers.${q.id}`)]] : [])),
    );
    const body = {
      name: value("name"),
      mobile: value("mobile"),
      email: value("email") || null,
      enterpriseName: value("enterpriseName") || null,
      answers,
    };
    submit.disabled = true;
    submitText.textContent = t("public.submitting");
    try {
      const r = await call<{ statusToken: string }>(`/activities/${token}/registrations`, body);
      form.hidden = true;
      done.hidden = false;
      const href = `/registration#${r.statusToken}`;
      const link = element<HTMLAnchorElement>('[data-testid="register-status-link"]', done);
      link.href = href;
      link.textContent = `${window.location.origin}${href}`;
      element<HTMLAnchorElement>('[data-testid="register-open-status"]', done).href = href;
      element<HTMLElement>('[role="status"]', done).focus();
    } catch (err) {
      const refused = err instanceof Refused ? err : new Refused(t("common.unexpectedError"), undefined, {});
      const fields = Object.entries(refused.fields).filter(([name]) => form.querySelector(`[name="${name}"]`));
      for (const [name, message] of fields) fieldError(name, message);
      showError(fields.length ? t("public.fixErrors") : refused.message);
      if (fields.length) control(fields[0]![0]).focus();
      submit.disabled = false;
      submitText.textContent = t("publicPages.submit");
    }
  });
}
