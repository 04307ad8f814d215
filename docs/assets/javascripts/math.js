// Render math with the KaTeX the site serves itself, on first load and after every
// instant navigation (Material emits document$ for both).
function renderMath(root) {
  // pages: pymdownx.arithmatex wraps math in .arithmatex with \( \) and \[ \] delimiters
  for (const element of root.querySelectorAll(".arithmatex")) {
    renderMathInElement(element, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
    });
  }
  // notebooks: Markdown cells keep Jupyter's $ and $$ delimiters
  for (const element of root.querySelectorAll(".jupyter-wrapper .jp-MarkdownOutput")) {
    renderMathInElement(element, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
      throwOnError: false,
    });
  }
}

document$.subscribe(({ body }) => renderMath(body));
