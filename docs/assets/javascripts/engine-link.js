// A shared link can pick the engine: ...?engine=polars opens the Polars tab of every comparison
// on the page (Material's linked tabs then keep that choice on the pages the reader visits next).
document$.subscribe(() => {
  const engine = new URLSearchParams(window.location.search).get("engine");
  if (!engine) return;
  const wanted = engine.trim().toLowerCase();
  for (const label of document.querySelectorAll(".tabbed-labels > label")) {
    if (label.textContent.trim().toLowerCase() === wanted) {
      label.click();
      return;
    }
  }
});
