import { defineModule } from "../module";

export const importsModule = defineModule({
  name: "imports",
  errorCodes: [],
});
