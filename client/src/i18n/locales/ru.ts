/** Russian: the same namespaces and keys as English (tests/client/i18n.test.ts checks). */
import common from "./ru/common";
import scenes from "./ru/scenes";
import feed from "./ru/feed";

export default { common, scenes, feed };
