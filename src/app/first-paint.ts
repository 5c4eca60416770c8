// The server draws a run's first paint over the page (server/first-paint.ts) so the run shows
// before this code has loaded. It goes as soon as the app shows anything but a part marked as
// still waiting for it (`data-first-paint-wait`: the run page's loading skeleton): the run, an
// error, another page. The observer runs right after React's commit, before the browser paints,
// so the picture and the app are never seen together.

export function handOffFirstPaint(root: HTMLElement): void {
  const painted = document.getElementById('first-paint');
  if (!painted) return;
  const observer = new MutationObserver(() => {
    if (!root.firstChild || root.querySelector('[data-first-paint-wait]')) return;
    observer.disconnect();
    painted.remove();
  });
  observer.observe(root, { childList: true, subtree: true });
}
