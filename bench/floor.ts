/**
 * The floor: a bare Fastify server that answers each scenario's requests
 * with the response Khooshe gave to the same request (status, type,
 * encoding and the exact body bytes, captured in the same run), from
 * memory. What it costs to serve those bytes over HTTP on this machine is
 * the floor Khooshe's throughput is measured against.
 *
 *   node --import tsx bench/floor.ts <captured.json>   (PORT from the environment)
 */
import fs from "node:fs";
import Fastify from "fastify";

export interface Captured {
  /** `METHOD /path?query`, or with ids as :id for requests built anew each time. */
  key: string;
  status: number;
  type: string;
  encoding: string | null;
  /** base64 */
  body: string;
}

/** A path with its UUIDs as :id: how requests built per call (another cluster each time) are matched. */
export function pattern(method: string, url: string): string {
  return `${method} ${url.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id")}`;
}

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error("usage: floor.ts <captured.json>");
  const list = JSON.parse(fs.readFileSync(file, "utf8")) as Captured[];
  const answers = new Map(
    list.map((c) => [
      c.key,
      { status: c.status, type: c.type, encoding: c.encoding, body: Buffer.from(c.body, "base64") },
    ]),
  );
  const app = Fastify({ logger: false });
  app.get("/__floor", async () => ({ ok: true }));
  app.route({
    method: ["GET", "POST", "PATCH"],
    url: "/*",
    handler: (req, reply) => {
      const a = answers.get(`${req.method} ${req.url}`) ?? answers.get(pattern(req.method, req.url));
      if (!a) return reply.code(404).send({ floor: "no captured answer", key: `${req.method} ${req.url}` });
      reply.code(a.status).header("content-type", a.type);
      if (a.encoding) reply.header("content-encoding", a.encoding);
      return reply.send(a.body);
    },
  });
  await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? "127.0.0.1" });
  const stop = () => void app.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (process.argv[1]?.endsWith("floor.ts")) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
