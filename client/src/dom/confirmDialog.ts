/**
 * A modal confirmation for an action that cannot be undone: a real <dialog>, focus on the safe choice, Escape and
 * Cancel both say no, and focus goes back to whatever opened it.
 */
import { h } from "./h";

let seq = 0;

export interface ConfirmText { title: string; body: string; confirm: string; cancel: string }

/** Asks; resolves true only when the person chose the confirming button. */
export function confirmDialog(text: ConfirmText): Promise<boolean> {
  const id = `confirm-${++seq}`;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const cancel = h("button", { type: "submit", value: "cancel", class: "confirm-cancel" }, text.cancel);
  const ok = h("button", { type: "submit", value: "confirm", class: "danger confirm-ok" }, text.confirm);
  const dialog = h("dialog", { class: "confirm-dialog", "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-body` },
    h("form", { method: "dialog" },
      h("h2", { id: `${id}-title` }, text.title),
      h("p", { id: `${id}-body` }, text.body),
      h("div", { class: "confirm-buttons" }, cancel, ok)));
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const yes = dialog.returnValue === "confirm";
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(yes);
    }, { once: true });
    dialog.showModal();
    // The safe answer has the focus: Enter on an unexpected dialog cancels.
    cancel.focus();
  });
}
