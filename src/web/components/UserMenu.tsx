import Key from "@mui/icons-material/Key";
import Logout from "@mui/icons-material/Logout";
import Avatar from "@mui/material/Avatar";
import Box from "@mui/material/Box";
import Divider from "@mui/material/Divider";
import IconButton from "@mui/material/IconButton";
import ListItemIcon from "@mui/material/ListItemIcon";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useAuth, useLogout } from "../app/auth";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((p) => p[0])
    .join("\u200c");
}

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const logout = useLogout();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);

  return (
    <>
      <IconButton
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-label={t("userMenu.open")}
        data-testid="user-menu"
        sx={{ p: 0.5 }}
      >
        <Avatar sx={{ width: 34, height: 34, fontSize: 15, bgcolor: "secondary.main" }}>{initials(user.name)}</Avatar>
      </IconButton>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <Box sx={{ px: 2, py: 1, maxWidth: 280 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }} data-testid="user-menu-name">
            {user.name}
          </Typography>
          <Typography variant="body2" color="text.secondary" noWrap>
            <bdi>{user.email}</bdi>
          </Typography>
        </Box>
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null);
            navigate("/account");
          }}
          data-testid="change-password"
        >
          <ListItemIcon>
            <Key fontSize="small" />
          </ListItemIcon>
          {t("userMenu.changePassword")}
        </MenuItem>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            logout.mutate();
          }}
          data-testid="sign-out"
        >
          <ListItemIcon>
            <Logout fontSize="small" />
          </ListItemIcon>
          {t("userMenu.signOut")}
        </MenuItem>
      </Menu>
    </>
  );
}
