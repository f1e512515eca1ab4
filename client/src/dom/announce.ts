/** Speaks to screen readers through the page's ARIA live region, and shows errors as a toast. */

export function announce(text: string): void {
  const live = document.getElementById("live");
  if (!live) return;
  live.textContent = "";
  // A fresh text node after a tick makes screen readers read repeated messages too.
  setTimeout(() => { live.textContent = text; }, 30);
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(text: string, kind: "error" | "info" = "error"): void {
  let el = document.getElementById("toast");
  if (!el) {
    el = document.createElement("div");
    el.id = "toast";
    el.setAttribute("role", "alert");
    document.body.append(el);
  }
  el.className = `toast ${kind}`;
  el.textContent = text;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el?.classList.add("hidden"), 5000);
}
