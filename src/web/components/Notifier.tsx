import Alert, { type AlertColor } from "@mui/material/Alert";
import Snackbar from "@mui/material/Snackbar";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { errorMessage } from "../app/api";

interface Note {
  id: number;
  message: string;
  severity: AlertColor;
}

interface Notifier {
  success: (message: string) => void;
  error: (err: unknown) => void;
}

const NotifierContext = createContext<Notifier | null>(null);

/** Short messages after an action: "saved", or the server's error message. */
export function NotifierProvider({ children }: { children: ReactNode }) {
  const [note, setNote] = useState<Note | null>(null);
  const show = useCallback((message: string, severity: AlertColor) => {
    setNote({ id: Date.now(), message, severity });
  }, []);
  const value = useMemo<Notifier>(
    () => ({ success: (m) => show(m, "success"), error: (e) => show(errorMessage(e), "error") }),
    [show],
  );
  return (
    <NotifierContext.Provider value={value}>
      {children}
      <Snackbar
        key={note?.id}
        open={note !== null}
        autoHideDuration={note?.severity === "error" ? 8000 : 4000}
        onClose={(_, reason) => reason !== "clickaway" && setNote(null)}
        anchorOrigin={{ vertical: "bottom", horizontal: "center" }}
      >
        {note ? (
          <Alert severity={note.severity} variant="filled" onClose={() => setNote(null)} data-testid="snackbar">
            {note.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifierContext.Provider>
  );
}

export function useNotify(): Notifier {
  const ctx = useContext(NotifierContext);
  if (!ctx) throw new Error("useNotify outside NotifierProvider");
  return ctx;
}
