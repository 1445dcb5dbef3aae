import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Dialog, { type DialogProps } from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import { useTheme } from "@mui/material/styles";
import useMediaQuery from "@mui/material/useMediaQuery";
import type { ReactNode } from "react";
import { FormProvider } from "react-hook-form";
import { DialogActionsRow } from "../DialogActionsRow";
import { type AnyForm, alertOf, applyProblem, type SchemaFormReturn } from "./schemaForm";

export interface SubmitOptions<Out> {
  form: SchemaFormReturn<Out>;
  /** Sends the parsed body; a rejection (ApiError) is put on the form's fields or its alert. */
  onSubmit: (body: Out) => Promise<unknown>;
  /** Rule errors that belong to one field (email_taken → "email"). */
  codes?: Record<string, string>;
}

/** The form's submit handler: validate with the schema, send, put a failure on the fields. */
export function useSchemaSubmit<Out>({ form, onSubmit, codes }: SubmitOptions<Out>) {
  return form.handleSubmit(async (body) => {
    try {
      await onSubmit(body);
    } catch (e) {
      applyProblem(form, e, codes);
    }
  });
}

/** The general alert: a problem that no field of the form shows. */
export function FormAlert({ form }: { form: AnyForm }) {
  const message = alertOf(form.formState.errors);
  return message ? <Alert severity="error">{message}</Alert> : null;
}

/**
 * A schema form inline on a page (no dialog): the form element, its fields'
 * context and its alert; the caller places the submit button (type="submit").
 */
export function SchemaForm<Out>({ children, ...options }: SubmitOptions<Out> & { children: ReactNode }) {
  const submit = useSchemaSubmit(options);
  return (
    <FormProvider {...options.form}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        {children}
      </form>
    </FormProvider>
  );
}

/**
 * A form in a dialog: title, the general alert when no field shows the
 * problem, the fields, then Cancel and submit (disabled while it is sent).
 * Full screen on phones. The browser's own validation bubbles stay off
 * (they would not speak the UI language); the schema speaks instead.
 */
export function FormDialog<Out>({
  title,
  submitLabel,
  submitTestId,
  submitDisabled,
  onClose,
  maxWidth = "sm",
  open = true,
  children,
  ...options
}: SubmitOptions<Out> & {
  title: ReactNode;
  submitLabel: ReactNode;
  submitTestId?: string;
  /** Nothing can be sent whatever is filled in (a cluster with no step to take). */
  submitDisabled?: boolean;
  onClose: () => void;
  maxWidth?: DialogProps["maxWidth"];
  open?: boolean;
  children: ReactNode;
}) {
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const submit = useSchemaSubmit(options);
  const busy = options.form.formState.isSubmitting;
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} maxWidth={maxWidth} fullWidth>
      <FormProvider {...options.form}>
        <form noValidate style={{ display: "contents" }} onSubmit={(e) => void submit(e)}>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
              <FormAlert form={options.form} />
              {children}
            </Box>
          </DialogContent>
          <DialogActionsRow
            onCancel={onClose}
            submitLabel={submitLabel}
            disabled={busy || submitDisabled}
            testId={submitTestId}
          />
        </form>
      </FormProvider>
    </Dialog>
  );
}
