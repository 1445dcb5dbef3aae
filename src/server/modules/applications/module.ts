import { defineModule } from "../module";

export const applicationsModule = defineModule({
  name: "applications",
  errorCodes: [],
});
