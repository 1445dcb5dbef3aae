import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { Page } from "../../app/types";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import { enc, useRials } from "./shared";
import type { PlanListItem } from "./types";

/** The home card: plans awaiting the council, oldest submission first (GET /plans?status=submitted). */
export default function PlansCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const rials = useRials();
  const plans = useQuery({
    queryKey: ["/plans", "awaiting"],
    queryFn: ({ signal }) => api.get<Page<PlanListItem>>("/plans", { status: "submitted", limit: 5 }, signal),
  });
  return (
    <Section
      title={t("planning.cards.awaiting")}
      testId="plans-awaiting"
      actions={
        <Button size="small" component={RouterLink} to="/plans">
          {t("planning.cards.all")}
        </Button>
      }
    >
      {plans.isPending ? (
        <Loading minHeight={80} />
      ) : plans.isError ? (
        <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.total === 0 ? (
        <Typography color="text.secondary" variant="body2">
          {t("planning.cards.noneAwaiting")}
        </Typography>
      ) : (
        <>
          <List dense disablePadding>
            {plans.data.items.map((p) => (
              <ListItem key={p.id} disableGutters divider>
                <ListItemText
                  primary={
                    <Link component={RouterLink} to={`/plans/${enc(p.id)}`} data-testid="awaiting-plan">
                      <bdi>{p.title}</bdi>
                    </Link>
                  }
                  secondary={
                    <>
                      <bdi>{p.clusterName}</bdi> · {rials(p.budgetRials)} · {t("planning.cards.submittedOn")}{" "}
                      <JalaliDate value={p.submittedAt} withTime={false} />
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
          {plans.data.total > plans.data.items.length && (
            <Typography variant="body2" color="text.secondary">
              {t("planning.cards.more", { n: f.num(plans.data.total - plans.data.items.length) })}
            </Typography>
          )}
        </>
      )}
    </Section>
  );
}
