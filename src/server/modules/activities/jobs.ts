/**
 * activities.offer_expiry: a seat offered to the next on the waiting list
 * passes on when the offer runs out. Queued with the offer, to run at its
 * end; an offer taken or cancelled by then is left alone.
 */
import { z } from "zod";
import { defineJob } from "../../jobs/queue";
import { expireOffer } from "./registrations";

export const offerExpiryJob = defineJob({
  kind: "activities.offer_expiry",
  payload: z.strictObject({ registrationId: z.string() }),
  maxAttempts: 5,
  async run(deps, payload) {
    await expireOffer(deps, payload.registrationId);
  },
});
