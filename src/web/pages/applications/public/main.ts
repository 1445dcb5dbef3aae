/**
 * The public pages' script (public.html): no React, no MUI, as the sign-in
 * page. One page, three views chosen by the address: the application form
 * (/apply/<cluster id>), the status page (/application-status#<token>) and
 * the invitation page (/invitation#<token>). The private tokens live in the
 * address's fragment, which the browser never sends, and go to the server in
 * POST bodies. The language is remembered where the app reads it
 * (localStorage, app/i18n.ts).
 */
import { startApply } from "./apply";
import { startInvite } from "./invite";
import { currentLang, element, render, setTitle } from "./kit";
import { startStatus } from "./status";

const path = window.location.pathname;
const applyMatch = /^\/apply\/([0-9a-f-]{36})\/?$/.exec(path);
const view = applyMatch ? "apply" : path.startsWith("/application-status") ? "status" : "invite";
setTitle(view === "apply" ? "public.applyTitle" : view === "status" ? "public.statusTitle" : "public.inviteTitle");
const section = element<HTMLElement>(`[data-view="${view}"]`);
section.hidden = false;
// The markup comes in Persian with the form's title; anything else is written now.
if (currentLang() !== "fa" || view !== "apply") render();
if (applyMatch) startApply(section, applyMatch[1]!);
else if (view === "status") startStatus(section);
else startInvite(section);
