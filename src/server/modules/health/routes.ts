import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { HealthOut } from "../../../core/schemas/health";

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/health",
    {
      // Load balancers and monitors ask without signing in.
      config: { public: true },
      schema: {
        tags: ["health"],
        operationId: "getHealth",
        summary: "Whether the server and its database answer",
        description:
          "Anyone may call it, without signing in. Answers 200 with `status: ok` and the database's round-trip time when the database answers, or 503 with `status: degraded` when it does not.",
        response: { 200: HealthOut, 503: HealthOut },
      },
    },
    async (_req, reply) => {
      const { database } = app.deps;
      const started = performance.now();
      try {
        await sql`select 1`.execute(database.db);
        const latencyMs = Math.round((performance.now() - started) * 10) / 10;
        return { status: "ok" as const, database: { dialect: database.dialect, ok: true, latencyMs } };
      } catch {
        return reply
          .code(503)
          .send({ status: "degraded" as const, database: { dialect: database.dialect, ok: false, latencyMs: null } });
      }
    },
  );
};
