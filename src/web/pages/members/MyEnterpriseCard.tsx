import Edit from "@mui/icons-material/Edit";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import type { Grant } from "../../app/types";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import type { EnterpriseDetail } from "./EnterpriseFormDialog";
import { actorPath, StatusChip } from "./labels";

function OneEnterprise({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = grant.enterpriseId ?? "";
  const enterprise = useQuery({
    queryKey: ["/enterprises", id],
    queryFn: ({ signal }) => api.get<EnterpriseDetail>(`/enterprises/${encodeURIComponent(id)}`, undefined, signal),
  });
  const path = actorPath("enterprise", id);
  if (enterprise.isPending) return <Loading minHeight={60} />;
  if (enterprise.isError) return <ErrorState error={enterprise.error} onRetry={() => void enterprise.refetch()} />;
  const e = enterprise.data;
  const home = e.memberships.find((m) => m.home) ?? e.memberships[0];
  return (
    <Box sx={{ display: "grid", gap: 1 }} data-testid="my-enterprise">
      <Typography sx={{ fontWeight: 600 }}>{e.name}</Typography>
      {home && (
        <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
          <Typography variant="body2" color="text.secondary" component="span">
            {home.clusterName}
          </Typography>
          <StatusChip status={home.status} />
        </Box>
      )}
      <Typography variant="body2" color="text.secondary">
        {t("myEnterprise.summary", {
          products: f.num(e.products.length),
          size: e.sizeClass ? t(`sizeClasses.${e.sizeClass}`) : t("enterprise.sizeUnknown"),
        })}{" "}
        · {t("myEnterprise.updated")} <JalaliDate value={e.updatedAt} withTime={false} />
      </Typography>
      <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
        {e.can.update && (
          <Button
            variant="contained"
            size="small"
            startIcon={<Edit />}
            component={RouterLink}
            to={`${path}?edit=1`}
            data-testid="my-enterprise-edit"
          >
            {t("myEnterprise.edit")}
          </Button>
        )}
        <Button size="small" component={RouterLink} to={path} data-testid="my-enterprise-open">
          {t("myEnterprise.open")}
        </Button>
      </Box>
    </Box>
  );
}

/** A member user's home card: their enterprise's profile, a click from its edit form. */
export default function MyEnterpriseCard() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const grants = user.grants.filter((g) => g.role === "member" && g.enterpriseId);
  // Managers and province admins edit enterprises too, but have none of their own.
  if (grants.length === 0) return null;
  return (
    <Section title={t("myEnterprise.title")}>
      <Box sx={{ display: "grid", gap: 2 }}>
        {grants.map((g) => (
          <OneEnterprise key={g.id} grant={g} />
        ))}
      </Box>
    </Section>
  );
}
