/** English: one module per namespace; each area of the client owns its namespace. */
import common from "./en/common";
import home from "./en/home";
import errors from "./en/errors";

export default { common, home, errors };
