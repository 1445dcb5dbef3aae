import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Typography from "@mui/material/Typography";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import { useProvinceName, useProvinces } from "../../app/lookups";
import { Loading } from "../../components/Loading";
import { useGrantText } from "../../components/labels";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { TwoColumns } from "../../components/TwoColumns";
import { HOME_CARDS } from "../../modules";

/** A person's home page: their roles and provinces, then each module's cards. */
export default function HomePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { user, can, isNational } = useAuth();
  const grantText = useGrantText();
  const provinceName = useProvinceName();
  const provinces = useProvinces();
  // What each module puts here for this person (what they have to do next first).
  const cards = HOME_CARDS.filter((c) => !c.action || can(c.action));

  // Provinces in scope: every grant carries its province (a cluster's or an enterprise's too).
  const scopeCodes = new Set<string>();
  for (const g of user.grants) if (g.provinceCode) scopeCodes.add(g.provinceCode);
  const provinceCount = provinces.data?.total ?? 31;

  return (
    <>
      <PageHeader title={t("home.title", { name: user.name })} testId="home-title" />
      <TwoColumns>
        <Section title={t("home.rolesTitle")}>
          {user.grants.length === 0 ? (
            <Typography color="text.secondary">{t("home.noRoles")}</Typography>
          ) : (
            <List dense disablePadding>
              {user.grants.map((g) => (
                <ListItem key={g.id} disableGutters>
                  <ListItemText primary={grantText(g)} />
                </ListItem>
              ))}
            </List>
          )}
        </Section>

        <Section title={t("home.provincesTitle")}>
          {isNational ? (
            <Typography>{t("home.allProvinces", { count: provinceCount, n: f.num(provinceCount) })}</Typography>
          ) : scopeCodes.size === 0 ? (
            <Typography color="text.secondary">{t("home.noProvinces")}</Typography>
          ) : (
            <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1 }} data-testid="home-provinces">
              {[...scopeCodes].map((code) => (
                <Chip key={code} label={provinceName(code)} />
              ))}
            </Box>
          )}
        </Section>

        {cards.map(({ id, wide, Component }) => (
          <Box
            key={id}
            sx={{ gridColumn: wide ? { md: "1 / -1" } : undefined, minWidth: 0 }}
            data-testid={`home-card-${id}`}
          >
            <Suspense fallback={<Loading minHeight={100} />}>
              <Component />
            </Suspense>
          </Box>
        ))}
      </TwoColumns>
    </>
  );
}
