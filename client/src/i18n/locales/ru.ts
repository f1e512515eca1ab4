/** Russian: the same namespaces and keys as English (tests/client/i18n.test.ts checks). */
import common from "./ru/common";
import errors from "./ru/errors";
import feed from "./ru/feed";
import home from "./ru/home";
import host from "./ru/host";
import origin from "./ru/origin";
import scenes from "./ru/scenes";

export default { common, errors, feed, home, host, origin, scenes };
