import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format";
import { useProvinces } from "../../app/lookups";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";

export default function ProvincesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useProvinces();
  return (
    <>
      <PageHeader title={t("provinces.title")} />
      {provinces.isPending ? (
        <Loading />
      ) : provinces.isError ? (
        <ErrorState error={provinces.error} onRetry={() => void provinces.refetch()} />
      ) : provinces.data.items.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t("provinces.count", { count: provinces.data.total, n: f.num(provinces.data.total) })}
          </Typography>
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" data-testid="provinces-table" aria-label={t("provinces.title")}>
              <TableHead>
                <TableRow>
                  <TableCell>{t("provinces.code")}</TableCell>
                  <TableCell>{t("provinces.nameFa")}</TableCell>
                  <TableCell>{t("provinces.nameEn")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {provinces.data.items.map((p) => (
                  <TableRow key={p.code}>
                    <TableCell>
                      <bdi>{f.digits(p.code)}</bdi>
                    </TableCell>
                    <TableCell lang="fa">{p.nameFa}</TableCell>
                    <TableCell lang="en">
                      <bdi>{p.nameEn}</bdi>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
    </>
  );
}
