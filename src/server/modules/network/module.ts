import { defineModule } from "../module";
import * as m0016 from "./migrations/0016_network_relationships";

export const networkModule = defineModule({
  name: "network",
  errorCodes: [],
  migrations: { "0016_network_relationships": m0016 },
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
});
