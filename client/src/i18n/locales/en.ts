/** English: one module per namespace; each area of the client owns its namespace. */
import common from "./en/common";
import debrief from "./en/debrief";
import replay from "./en/replay";

export default { common, replay, debrief };
