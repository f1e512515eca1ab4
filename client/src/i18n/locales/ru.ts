/** Russian: the same namespaces and keys as English (tests/client/i18n.test.ts checks). */
import common from "./ru/common";
import home from "./ru/home";
import errors from "./ru/errors";

export default { common, home, errors };
