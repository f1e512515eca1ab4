/** English: one module per namespace; each area of the client owns its namespace. */
import common from "./en/common";
import host from "./en/host";

export default { common, host };
