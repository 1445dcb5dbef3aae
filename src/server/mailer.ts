import nodemailer from "nodemailer";
import type { Mailer } from "./context";

/** SMTP through nodemailer when SMTP_URL is set; otherwise mail stays in the outbox. */
export function createMailer(smtpUrl: string | null, from: string): Mailer {
  if (!smtpUrl) return { configured: false, send: async () => "SMTP is not configured" };
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    async send(to, subject, text) {
      try {
        await transport.sendMail({ from, to, subject, text });
        return null;
      } catch (e) {
        return (e as Error).message.slice(0, 500);
      }
    },
  };
}
