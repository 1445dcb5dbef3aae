/**
 * A large JSON answer kept serialized and compressed, sent as it is.
 *
 * @fastify/compress compresses every answer on the fly; for a document of
 * hundreds of kilobytes that many clients fetch unchanged (a 3,000-actor
 * network is ~800 KB of JSON) the serialization and gzip of each request
 * cost more than everything else put together. A module that caches such a
 * body keeps a PrecompressedJson and answers with sendPrecompressed(): the
 * encodings are made once, when first asked for, and the plugin passes an
 * answer that already has its Content-Encoding.
 */
import { promisify } from "node:util";
import zlib from "node:zlib";
import { negotiate } from "@fastify/accept-negotiator";
import type { FastifyReply, FastifyRequest } from "fastify";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** The app's order of preference (app.ts registers @fastify/compress with the same). */
const ENCODINGS = ["gzip", "br"] as const;
type Encoding = (typeof ENCODINGS)[number];

export class PrecompressedJson {
  readonly json: Buffer;
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();

  constructor(json: string) {
    this.json = Buffer.from(json, "utf8");
  }

  /** Bytes this body holds with its two encodings (about a sixth of the JSON each), for a cache's bound. */
  get size(): number {
    return Math.ceil(this.json.length * 1.35);
  }

  encoding(e: Encoding): Promise<Buffer> {
    let p = this.encoded.get(e);
    if (!p) {
      p =
        e === "gzip"
          ? gzip(this.json, { level: 6 })
          : brotli(this.json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
      this.encoded.set(e, p);
    }
    return p;
  }
}

export async function sendPrecompressed(req: FastifyRequest, reply: FastifyReply, body: PrecompressedJson) {
  const header = req.headers["accept-encoding"];
  // As @fastify/compress reads it: "*" and x-gzip stand for gzip.
  const wanted = header ? negotiate(header.toLowerCase().replace(/\*|x-gzip/g, "gzip"), [...ENCODINGS]) : null;
  reply.header("vary", "accept-encoding").type("application/json; charset=utf-8");
  if (wanted !== "gzip" && wanted !== "br") return reply.send(body.json);
  reply.header("content-encoding", wanted);
  return reply.send(await body.encoding(wanted));
}
