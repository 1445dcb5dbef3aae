import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import type { z } from "zod";
import type { ApplicationListOut } from "../../../core/schemas/applications";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";

/** How many waiting applications the card lists; the queue has the rest. */
const FIRST = 5;

/** The home card of whoever reviews applications: how many wait, the oldest first, and the way to the queue. */
export default function ApplicationsCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({
    queryKey: ["/applications", { status: "pending", limit: FIRST }],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof ApplicationListOut>>("/applications", { status: "pending", limit: FIRST }, signal),
  });
  return (
    <Section title={t("applications.cardTitle")} testId="applications-card">
      {q.isPending ? (
        <Loading minHeight={80} />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.total === 0 ? (
        <Typography color="text.secondary" variant="body2" data-testid="applications-card-empty">
          {t("applications.cardEmpty")}
        </Typography>
      ) : (
        <>
          <List dense disablePadding data-total={q.data.total}>
            {q.data.items.map((a) => (
              <ListItem key={a.id} disableGutters>
                <ListItemText
                  primary={
                    <Link component={RouterLink} to={`/applications/${encodeURIComponent(a.id)}`}>
                      <bdi>{a.enterpriseName}</bdi>
                    </Link>
                  }
                  secondary={
                    <>
                      <bdi>{a.clusterName}</bdi> · <JalaliDate value={a.createdAt} withTime={false} />
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
          <Link component={RouterLink} to="/applications" data-testid="applications-card-all">
            {t("applications.cardAll", { n: f.num(q.data.total) })}
          </Link>
        </>
      )}
    </Section>
  );
}
