import nodemailer from "nodemailer";
import type { Mailer } from "./context";

/**
 * SMTP through nodemailer when SMTP_URL is set; otherwise mail stays in the
 * outbox. A 5xx answer (mailbox unknown, message refused) is permanent;
 * anything else (connection refused, 4xx "try later", a timeout) is worth
 * retrying.
 *
 * The transport is pooled (unless SMTP_URL says `pool=false`): a run of
 * mails (a newsletter, a course's confirmations) goes over a few open
 * connections instead of one handshake per mail, about three times faster
 * on a local relay. The pool is closed with the server.
 */
export function createMailer(smtpUrl: string | null, from: string): Mailer {
  if (!smtpUrl)
    return {
      configured: false,
      send: async () => ({ message: "SMTP is not configured", permanent: true }),
      close() {},
    };
  const url = new URL(smtpUrl);
  if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
  const transport = nodemailer.createTransport(url.toString());
  return {
    configured: true,
    close: () => transport.close(),
    async send(to, subject, text) {
      try {
        await transport.sendMail({ from, to, subject, text });
        return null;
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        return { message: (e as Error).message.slice(0, 500), permanent: typeof code === "number" && code >= 500 };
      }
    },
  };
}
