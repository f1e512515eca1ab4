/** Russian: the same namespaces and keys as English (tests/client/i18n.test.ts checks). */
import common from "./ru/common";
import debrief from "./ru/debrief";
import replay from "./ru/replay";

export default { common, replay, debrief };
