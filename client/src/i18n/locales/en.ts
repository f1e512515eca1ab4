/** English: one module per namespace; each area of the client owns its namespace. */
import common from "./en/common";
import table from "./en/table";

export default { common, table };
