/** API tests that start Khooshe as a process run the built bundle, so it is built from the current sources first. */
import { buildServer } from "../../scripts/build-server.mjs";

export default async function setup() {
  await buildServer();
}
