import Add from "@mui/icons-material/Add";
import CheckCircleOutline from "@mui/icons-material/CheckCircleOutline";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import HighlightOff from "@mui/icons-material/HighlightOff";
import PictureAsPdfOutlined from "@mui/icons-material/PictureAsPdfOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import IconButton from "@mui/material/IconButton";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFieldArray, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import { todayIso } from "../../../core/jalali";
import { DECISION_KINDS, quorumMet } from "../../../core/planning";
import { MeetingRecordInput } from "../../../core/schemas/planning";
import { API_BASE, ApiError, api } from "../../app/api";
import { useFormat } from "../../app/format";
import { tDynamic } from "../../app/i18n";
import type { GovernanceMember, Page } from "../../app/types";
import { BackButton } from "../../components/BackButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { NumberField, SchemaForm, SelectField, TextField, useSchemaForm } from "../../components/form";
import { FormAlert } from "../../components/form/FormDialog";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { TwoColumns } from "../../components/TwoColumns";
import NotFoundPage from "../notfound/NotFoundPage";
import { CheckListField } from "./fields";
import { enc, Fact, Facts, invalidatePlanning, useStudy } from "./shared";
import type { Meeting, PlanListItem, QuorumRule } from "./types";

/** Present, needed and whether that is a quorum, as the attendees are ticked. */
function QuorumLine({ rule }: { rule: QuorumRule }) {
  const { t } = useTranslation();
  const f = useFormat();
  const present = ((useWatch({ name: "attendeeIds" }) as string[] | undefined) ?? []).length;
  const ok = quorumMet(rule, present, rule.seats);
  return (
    <Alert
      severity={ok ? "success" : "warning"}
      icon={ok ? <CheckCircleOutline /> : <HighlightOff />}
      role="status"
      data-testid="record-quorum"
      data-quorate={ok}
    >
      {t("planning.meeting.quorumLive", {
        present: f.num(present),
        seats: f.num(rule.seats),
        needed: f.num(rule.needed),
        rule: t(`quorumKinds.${rule.kind}`),
      })}{" "}
      <strong>{ok ? t("planning.meeting.quorate") : t("planning.meeting.notQuorate")}</strong>
    </Alert>
  );
}

function Decisions({ plans }: { plans: PlanListItem[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { fields, append, remove } = useFieldArray({ name: "decisions" });
  const rows = (useWatch({ name: "decisions" }) as { kind: string | null }[] | undefined) ?? [];
  return (
    <Box data-testid="record-decisions">
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1 }}>
        <Typography component="h3" variant="subtitle2" sx={{ flexGrow: 1 }}>
          {t("planning.meeting.decisions")}
        </Typography>
        <Button
          size="small"
          startIcon={<Add />}
          onClick={() =>
            append({
              kind: plans.length > 0 ? "approve_plan" : "other",
              planId: plans[0]?.id ?? null,
              text: "",
              votesFor: 0,
              votesAgainst: 0,
              votesAbstain: 0,
            })
          }
          data-testid="decision-add"
        >
          {t("planning.meeting.addDecision")}
        </Button>
      </Box>
      {fields.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t("planning.meeting.noDecisionsYet")}
        </Typography>
      )}
      {fields.map((row, i) => {
        const kind = rows[i]?.kind;
        const aboutPlan = kind === "approve_plan" || kind === "return_plan";
        return (
          <Box
            key={row.id}
            sx={{ border: 1, borderColor: "divider", borderRadius: 1, p: 1.5, mb: 1.5, display: "grid", gap: 1.5 }}
            data-testid="decision-row"
          >
            <Box
              sx={{
                display: "grid",
                gap: 1.5,
                gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr) auto" },
                alignItems: "start",
              }}
            >
              <SelectField
                name={`decisions.${i}.kind`}
                label={t("planning.meeting.decisionKind")}
                required
                testId={`decision-${i}-kind`}
              >
                {DECISION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`decisionKinds.${k}`)}
                  </option>
                ))}
              </SelectField>
              {aboutPlan ? (
                <SelectField
                  name={`decisions.${i}.planId`}
                  label={t("planning.meeting.plan")}
                  required
                  testId={`decision-${i}-plan`}
                >
                  <option value="">{t("planning.choose")}</option>
                  {plans.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.title}
                    </option>
                  ))}
                </SelectField>
              ) : (
                <Box />
              )}
              <Tooltip title={t("planning.remove")}>
                <IconButton
                  onClick={() => remove(i)}
                  aria-label={t("planning.meeting.removeDecisionN", { n: f.num(i + 1) })}
                >
                  <DeleteOutline />
                </IconButton>
              </Tooltip>
            </Box>
            <TextField
              name={`decisions.${i}.text`}
              label={t("planning.meeting.decisionText")}
              required
              multiline
              testId={`decision-${i}-text`}
            />
            <Box sx={{ display: "grid", gap: 1.5, gridTemplateColumns: "repeat(3, minmax(0, 1fr))" }}>
              <NumberField
                name={`decisions.${i}.votesFor`}
                label={t("planning.meeting.votesFor")}
                required
                testId={`decision-${i}-for`}
                format={() => null}
              />
              <NumberField
                name={`decisions.${i}.votesAgainst`}
                label={t("planning.meeting.votesAgainst")}
                required
                testId={`decision-${i}-against`}
                format={() => null}
              />
              <NumberField
                name={`decisions.${i}.votesAbstain`}
                label={t("planning.meeting.votesAbstain")}
                required
                testId={`decision-${i}-abstain`}
                format={() => null}
              />
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

/** Record a held meeting once (MeetingRecordInput): who came from the council, what was decided, the minutes. */
function RecordForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const qc = useQueryClient();
  const base = `/clusters/${enc(meeting.clusterId)}`;
  // The council as it stood on the meeting's day, as the server counts it when recording.
  const roster = useQuery({
    queryKey: [`${base}/council`],
    queryFn: ({ signal }) => api.get<Page<GovernanceMember>>(`${base}/council`, undefined, signal),
    select: (page) => ({
      ...page,
      items: page.items.filter(
        (m) => m.fromDate <= meeting.heldOn && (m.toDate === null || m.toDate >= meeting.heldOn),
      ),
    }),
  });
  const rule = useQuery({
    queryKey: [`${base}/council-rule`, { on: meeting.heldOn }],
    queryFn: ({ signal }) => api.get<QuorumRule>(`${base}/council-rule`, { on: meeting.heldOn }, signal),
  });
  const plans = useQuery({
    queryKey: [`${base}/plans`],
    queryFn: ({ signal }) => api.get<Page<PlanListItem>>(`${base}/plans`, undefined, signal),
  });
  const form = useSchemaForm(MeetingRecordInput, { attendeeIds: [], decisions: [], minutes: null });
  if (roster.isPending || rule.isPending || plans.isPending) return <Loading minHeight={80} />;
  if (roster.isError) return <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />;
  if (rule.isError) return <ErrorState error={rule.error} onRetry={() => void rule.refetch()} />;
  if (plans.isError) return <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />;
  const submitted = plans.data.items.filter((p) => p.status === "submitted");
  const roleOf = (m: GovernanceMember) => tDynamic(`governanceRoles.${m.role}`);
  return (
    <SchemaForm
      form={form}
      onSubmit={async (body) => {
        await api.put<Meeting>(`/council-meetings/${enc(meeting.id)}/record`, body);
        await invalidatePlanning(qc);
        notify.success(t("planning.meeting.recorded"));
      }}
      codes={{
        unknown_attendee: "attendeeIds",
        votes_exceed_attendees: "decisions",
        no_quorum: "attendeeIds",
        meeting_before_submission: "decisions",
      }}
    >
      <Box sx={{ display: "grid", gap: 2 }}>
        <FormAlert form={form} />
        <CheckListField
          name="attendeeIds"
          label={t("planning.meeting.attendees")}
          options={roster.data.items.map((m) => ({
            id: m.id,
            label: (
              <>
                <bdi>{m.personName}</bdi>
                <Typography component="span" variant="caption" color="text.secondary">
                  {" "}
                  ({roleOf(m)})
                </Typography>
              </>
            ),
          }))}
          empty={t("planning.meeting.noRoster")}
          testId="record-attendees"
        />
        <QuorumLine rule={rule.data} />
        <Decisions plans={submitted} />
        <TextField name="minutes" label={t("planning.meeting.minutes")} multiline minRows={3} testId="record-minutes" />
        <Box>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting} data-testid="record-submit">
            {t("planning.meeting.record")}
          </Button>
        </Box>
      </Box>
    </SchemaForm>
  );
}

function HeldMeeting({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <TwoColumns>
      <Section title={t("planning.meeting.attendance")} testId="meeting-attendance">
        <Alert
          severity={meeting.quorate ? "success" : "warning"}
          icon={meeting.quorate ? <CheckCircleOutline /> : <HighlightOff />}
          sx={{ mb: 1 }}
          data-testid="meeting-quorum"
          data-quorate={meeting.quorate}
        >
          {t("planning.meeting.quorumResult", {
            present: f.num(meeting.attendees.length),
            seats: f.num(meeting.seats ?? 0),
            needed: f.num(meeting.quorumNeeded ?? 0),
          })}{" "}
          <strong>{meeting.quorate ? t("planning.meeting.quorate") : t("planning.meeting.notQuorate")}</strong>
        </Alert>
        {meeting.attendees.length === 0 ? (
          <EmptyState title={t("planning.meeting.noAttendees")} />
        ) : (
          <List dense disablePadding>
            {meeting.attendees.map((a) => (
              <ListItem key={a.memberId} disableGutters divider>
                <ListItemText
                  primary={<bdi>{a.personName}</bdi>}
                  secondary={tDynamic(`governanceRoles.${a.role}`, { defaultValue: a.role })}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Section>
      <Section title={t("planning.meeting.decisions")} testId="meeting-decisions">
        {meeting.decisions.length === 0 ? (
          <EmptyState title={t("planning.meeting.noDecisions")} />
        ) : (
          <List dense disablePadding>
            {meeting.decisions.map((d) => (
              <ListItem key={d.id} disableGutters divider sx={{ display: "block" }} data-testid="meeting-decision">
                <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, alignItems: "center" }}>
                  <Chip
                    size="small"
                    label={t(`decisionKinds.${d.kind}`)}
                    color={d.kind === "approve_plan" ? "success" : d.kind === "return_plan" ? "warning" : "default"}
                  />
                  {d.planId && (
                    <Link component={RouterLink} to={`/plans/${enc(d.planId)}`}>
                      <bdi>{d.planTitle ?? ""}</bdi>
                    </Link>
                  )}
                </Box>
                <Typography sx={{ whiteSpace: "pre-wrap", my: 0.5 }} dir="auto">
                  {d.text}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {t("planning.meeting.votesValue", {
                    for: f.num(d.votesFor),
                    against: f.num(d.votesAgainst),
                    abstain: f.num(d.votesAbstain),
                  })}
                </Typography>
              </ListItem>
            ))}
          </List>
        )}
      </Section>
      <Box sx={{ gridColumn: "1 / -1", minWidth: 0 }}>
        <Section title={t("planning.meeting.minutes")} testId="meeting-minutes">
          <Typography sx={{ whiteSpace: "pre-wrap" }} color={meeting.minutes ? undefined : "text.secondary"} dir="auto">
            {meeting.minutes ?? t("planning.meeting.noMinutes")}
          </Typography>
        </Section>
      </Box>
    </TwoColumns>
  );
}

/** A council meeting: its facts and agenda; recorded once held (attendance, quorum, decisions, minutes). */
export default function MeetingPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const path = `/council-meetings/${enc(id)}`;
  const meeting = useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api.get<Meeting>(path, undefined, signal),
  });
  const study = useStudy(meeting.data?.clusterId);
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) {
    if (meeting.error instanceof ApiError && (meeting.error.status === 404 || meeting.error.status === 400))
      return <NotFoundPage />;
    return <ErrorState error={meeting.error} onRetry={() => void meeting.refetch()} />;
  }
  const m = meeting.data;
  const held = m.status === "held";
  const canRecord = !held && (study.data?.can.council ?? false);
  const future = m.heldOn > todayIso();

  return (
    <>
      <BackButton to={`/clusters/${enc(m.clusterId)}`} label={t("planning.backToCluster", { name: m.clusterName })} />
      <PageHeader
        title={t("planning.meeting.pageTitle", { name: m.clusterName })}
        testId="meeting-title"
        actions={
          held && (
            <Button
              variant="outlined"
              component="a"
              href={`${API_BASE}${path}/minutes.pdf`}
              download
              startIcon={<PictureAsPdfOutlined />}
              data-testid="minutes-pdf"
            >
              {t("planning.meeting.minutesPdf")}
            </Button>
          )
        }
      />
      <Box sx={{ display: "grid", gap: 2 }}>
        <Section title={t("planning.meeting.facts")} testId="meeting-facts">
          <Facts>
            <Fact label={t("planning.meeting.heldOn")}>
              <JalaliDate value={m.heldOn} withTime={false} />
            </Fact>
            <Fact label={t("planning.meeting.place")}>
              {m.online ? t("planning.meeting.online") : (m.place ?? t("planning.meeting.noPlace"))}
            </Fact>
            <Fact label={t("planning.meeting.status")} testId="meeting-status">
              {t(`planning.meeting.statuses.${m.status}`)}
            </Fact>
          </Facts>
          <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
            {t("planning.meeting.agenda")}
          </Typography>
          {m.agenda.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t("planning.meeting.noAgenda")}
            </Typography>
          ) : (
            <Box
              component="ol"
              sx={{ m: 0, ps: 3, listStyleType: i18n.language === "fa" ? "persian" : "decimal" }}
              data-testid="meeting-agenda"
            >
              {m.agenda.map((a) => (
                <li key={a} dir="auto">
                  {a}
                </li>
              ))}
            </Box>
          )}
        </Section>
        {held && <HeldMeeting meeting={m} />}
        {canRecord &&
          (future ? (
            <Alert severity="info">{t("planning.meeting.recordLater")}</Alert>
          ) : (
            <Section title={t("planning.meeting.recordTitle")} testId="meeting-record">
              <RecordForm meeting={m} />
            </Section>
          ))}
      </Box>
    </>
  );
}
