/** Russian: the same namespaces and keys as English (tests/client/i18n.test.ts checks). */
import common from "./ru/common";
import debrief from "./ru/debrief";
import errors from "./ru/errors";
import feed from "./ru/feed";
import home from "./ru/home";
import host from "./ru/host";
import origin from "./ru/origin";
import replay from "./ru/replay";
import scenes from "./ru/scenes";
import table from "./ru/table";

export default { common, debrief, errors, feed, home, host, origin, replay, scenes, table };
