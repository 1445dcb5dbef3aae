/**
 * What check-in, tickets, certificates, surveys and beneficiaries add to the
 * activity page: the check-in button, the panels under the registrations,
 * and the ticket and survey actions of a registration row.
 */
import QrCodeScanner from "@mui/icons-material/QrCodeScanner";
import Button from "@mui/material/Button";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { todayIso } from "../../../core/jalali";
import BeneficiariesPanel from "./BeneficiariesPanel";
import CertificatesPanel from "./CertificatesPanel";
import { SurveyButton } from "./SurveyDialog";
import SurveyPanel from "./SurveyPanel";
import { activityPath } from "./shared";
import { TicketButton } from "./TicketDialog";
import type { Activity, Registration } from "./types";

/** The managers' way to the check-in page (not for a cancelled activity). */
export function CheckInLink({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  if (!activity.can.manage || activity.status === "cancelled") return null;
  return (
    <Button
      component={RouterLink}
      to={`${activityPath(activity.id)}/check-in`}
      variant="outlined"
      startIcon={<QrCodeScanner />}
      data-testid="activity-check-in"
    >
      {t("checkIn.open")}
    </Button>
  );
}

/** The panels under the registrations: certificates (trainings), the survey's answers, the beneficiaries. */
export function ActivityAttendancePanels({ activity }: { activity: Activity }) {
  const manage = activity.can.manage;
  return (
    <>
      {manage && activity.kind === "training" && <CertificatesPanel activity={activity} />}
      {manage && <SurveyPanel activity={activity} />}
      <BeneficiariesPanel activity={activity} />
    </>
  );
}

/**
 * A registration's ticket (accepted ones hold a seat and a check-in code)
 * and, once the activity has begun, its satisfaction survey: the manager
 * types in a paper form, the member's user answers for their staff.
 */
export function RegistrationAttendanceActions({
  activity,
  registration: r,
}: {
  activity: Activity;
  registration: Registration;
}) {
  if (r.status !== "accepted") return null;
  return (
    <>
      <TicketButton registrationId={r.id} name={r.name} />
      {activity.startDate <= todayIso() && activity.status !== "cancelled" && (
        <SurveyButton registrationId={r.id} name={r.name} paper={activity.can.manage} />
      )}
    </>
  );
}
