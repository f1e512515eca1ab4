/** English: one module per namespace; each area of the client owns its namespace. */
import common from "./en/common";
import errors from "./en/errors";
import home from "./en/home";
import host from "./en/host";

export default { common, errors, home, host };
