/** Russian: the same namespaces and keys as English (tests/client/i18n.test.ts checks). */
import common from "./ru/common";
import errors from "./ru/errors";
import home from "./ru/home";
import host from "./ru/host";

export default { common, errors, home, host };
