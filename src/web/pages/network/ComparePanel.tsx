/**
 * How the network changed between two Jalali dates: each figure on both and
 * its change, the places of the most linked actors, and the links that began
 * or ended between them. The server computes each date's network in the
 * background; while one is computing the panel says so and asks again.
 */
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { addDaysIso, todayIso } from "../../../core/jalali";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDateField } from "../../components/JalaliDateField";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import { FIGURE_KEYS, useFigureText } from "./Figures";
import { actorPath, type NetworkCompare, type Relationship } from "./shared";

function LinkList({ title, items, testId }: { title: string; items: Relationship[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Box data-testid={testId}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      {items.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t("network.noChange")}
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, ps: 3 }}>
          {items.map((r) => (
            <li key={r.id}>
              <Typography variant="body2" component="span">
                {r.from.name} — {t(`network.types.${r.type}`)} — {r.to.name}
              </Typography>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}

function Result({ data }: { data: NetworkCompare }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useFigureText();
  const signed = (key: (typeof FIGURE_KEYS)[number], v: number) =>
    v === 0 ? f.num(0) : `${v > 0 ? "+" : "−"}${text(key, Math.abs(v))}`;
  const rank = (r: number | null) => (r === null ? t("network.notRanked") : f.num(r));
  return (
    <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "1fr 1fr" } }}>
      {data.figures && (
        <TableContainer>
          <Table size="small" aria-label={t("network.compare")} data-testid="compare-figures">
            <TableHead>
              <TableRow>
                <TableCell>{t("network.figure")}</TableCell>
                <TableCell>{f.date(data.from, false)}</TableCell>
                <TableCell>{f.date(data.to, false)}</TableCell>
                <TableCell>{t("network.change")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {FIGURE_KEYS.map((k) => {
                const d = data.figures![k]!;
                return (
                  <TableRow key={k} data-figure={k}>
                    <TableCell component="th" scope="row">
                      {t(`network.figures.${k}`)}
                    </TableCell>
                    <TableCell>{text(k, d.from)}</TableCell>
                    <TableCell>{text(k, d.to)}</TableCell>
                    <TableCell dir="ltr" sx={{ textAlign: "start" }}>
                      {signed(k, d.change)}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {data.central.length > 0 && (
        <TableContainer>
          <Table size="small" aria-label={t("network.centralChange")} data-testid="compare-central">
            <TableHead>
              <TableRow>
                <TableCell>{t("network.actor")}</TableCell>
                <TableCell>
                  {t("network.degree")} · {t("network.rank")} ({f.date(data.from, false)})
                </TableCell>
                <TableCell>
                  {t("network.degree")} · {t("network.rank")} ({f.date(data.to, false)})
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.central.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>
                    <Link component={RouterLink} to={actorPath(a)}>
                      {a.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    {f.num(a.degreeFrom)} · {rank(a.rankFrom)}
                  </TableCell>
                  <TableCell>
                    {f.num(a.degreeTo)} · {rank(a.rankTo)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <LinkList title={t("network.added", { n: f.num(data.addedTotal) })} items={data.added} testId="compare-added" />
      <LinkList
        title={t("network.removed", { n: f.num(data.removedTotal) })}
        items={data.removed}
        testId="compare-removed"
      />
    </Box>
  );
}

export function ComparePanel({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<string | null>(() => addDaysIso(todayIso(), -365));
  const [to, setTo] = useState<string | null>(() => todayIso());
  const [asked, setAsked] = useState<{ from: string; to: string } | null>(null);
  const path = `/clusters/${encodeURIComponent(clusterId)}/network/compare`;
  const q = useQuery({
    queryKey: [path, asked],
    enabled: asked !== null,
    queryFn: ({ signal }) => api.get<NetworkCompare>(path, asked!, signal),
    refetchInterval: (query) => (query.state.data?.computing ? 2000 : false),
  });
  return (
    <Section title={t("network.compare")} testId="network-compare">
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (from && to) setAsked({ from, to });
        }}
        sx={{ display: "flex", flexWrap: "wrap", gap: 2, alignItems: "flex-start", mb: 2 }}
      >
        <Box sx={{ width: 200 }}>
          <JalaliDateField label={t("network.compareFrom")} value={from} onChange={setFrom} testId="compare-from" />
        </Box>
        <Box sx={{ width: 200 }}>
          <JalaliDateField label={t("network.compareTo")} value={to} onChange={setTo} testId="compare-to" />
        </Box>
        <Button type="submit" variant="outlined" disabled={!from || !to} sx={{ mt: 1 }} data-testid="compare-run">
          {t("network.compareRun")}
        </Button>
      </Box>
      {asked && q.isPending && <Loading minHeight={80} />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data?.computing && (
        <Alert severity="info" sx={{ mb: 2 }} role="status">
          {t("network.compareComputing")}
        </Alert>
      )}
      {q.data && <Result data={q.data} />}
    </Section>
  );
}
