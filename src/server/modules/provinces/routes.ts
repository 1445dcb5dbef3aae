import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageOf } from "../../../core/schemas/common";
import { ProvinceOut } from "../../../core/schemas/provinces";
import { requireActor } from "../../auth/authorize";

export const provinceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/provinces",
    {
      schema: {
        tags: ["reference"],
        operationId: "listProvinces",
        summary: "Iran's 31 provinces (ISO 3166-2:IR)",
        description:
          "Any signed-in caller may read it. Returns every province with its ISO 3166-2:IR code (the `provinceCode` used across the API) and its Persian and English names, ordered by code.",
        response: { 200: pageOf(ProvinceOut) },
      },
    },
    async (req) => {
      requireActor(req.auth.actor);
      const rows = await app.deps.database.db.selectFrom("provinces").selectAll().orderBy("code").execute();
      return { items: rows.map((r) => ({ code: r.code, nameFa: r.name_fa, nameEn: r.name_en })), total: rows.length };
    },
  );
};
