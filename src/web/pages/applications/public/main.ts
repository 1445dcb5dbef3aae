/**
 * The public pages' script (public.html): no React, no MUI, as the sign-in
 * page. One page, a view per address: the application form
 * (/apply/<cluster id>), the status page (/application-status#<token>), the
 * invitation page (/invitation#<token>), an activity's registration form
 * (/register/<link token>), the registrant's status page
 * (/registration#<token>) and the certificate check (/verify#<code>). The
 * private tokens live in the address's fragment, which the browser never
 * sends, and go to the server in requests of the script. The language is
 * remembered where the app reads it (localStorage, app/i18n.ts).
 */
import { startApply } from "./apply";
import { startInvite } from "./invite";
import { currentLang, element, render, setTitle } from "./kit";
import { startRegister } from "./register";
import { startRegistration } from "./registration";
import { startStatus } from "./status";
import { startVerify } from "./verify";

const path = window.location.pathname;
const applyMatch = /^\/apply\/([0-9a-f-]{36})\/?$/.exec(path);
const registerMatch = /^\/register\/([A-Za-z0-9_-]{43})\/?$/.exec(path);
const view = applyMatch
  ? "apply"
  : registerMatch
    ? "register"
    : path.startsWith("/application-status")
      ? "status"
      : path.startsWith("/registration")
        ? "registration"
        : path.startsWith("/verify")
          ? "verify"
          : "invite";
const TITLES = {
  apply: "public.applyTitle",
  status: "public.statusTitle",
  invite: "public.inviteTitle",
  register: "publicPages.registerTitle",
  registration: "publicPages.registrationTitle",
  verify: "publicPages.verifyTitle",
} as const;
setTitle(TITLES[view]);
const section = element<HTMLElement>(`[data-view="${view}"]`);
section.hidden = false;
// The other views leave the page: their fields and labels are no one's business here (nor a screen reader's).
for (const other of document.querySelectorAll("[data-view]")) if (other !== section) other.remove();
// The markup comes in Persian with the form's title; anything else is written now.
if (currentLang() !== "fa" || view !== "apply") render();
if (applyMatch) startApply(section, applyMatch[1]!);
else if (registerMatch) startRegister(section, registerMatch[1]!);
else if (view === "status") startStatus(section);
else if (view === "registration") startRegistration(section);
else if (view === "verify") startVerify(section);
else startInvite(section);
