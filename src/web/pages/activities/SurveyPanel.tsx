import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Rating from "@mui/material/Rating";
import Typography from "@mui/material/Typography";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { SurveysOut } from "../../../core/schemas/activities";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import { activityPath } from "./shared";
import type { Activity } from "./types";

type Surveys = z.infer<typeof SurveysOut>;

const PAGE_SIZE = 20;

/** The activity's satisfaction answers (managers): the average and each answer with its comment. */
export default function SurveyPanel({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const path = `${activityPath(activity.id)}/surveys`;
  const list = useQuery({
    queryKey: [path, page],
    queryFn: ({ signal }) => api.get<Surveys>(path, { page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Section title={t("survey.panelTitle")} testId="survey-panel">
      {list.isPending ? (
        <Loading minHeight={80} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : data ? (
        <Box sx={{ display: "grid", gap: 1 }}>
          <Typography data-testid="survey-average" data-average={data.average ?? ""}>
            {data.average === null
              ? t("survey.noAnswers")
              : t("survey.average", { avg: f.num(data.average), n: f.num(data.responses) })}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {t("survey.howToEnter")}
          </Typography>
          {data.items.length > 0 && (
            <List dense disablePadding aria-label={t("survey.answers")}>
              {data.items.map((s) => (
                <ListItem key={s.registrationId} disableGutters data-testid="survey-answer">
                  <ListItemText
                    primary={
                      <Box component="span" sx={{ display: "inline-flex", alignItems: "center", gap: 1 }}>
                        <bdi>{s.name}</bdi>
                        <Rating
                          value={s.score}
                          readOnly
                          size="small"
                          aria-label={t("survey.scoreN", { n: f.num(s.score) })}
                        />
                      </Box>
                    }
                    secondary={
                      <>
                        {s.comment && <bdi>{s.comment}</bdi>}
                        {s.comment && " · "}
                        {f.date(s.answeredAt, false)}
                      </>
                    }
                  />
                </ListItem>
              ))}
            </List>
          )}
          {pages > 1 && (
            <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 1 }}>
              <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t("table.previousPage")}
              </Button>
              <Typography variant="body2">{t("checkIn.pageOf", { n: f.num(page), of: f.num(pages) })}</Typography>
              <Button disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t("table.nextPage")}
              </Button>
            </Box>
          )}
        </Box>
      ) : null}
    </Section>
  );
}
