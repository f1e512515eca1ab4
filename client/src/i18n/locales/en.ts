/** English: one module per namespace; each area of the client owns its namespace. */
import common from "./en/common";

export default { common };
