/**
 * Reading ticket QR codes from the phone's back camera for the check-in page.
 * The browser's own BarcodeDetector is used where it reads QR codes (Chrome
 * on Android); elsewhere (iOS Safari, Firefox) jsqr decodes canvas frames.
 * jsqr is imported lazily so only the check-in page downloads it.
 */

/** The part of the Shape Detection API used here (not in TypeScript's DOM library). */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

type Decode = (video: HTMLVideoElement) => Promise<string | null>;

/** A frame is read at most this often: enough for a person holding up a phone, light on a cheap one. */
const FRAME_MS = 200;
/** The same code seen again within this time is the same ticket still in front of the camera. */
const REPEAT_MS = 4000;
/** Frames are scaled down to this width before jsqr reads them (a ticket fills much of the frame). */
const MAX_WIDTH = 640;

/** Whether this browser can open a camera at all (a secure context with mediaDevices). */
export function cameraAvailable(): boolean {
  return typeof navigator !== "undefined" && !!navigator.mediaDevices?.getUserMedia;
}

async function nativeDecoder(): Promise<Decode | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const formats = (await Detector.getSupportedFormats?.()) ?? ["qr_code"];
    if (!formats.includes("qr_code")) return null;
    const detector = new Detector({ formats: ["qr_code"] });
    return async (video) => {
      const found = await detector.detect(video);
      return found[0]?.rawValue ?? null;
    };
  } catch {
    return null;
  }
}

async function jsqrDecoder(): Promise<Decode> {
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  return async (video) => {
    if (!ctx || video.videoWidth === 0) return null;
    const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
    const w = Math.round(video.videoWidth * scale);
    const h = Math.round(video.videoHeight * scale);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    ctx.drawImage(video, 0, 0, w, h);
    const image = ctx.getImageData(0, 0, w, h);
    return jsQR(image.data, w, h, { inversionAttempts: "dontInvert" })?.data ?? null;
  };
}

export interface QrScanner {
  /** Stops reading and turns the camera off (its light goes out). */
  stop(): void;
}

/**
 * Opens the back camera into `video` and calls `onCode` with each code read
 * (a code held in front of the camera is reported once, not every frame).
 * Rejects when the camera cannot be opened (no permission, no camera): the
 * page then offers the manual code entry.
 */
export async function startQrScanner(video: HTMLVideoElement, onCode: (code: string) => void): Promise<QrScanner> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  try {
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play();
    const decode = (await nativeDecoder()) ?? (await jsqrDecoder());
    let last = { code: "", at: 0 };
    const tick = async () => {
      if (stopped) return;
      try {
        const code = video.readyState >= 2 ? await decode(video) : null;
        const now = Date.now();
        if (code && !stopped && (code !== last.code || now - last.at > REPEAT_MS)) {
          last = { code, at: now };
          onCode(code);
        } else if (code) last.at = now;
      } catch {
        // A frame that cannot be read (the video resizing, a detector hiccup) is skipped.
      }
      if (!stopped) timer = setTimeout(() => void tick(), FRAME_MS);
    };
    void tick();
  } catch (e) {
    stop();
    throw e;
  }
  return { stop };
}

/**
 * The ticket code in what was read or typed: the code itself, or a link
 * ending in it (a ticket printed from the public status page), or a typed
 * code with spaces between its groups; null when nothing looks like a code
 * (dashes are part of the base64url alphabet, so they stay).
 */
export function codeFromQr(text: string): string | null {
  const s = text.trim();
  if (/^[A-Za-z0-9_-]{20,64}$/.test(s)) return s;
  const tail = /[#/=]([A-Za-z0-9_-]{20,64})\/?$/.exec(s);
  if (tail?.[1]) return tail[1];
  const compact = s.replace(/\s+/g, "");
  return /^[A-Za-z0-9_-]{20,64}$/.test(compact) ? compact : null;
}
