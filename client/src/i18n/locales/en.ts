/** English: one module per namespace; each area of the client owns its namespace. */
import common from "./en/common";
import debrief from "./en/debrief";
import errors from "./en/errors";
import feed from "./en/feed";
import home from "./en/home";
import host from "./en/host";
import origin from "./en/origin";
import replay from "./en/replay";
import scenes from "./en/scenes";
import table from "./en/table";

export default { common, debrief, errors, feed, home, host, origin, replay, scenes, table };
