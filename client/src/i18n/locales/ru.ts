/** Russian: the same namespaces and keys as English (tests/client/i18n.test.ts checks). */
import common from "./ru/common";
import table from "./ru/table";

export default { common, table };
