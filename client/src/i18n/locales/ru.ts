/** Russian: the same namespaces and keys as English (tests/client/i18n.test.ts checks). */
import common from "./ru/common";
import origin from "./ru/origin";

export default { common, origin };
