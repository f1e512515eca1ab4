/** English: one module per namespace; each area of the client owns its namespace. */
import common from "./en/common";
import scenes from "./en/scenes";
import feed from "./en/feed";

export default { common, scenes, feed };
