import QrCodeScanner from "@mui/icons-material/QrCodeScanner";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import TextField from "@mui/material/TextField";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../app/api";
import type { CheckInItem } from "./CheckInPage";
import { cameraAvailable, codeFromQr, startQrScanner } from "./qrScanner";
import { activityPath } from "./shared";

type Result = { ok: true; name: string; again: boolean } | { ok: false; message: string };

/**
 * Check-in by ticket: the phone's camera reading the QR code, or the code
 * typed from the ticket when there is no camera (or no permission). Each
 * code read is checked in at once and the result shown in large print.
 */
export function CheckInScanner({
  activityId,
  sessionId,
  onCheckedIn,
}: {
  activityId: string;
  sessionId: string | null;
  onCheckedIn: (row: CheckInItem) => void;
}) {
  const { t } = useTranslation();
  const [scanning, setScanning] = useState(false);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [manual, setManual] = useState("");
  const [busy, setBusy] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  // A code read while the previous one is still on its way is dropped (the camera reads several frames a second).
  const inFlight = useRef(false);
  const videoLabel = useId();

  const submit = useCallback(
    async (raw: string) => {
      const code = codeFromQr(raw);
      if (inFlight.current) return;
      if (!code) {
        setResult({ ok: false, message: t("checkIn.scan.badCode") });
        return;
      }
      inFlight.current = true;
      setBusy(true);
      try {
        const row = await api.post<CheckInItem>(`${activityPath(activityId)}/check-ins`, { code, sessionId });
        // The server answers the existing row when the ticket was already checked in.
        setResult({
          ok: true,
          name: row.name,
          again: row.checkedInAt !== null && Date.now() - Date.parse(row.checkedInAt) > 10_000,
        });
        onCheckedIn(row);
        return true;
      } catch (e) {
        setResult({ ok: false, message: errorMessage(e) });
        return false;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [activityId, sessionId, onCheckedIn, t],
  );

  useEffect(() => {
    if (!scanning) return;
    const video = videoRef.current;
    if (!video) return;
    let scanner: { stop(): void } | null = null;
    let cancelled = false;
    setCameraError(null);
    startQrScanner(video, (code) => void submit(code)).then(
      (s) => {
        if (cancelled) s.stop();
        else scanner = s;
      },
      () => {
        if (cancelled) return;
        setCameraError(t("checkIn.scan.cameraFailed"));
        setScanning(false);
      },
    );
    // Leaving the page (or closing the camera) turns the camera off.
    return () => {
      cancelled = true;
      scanner?.stop();
    };
  }, [scanning, submit, t]);

  return (
    <Paper variant="outlined" sx={{ p: 1.5, display: "grid", gap: 1.5 }} data-testid="check-in-scanner">
      {cameraAvailable() && (
        <Button
          variant={scanning ? "outlined" : "contained"}
          size="large"
          startIcon={<QrCodeScanner />}
          sx={{ minHeight: 52 }}
          onClick={() => setScanning((s) => !s)}
          aria-pressed={scanning}
          data-testid="scan-toggle"
        >
          {scanning ? t("checkIn.scan.stop") : t("checkIn.scan.start")}
        </Button>
      )}
      {scanning && (
        <Box sx={{ position: "relative", width: "100%", maxWidth: 480, mx: "auto" }}>
          <Box id={videoLabel} sx={{ fontSize: 13, color: "text.secondary", mb: 0.5, textAlign: "center" }}>
            {t("checkIn.scan.videoLabel")}
          </Box>
          <Box
            component="video"
            ref={videoRef}
            aria-labelledby={videoLabel}
            muted
            playsInline
            data-testid="scan-video"
            sx={{ width: "100%", aspectRatio: "1 / 1", objectFit: "cover", borderRadius: 1, bgcolor: "grey.900" }}
          />
        </Box>
      )}
      {cameraError && (
        <Alert severity="warning" data-testid="camera-error">
          {cameraError}
        </Alert>
      )}
      <Box
        component="form"
        sx={{ display: "flex", gap: 1, alignItems: "flex-start" }}
        onSubmit={(e) => {
          e.preventDefault();
          void submit(manual).then((ok) => {
            if (ok) setManual("");
          });
        }}
      >
        <TextField
          label={t("checkIn.scan.manualLabel")}
          value={manual}
          onChange={(e) => setManual(e.target.value)}
          size="small"
          fullWidth
          autoComplete="off"
          slotProps={{
            htmlInput: { "data-testid": "manual-code", dir: "ltr", autoCapitalize: "off", spellCheck: false },
          }}
        />
        <Button
          type="submit"
          variant="outlined"
          disabled={busy || manual.trim() === ""}
          sx={{ minHeight: 40, flex: "0 0 auto" }}
          data-testid="manual-code-submit"
        >
          {t("checkIn.scan.manualSubmit")}
        </Button>
      </Box>
      <Box aria-live="assertive" data-testid="scan-result">
        {result &&
          (result.ok ? (
            <Alert severity="success" variant="filled" sx={{ fontSize: 17 }} data-ok="true">
              {result.again
                ? t("checkIn.scan.already", { name: result.name })
                : t("checkIn.scan.ok", { name: result.name })}
            </Alert>
          ) : (
            <Alert severity="error" variant="filled" sx={{ fontSize: 17 }} data-ok="false">
              {result.message}
            </Alert>
          ))}
      </Box>
    </Paper>
  );
}
