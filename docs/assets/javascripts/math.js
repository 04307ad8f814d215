// Render math with the KaTeX the site serves itself, on first load and after every
// instant navigation (Material emits document$ for both).
//
// A formula-heavy page holds hundreds of formulas. Rendering them in one go blocks the main
// thread for most of a second on a phone, so they are rendered in slices of a few
// milliseconds, in page order, yielding to the browser between slices.
const SLICE_MS = 12;
let generation = 0; // a newer page stops the rendering of the previous one

const PAGE_MATH = {
  // pages: pymdownx.arithmatex wraps math in .arithmatex with \( \) and \[ \] delimiters
  selector: ".arithmatex",
  delimiters: [
    { left: "\\(", right: "\\)", display: false },
    { left: "\\[", right: "\\]", display: true },
  ],
};
const NOTEBOOK_MATH = {
  // notebooks: Markdown cells keep Jupyter's $ and $$ delimiters
  selector: ".jupyter-wrapper .jp-MarkdownOutput",
  delimiters: [
    { left: "$$", right: "$$", display: true },
    { left: "$", right: "$", display: false },
  ],
};

function renderMath(root) {
  const current = ++generation;
  const work = [PAGE_MATH, NOTEBOOK_MATH].flatMap(({ selector, delimiters }) =>
    [...root.querySelectorAll(selector)].map((element) => [element, delimiters]));
  function slice() {
    const start = performance.now();
    while (work.length && current === generation && performance.now() - start < SLICE_MS) {
      const [element, delimiters] = work.shift();
      renderMathInElement(element, { delimiters, throwOnError: false });
    }
    if (work.length && current === generation) setTimeout(slice, 0);
  }
  slice();
}

document$.subscribe(({ body }) => renderMath(body));
