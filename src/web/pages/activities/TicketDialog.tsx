import ConfirmationNumberOutlined from "@mui/icons-material/ConfirmationNumberOutlined";
import PrintOutlined from "@mui/icons-material/PrintOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import GlobalStyles from "@mui/material/GlobalStyles";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { TicketOut } from "../../../core/schemas/activities";
import { api } from "../../app/api";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Fact, Facts } from "../planning/shared";
import { enc, RegistrationStatusChip, useDateRange } from "./shared";

export type Ticket = z.infer<typeof TicketOut>;

export const ticketPath = (registrationId: string) => `/registrations/${enc(registrationId)}/ticket`;

/**
 * The QR as an image from a data URL: the server draws it, and an SVG shown
 * through <img> cannot run script or reach the page, unlike one put in the
 * DOM as markup.
 */
export function qrImageSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** While the ticket is open, printing prints the ticket alone. */
const printTicketOnly = (
  <GlobalStyles
    styles={{
      "@media print": {
        "body *": { visibility: "hidden" },
        "[data-print-ticket], [data-print-ticket] *": { visibility: "visible" },
        "[data-print-ticket]": { position: "absolute", insetInlineStart: 0, top: 0, width: "100%" },
      },
    }}
  />
);

function TicketBody({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const range = useDateRange();
  return (
    <Box data-print-ticket data-testid="ticket" sx={{ display: "grid", gap: 2, justifyItems: "center", p: 1 }}>
      <Typography variant="h6" component="p" sx={{ textAlign: "center", fontWeight: 700 }}>
        <bdi>{ticket.activityTitle}</bdi>
      </Typography>
      <Box
        component="img"
        src={qrImageSrc(ticket.qrSvg)}
        alt={t("ticket.qrAlt", { name: ticket.name })}
        data-testid="ticket-qr"
        sx={{ width: 220, height: 220, maxWidth: "100%", imageRendering: "pixelated", bgcolor: "#fff" }}
      />
      <Box sx={{ width: "100%" }}>
        <Facts>
          <Fact label={t("ticket.holder")} testId="ticket-name">
            <bdi>{ticket.name}</bdi>
          </Fact>
          <Fact label={t("ticket.dates")}>{range(ticket)}</Fact>
          <Fact label={t("ticket.place")}>{ticket.place ? <bdi>{ticket.place}</bdi> : t("ticket.noPlace")}</Fact>
          <Fact label={t("ticket.status")}>
            <RegistrationStatusChip status={ticket.status} />
          </Fact>
        </Facts>
      </Box>
      <Typography
        variant="caption"
        component="p"
        dir="ltr"
        sx={{ fontFamily: "monospace", overflowWrap: "anywhere", textAlign: "center" }}
        data-testid="ticket-code"
      >
        {ticket.code}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ textAlign: "center" }}>
        {t("ticket.hint")}
      </Typography>
    </Box>
  );
}

/** The registration's ticket (its check-in QR) in a dialog, with a print button. */
export function TicketDialog({ registrationId, onClose }: { registrationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const path = ticketPath(registrationId);
  const ticket = useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api.get<Ticket>(path, undefined, signal),
  });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      {printTicketOnly}
      <DialogTitle>{t("ticket.title")}</DialogTitle>
      <DialogContent>
        {ticket.isPending ? (
          <Loading minHeight={200} />
        ) : ticket.isError ? (
          <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />
        ) : (
          <TicketBody ticket={ticket.data} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t("common.close")}</Button>
        <Button
          variant="contained"
          startIcon={<PrintOutlined />}
          onClick={() => window.print()}
          disabled={!ticket.data}
          data-testid="ticket-print"
        >
          {t("ticket.print")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** A registration row's "ticket" action (accepted registrations have one). */
export function TicketButton({ registrationId, name }: { registrationId: string; name: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        startIcon={<ConfirmationNumberOutlined />}
        onClick={() => setOpen(true)}
        aria-label={t("ticket.openFor", { name })}
        data-testid="ticket-open"
      >
        {t("ticket.open")}
      </Button>
      {open && <TicketDialog registrationId={registrationId} onClose={() => setOpen(false)} />}
    </>
  );
}
