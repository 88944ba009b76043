// A table wider than the screen scrolls inside its box (a .table-wrap, a card, a chart) instead of
// widening the page. Such a box must take the keyboard focus, or a reader without a mouse cannot
// scroll it (WCAG 2.1.1): while it scrolls it gets tabindex="0" and, named after its table's caption
// or the nearest heading, the role of a region; when it fits again (a wider window) both go.
(() => {
  const BOXES = ".table-wrap, .card, .chart";
  const HEADINGS = "h1, h2, h3, h4";

  const scrolls = (box) => {
    const overflow = getComputedStyle(box).overflowX;
    return (overflow === "auto" || overflow === "scroll") && box.scrollWidth > box.clientWidth + 1;
  };

  const headingBefore = (box) => {
    for (let el = box; el && el.tagName !== "MAIN"; el = el.parentElement) {
      for (let prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
        const heading = prev.matches(HEADINGS) ? prev : prev.querySelector(HEADINGS);
        if (heading) return heading;
      }
    }
    return null;
  };

  const nameOf = (box) => {
    const source = box.querySelector("caption") || box.querySelector(HEADINGS) || headingBefore(box);
    return source ? source.textContent.replace(/\s+/g, " ").trim().slice(0, 120) : "";
  };

  const mark = () => {
    for (const box of document.querySelectorAll(BOXES)) {
      const marked = "scroller" in box.dataset;
      const scrolling = scrolls(box);
      if (scrolling && !marked && !box.hasAttribute("tabindex")) {
        const name = box.hasAttribute("role") ? "" : nameOf(box);
        box.dataset.scroller = name ? "named" : "";
        box.tabIndex = 0;
        if (name) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", name);
        }
      } else if (marked && !scrolling) {
        if (box.dataset.scroller === "named") {
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
        delete box.dataset.scroller;
        box.removeAttribute("tabindex");
      }
    }
  };

  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
  document.addEventListener("htmx:afterSettle", mark);
})();
