/**
 * `npm start`: open (and create) the database, migrate, load the Persian demo
 * data on first start, and serve Khooshe. SIGTERM/SIGINT finish in-flight
 * requests, then close the database.
 */
import { ConfigError, loadConfig } from "./config";
import { DEMO_PASSWORD } from "./demo/data";
import { loadDemo } from "./demo/load";
import { createServer, openAndMigrate } from "./start";

async function main() {
  const started = performance.now();
  const config = loadConfig();
  const database = await openAndMigrate(config);
  const demo = config.demo === "auto" ? await loadDemo(database) : null;
  const app = await createServer(config, database, { logger: config.logLevel !== "silent" });
  let closing = false;
  // Responses finished during shutdown close their keep-alive connection, so
  // server.close() is not left waiting on a client that would reuse it.
  app.addHook("onSend", async (_req, reply) => {
    if (closing) reply.header("connection", "close");
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const lines = [
    "",
    `Khooshe is running at http://${config.host}:${port}`,
    `Database: ${database.dialect} (${database.describe})`,
    `API docs: http://${config.host}:${port}/api/docs`,
    `Started in ${Math.round(performance.now() - started)} ms`,
  ];
  if (demo) {
    lines.push(demo.loaded ? "Demo data loaded. Demo accounts:" : "Demo accounts (if not changed since):");
    for (const a of demo.accounts) lines.push(`  ${a.role.padEnd(16)} ${a.email.padEnd(22)} ${DEMO_PASSWORD}`);
  }
  console.log(lines.join("\n"));

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing requests and closing the database…`);
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(`Khooshe cannot start: ${e.message}`);
  else console.error(`Khooshe cannot start: ${(e as Error).message ?? String(e)}`);
  process.exit(1);
});
