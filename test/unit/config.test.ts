import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/server/config";

const load = (env: Record<string, string>) => loadConfig(env as NodeJS.ProcessEnv);

describe("loadConfig(): PUBLIC_URL", () => {
  it("keeps the origin of an http(s) URL, none when unset, and refuses anything else", () => {
    expect(load({ PUBLIC_URL: "https://khooshe.example.ir/" }).publicUrl).toBe("https://khooshe.example.ir");
    expect(load({}).publicUrl).toBeNull();
    expect(() => load({ PUBLIC_URL: "javascript:alert(1)" })).toThrow(/PUBLIC_URL/);
    expect(() => load({ PUBLIC_URL: "khooshe.example.ir" })).toThrow(/PUBLIC_URL/);
  });
});

describe("loadConfig(): SMTP_URL", () => {
  it("takes an smtp:// or smtps:// URL, and no value as no SMTP", () => {
    expect(load({ SMTP_URL: "smtp://relay.example.ir:25?ignoreTLS=true" }).smtpUrl).toBe(
      "smtp://relay.example.ir:25?ignoreTLS=true",
    );
    expect(load({ SMTP_URL: "smtps://u:p@mail.example.ir:465" }).smtpUrl).toBe("smtps://u:p@mail.example.ir:465");
    expect(load({ SMTP_URL: "" }).smtpUrl).toBeNull();
    expect(load({}).smtpUrl).toBeNull();
  });

  it("stops at start with one clear line for anything else, not later when the first mail is sent", () => {
    for (const bad of ["relay.example.ir", "http://relay.example.ir", "smtp//x"]) {
      expect(() => load({ SMTP_URL: bad })).toThrow(ConfigError);
      expect(() => load({ SMTP_URL: bad })).toThrow(/SMTP_URL/);
    }
  });
});
