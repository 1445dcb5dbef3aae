import DoneAll from "@mui/icons-material/DoneAll";
import NotificationsOutlined from "@mui/icons-material/NotificationsOutlined";
import Badge from "@mui/material/Badge";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Divider from "@mui/material/Divider";
import IconButton from "@mui/material/IconButton";
import ListItemText from "@mui/material/ListItemText";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ROLES } from "../../core/permissions";
import { api } from "../app/api";
import { useFormat } from "../app/format";
import { tDynamic } from "../app/i18n";
import type { NotificationItem, NotificationPage } from "../app/types";
import { useNotify } from "./Notifier";

const KEY = ["/notifications"];

export function notificationText(n: NotificationItem): string {
  const params: Record<string, string> = { ...n.params };
  // Role keys arrive raw ("province_admin"); show their names.
  if (params.role && (ROLES as readonly string[]).includes(params.role)) params.role = tDynamic(`roles.${params.role}`);
  return tDynamic(`notifications.${n.kind}`, { ...params, defaultValue: tDynamic("notifications.unknown") });
}

export function NotificationsBell() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const list = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<NotificationPage>("/notifications", { limit: 20 }, signal),
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post<void>(`/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
    onError: notify.error,
  });
  const markAll = useMutation({
    mutationFn: () => api.post<void>("/notifications/read-all"),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
    onError: notify.error,
  });

  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  function open(n: NotificationItem) {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) {
      setAnchor(null);
      if (n.link.startsWith("/")) navigate(n.link);
    }
  }

  return (
    <>
      <IconButton
        color="inherit"
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-label={t("notifications.open", { count: unread, n: f.num(unread) })}
        data-testid="notifications-bell"
      >
        <Badge badgeContent={unread > 0 ? f.num(unread) : undefined} color="error" data-testid="notifications-count">
          <NotificationsOutlined />
        </Badge>
      </IconButton>
      <Menu
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        slotProps={{ paper: { sx: { width: 360, maxWidth: "calc(100vw - 16px)", maxHeight: 480 } } }}
      >
        <Box sx={{ display: "flex", alignItems: "center", px: 2, py: 1, gap: 1 }}>
          <Typography variant="subtitle1" sx={{ flexGrow: 1, fontWeight: 600 }}>
            {t("notifications.title")}
          </Typography>
          <Button
            size="small"
            startIcon={<DoneAll />}
            disabled={unread === 0 || markAll.isPending}
            onClick={() => markAll.mutate()}
            data-testid="notifications-read-all"
          >
            {t("notifications.markAllRead")}
          </Button>
        </Box>
        <Divider />
        {items.length === 0 && (
          <MenuItem disabled>
            <ListItemText primary={list.isPending ? t("common.loading") : t("notifications.empty")} />
          </MenuItem>
        )}
        {items.map((n) => (
          <MenuItem
            key={n.id}
            onClick={() => open(n)}
            sx={{ whiteSpace: "normal", alignItems: "flex-start", bgcolor: n.readAt ? undefined : "action.hover" }}
            data-testid="notification-item"
          >
            <ListItemText
              primary={notificationText(n)}
              secondary={f.date(n.createdAt)}
              slotProps={{ primary: { sx: { fontWeight: n.readAt ? 400 : 600, fontSize: 14 } } }}
            />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
