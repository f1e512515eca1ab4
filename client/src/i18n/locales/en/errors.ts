/** Errors the client shows, by the code the server or engine returns: the engine's own English (shared/errors.ts), and the client's. */
import { errorText } from "../../../../../shared/errors";

export default {
  ...errorText,
  NOT_CONNECTED: "Not connected.",
  TIMEOUT: "The server did not answer in time.",
  NOT_FOUND: "Nothing was found at that address.",
  unknown: "Could not do that ({{code}}).",
};
