import PersonAdd from "@mui/icons-material/PersonAdd";
import Button from "@mui/material/Button";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useAuth } from "../../app/auth";
import type { User } from "../../app/types";
import { type Column, DataTable } from "../../components/DataTable";
import { JalaliDate } from "../../components/JalaliDate";
import { ActiveChip, RoleChip } from "../../components/labels";
import { WithMobileLine } from "../../components/MobileSecondLine";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { CreateUserDialog } from "./CreateUserDialog";

export default function UsersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const notify = useNotify();
  const [creating, setCreating] = useState(false);

  const columns: Column<User>[] = [
    {
      key: "name",
      label: t("users.name"),
      sortKey: "name",
      render: (u) => <WithMobileLine main={u.name} line={<bdi>{u.email}</bdi>} />,
    },
    {
      key: "email",
      label: t("users.email"),
      sortKey: "email",
      hideOnMobile: true,
      render: (u) => <bdi>{u.email}</bdi>,
    },
    {
      key: "roles",
      label: t("users.roles"),
      hideOnMobile: true,
      render: (u) => (u.grants.length === 0 ? "—" : u.grants.map((g) => <RoleChip key={g.id} role={g.role} />)),
    },
    { key: "active", label: t("users.active"), render: (u) => <ActiveChip active={u.active} /> },
    {
      key: "createdAt",
      label: t("users.createdAt"),
      sortKey: "createdAt",
      hideOnMobile: true,
      render: (u) => <JalaliDate value={u.createdAt} withTime={false} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t("users.title")}
        actions={
          can("user.manage") && (
            <Button
              variant="contained"
              startIcon={<PersonAdd />}
              onClick={() => setCreating(true)}
              data-testid="users-create"
            >
              {t("users.create")}
            </Button>
          )
        }
      />
      <DataTable<User>
        path="/users"
        columns={columns}
        rowKey={(u) => u.id}
        searchable
        searchPlaceholder={t("users.search")}
        defaultSort={{ sort: "name", order: "asc" }}
        onRowClick={(u) => navigate(`/users/${encodeURIComponent(u.id)}`)}
        testId="users-table"
        ariaLabel={t("users.title")}
      />
      <CreateUserDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u, invited) => {
          setCreating(false);
          notify.success(invited ? t("users.invited", { name: u.name }) : t("users.created", { name: u.name }));
        }}
      />
    </>
  );
}
