import HandshakeOutlined from "@mui/icons-material/HandshakeOutlined";
import Search from "@mui/icons-material/Search";
import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import InputAdornment from "@mui/material/InputAdornment";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { InterestInput, type InterestOut, type PartnerOut } from "../../../core/schemas/members";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { provinceLabel, useProvinceName, useProvinces } from "../../app/lookups";
import type { Province } from "../../app/types";
import { type Column, DataTable } from "../../components/DataTable";
import { FormDialog, TextField as FormTextField, useSchemaForm } from "../../components/form";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { useQueryParams } from "../../components/useQueryParams";
import { useUrlText } from "../clusters/filters";
import { Digits, OutLink } from "./labels";

type Partner = z.infer<typeof PartnerOut>;
type Interest = z.infer<typeof InterestOut>;

const enc = encodeURIComponent;

function InterestDialog({
  partner,
  onClose,
  onSent,
}: {
  partner: Partner;
  onClose: () => void;
  onSent: (n: number) => void;
}) {
  const { t } = useTranslation();
  const form = useSchemaForm(InterestInput, { message: null });
  return (
    <FormDialog
      form={form}
      title={t("partners.interestTitle", { name: partner.name })}
      submitLabel={t("partners.send")}
      submitTestId="interest-submit"
      onClose={onClose}
      onSubmit={async (body) => {
        const r = await api.post<Interest>(`/partners/${enc(partner.id)}/interest`, body);
        onSent(r.notified);
      }}
    >
      <Typography variant="body2" color="text.secondary">
        {t("partners.interestHint")}
      </Typography>
      <FormTextField
        name="message"
        label={t("partners.message")}
        required
        multiline
        minRows={4}
        autoFocus
        testId="interest-message"
      />
    </FormDialog>
  );
}

/** What a published enterprise shows beyond its name and place, only what it chose to publish. */
function Published({ p }: { p: Partner }) {
  const { t } = useTranslation();
  const f = useFormat();
  const parts: ReactNode[] = [];
  if (p.capacity !== null)
    parts.push(
      <span key="capacity">
        {t("partners.capacity")}: {[f.num(p.capacity), p.capacityUnit].filter(Boolean).join(" ")}
      </span>,
    );
  if (p.employees !== null)
    parts.push(
      <span key="employees">
        {t("partners.employees")}: {f.num(p.employees)}
      </span>,
    );
  if (p.certificates) parts.push(<span key="certificates">{p.certificates}</span>);
  if (p.exportMarkets)
    parts.push(
      <span key="export">
        {t("partners.exportMarkets")}: {p.exportMarkets}
      </span>,
    );
  if (p.phone)
    parts.push(
      <span key="phone">
        <Digits value={p.phone} />
      </span>,
    );
  if (p.email)
    parts.push(
      <bdi key="email" dir="ltr">
        {p.email}
      </bdi>,
    );
  if (p.website) parts.push(<OutLink key="website" href={p.website} />);
  if (p.address) parts.push(<span key="address">{p.address}</span>);
  if (parts.length === 0) return <>—</>;
  return (
    <Box sx={{ display: "grid", gap: 0.25, fontSize: 13 }} component="div">
      {parts}
    </Box>
  );
}

/**
 * Published enterprises across every cluster (“who makes polymer film in
 * Qazvin or Tehran?”): by product or name, one or more provinces, a product
 * group; “express interest” tells the other side.
 */
export default function PartnersPage() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const f = useFormat();
  const qc = useQueryClient();
  const provinces = useProvinces();
  const provinceName = useProvinceName();
  const [params, update] = useQueryParams();
  const [writing, setWriting] = useState<Partner | null>(null);
  const lng = i18n.language;
  const setQ = useCallback((v: string) => update({ q: v }), [update]);
  const setGroup = useCallback((v: string) => update({ productGroup: v }), [update]);
  const q = params.get("q") ?? "";
  const group = params.get("productGroup") ?? "";
  const urlCodes = params.get("provinceCodes") ?? "";
  // The pick is held here and written to the address: the address's update can land after the
  // next click on a slow device, and a choice computed from it would drop the province just picked.
  const [codes, setCodes] = useState(() => codesOf(urlCodes));
  useEffect(() => setCodes(codesOf(urlCodes)), [urlCodes]);
  const [qText, setQText] = useUrlText(q, setQ);
  const [groupText, setGroupText] = useUrlText(group, setGroup);
  const all = provinces.data?.items ?? [];
  const chosen = all.filter((p) => codes.includes(p.code));

  const columns: Column<Partner>[] = [
    {
      key: "name",
      label: t("partners.name"),
      minWidth: 120,
      render: (p) => (
        <>
          <Box component="span" sx={{ fontWeight: 500 }} data-testid="partner-name">
            {p.name}
          </Box>
          <Box sx={{ color: "text.secondary", fontSize: 12, mt: 0.25 }}>
            {[provinceName(p.provinceCode), p.city].filter(Boolean).join(" · ")}
          </Box>
          {/* On phones the products column is hidden: its names come under the enterprise's. */}
          {p.products.length > 0 && (
            <Box sx={{ display: { xs: "block", sm: "none" }, fontSize: 12, mt: 0.25 }}>
              {p.products.map((x) => x.name).join(t("common.listSeparator"))}
            </Box>
          )}
        </>
      ),
    },
    {
      key: "products",
      label: t("partners.products"),
      minWidth: 140,
      hideOnMobile: true,
      render: (p) =>
        p.products.length === 0 ? (
          "—"
        ) : (
          <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5 }}>
            {p.products.map((x) => (
              <Chip
                key={`${x.name}-${x.productGroup ?? ""}`}
                size="small"
                variant="outlined"
                label={x.productGroup ? `${x.name} · ${x.productGroup}` : x.name}
              />
            ))}
          </Box>
        ),
    },
    { key: "published", label: t("partners.published"), hideOnMobile: true, render: (p) => <Published p={p} /> },
    {
      key: "interest",
      label: t("partners.interest"),
      render: (p) => (
        <Button
          size="small"
          variant="outlined"
          startIcon={<HandshakeOutlined />}
          disabled={p.interestSentToday}
          onClick={() => setWriting(p)}
          data-testid="partner-interest"
        >
          {p.interestSentToday ? t("partners.sentToday") : t("partners.express")}
        </Button>
      ),
    },
  ];

  const filterBar = (
    <Box
      sx={{
        display: "grid",
        gap: 1.5,
        width: "100%",
        gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "minmax(0, 2fr) minmax(0, 2fr) minmax(0, 1fr)" },
      }}
      data-testid="partners-filters"
    >
      <TextField
        value={qText}
        onChange={(e) => setQText(e.target.value)}
        placeholder={t("partners.search")}
        slotProps={{
          htmlInput: { "data-testid": "partners-q", "aria-label": t("partners.search") },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <Search fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      <Autocomplete<Province, true>
        multiple
        disableCloseOnSelect
        options={all}
        value={chosen}
        loading={provinces.isPending}
        getOptionLabel={(p) => provinceLabel(p, lng)}
        isOptionEqualToValue={(a, b) => a.code === b.code}
        onChange={(_, v) => {
          const next = v.map((p) => p.code);
          setCodes(next);
          update({ provinceCodes: next.join(",") });
        }}
        renderInput={(p) => (
          <TextField
            {...p}
            label={t("partners.provinces")}
            slotProps={{ htmlInput: { ...p.inputProps, "data-testid": "partners-provinces" } }}
          />
        )}
        noOptionsText={t("picker.noMatches")}
      />
      <TextField
        label={t("partners.productGroup")}
        value={groupText}
        onChange={(e) => setGroupText(e.target.value)}
        slotProps={{ htmlInput: { "data-testid": "partners-product-group" } }}
      />
    </Box>
  );

  return (
    <>
      <PageHeader title={t("partners.title")} />
      <Typography color="text.secondary" sx={{ mt: -1, mb: 2 }}>
        {t("partners.intro")}
      </Typography>
      <DataTable<Partner>
        path="/partners"
        columns={columns}
        rowKey={(p) => p.id}
        params={{ q: q || undefined, provinceCodes: codes.join(",") || undefined, productGroup: group || undefined }}
        toolbar={filterBar}
        emptyText={t("partners.empty")}
        testId="partners-table"
        ariaLabel={t("partners.title")}
      />
      {writing && (
        <InterestDialog
          partner={writing}
          onClose={() => setWriting(null)}
          onSent={(n) => {
            setWriting(null);
            notify.success(t("partners.sent", { n: f.num(n) }));
            void qc.invalidateQueries({ queryKey: ["/partners"] });
          }}
        />
      )}
    </>
  );
}

/** The province codes an address's provinceCodes holds (anything else in it is left out). */
function codesOf(value: string): string[] {
  return value.split(",").filter((c) => /^IR-\d{2}$/.test(c));
}
