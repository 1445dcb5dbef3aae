import Button from "@mui/material/Button";
import DialogActions from "@mui/material/DialogActions";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The foot of a form dialog: Cancel, then the submit button. The dialog's
 * form (FormDialog, or a paper rendered as a form) handles the submit.
 */
export function DialogActionsRow(props: {
  onCancel: () => void;
  submitLabel: ReactNode;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <DialogActions>
      <Button onClick={props.onCancel}>{t("common.cancel")}</Button>
      <Button type="submit" variant="contained" disabled={props.disabled} data-testid={props.testId}>
        {props.submitLabel}
      </Button>
    </DialogActions>
  );
}
