/** English: one module per namespace; each area of the client owns its namespace. */
import common from "./en/common";
import origin from "./en/origin";

export default { common, origin };
