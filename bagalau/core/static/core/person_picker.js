// Person pickers (issue 13 item 8; bagalau/core/widgets.py). Without this script the picker is
// its plain <select> or check boxes; with it, the search box is shown and hides the persons whose
// folded name does not contain the folded text typed. The server writes each person's folded
// label into data-fold and the folding table (Kazakh letters -> Russian look-alikes, collation.fold)
// into the box's data-fold-from / data-fold-to. A chosen person stays visible. No inline script (CSP).
// A picker of a long list (data-person-find, issue 12) lists only the chosen persons and the first
// matches; its "Find" button sends the form back as a search (core.forms.FIND). Here the same
// request is sent as one types, and the matches of the page that comes back are put in place.
(() => {
  const findUp = (picker) => {
    const box = picker.querySelector("[data-person-search]");
    const button = picker.querySelector("[data-person-find-button]");
    if (!box || !button || !box.form || box.dataset.ready) {
      return;
    }
    box.dataset.ready = "1";
    button.type = "button"; // Enter in the form's other fields submits it as before
    const form = box.form;
    let asked = 0;
    let timer = 0;
    const ask = async () => {
      window.clearTimeout(timer);
      asked += 1;
      const mine = asked;
      const data = new FormData(form);
      data.set(button.name, button.value);
      let text = "";
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: data,
          credentials: "same-origin",
        });
        text = await response.text();
      } catch {
        return;
      }
      const page = new DOMParser().parseFromString(text, "text/html");
      const name = CSS.escape(picker.dataset.personFind);
      const fresh = page.querySelector(`[data-person-find="${name}"] [data-person-found]`);
      const found = picker.querySelector("[data-person-found]");
      if (mine === asked && fresh && found) {
        found.replaceWith(document.importNode(fresh, true));
      }
    };
    box.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 250);
    });
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        ask();
      }
    });
    button.addEventListener("click", ask);
  };

  const itemOf = (option) =>
    option.tagName === "OPTION" ? option : option.closest("label, [data-pick-item]") || option;

  const chosen = (option) => (option.tagName === "OPTION" ? option.selected : option.checked);

  const setUp = (picker) => {
    const box = picker.querySelector("[data-person-filter]");
    if (!box || box.dataset.ready) {
      return;
    }
    box.dataset.ready = "1";
    const from = box.dataset.foldFrom || "";
    const to = box.dataset.foldTo || "";
    const fold = (text) =>
      Array.from(text.toLocaleLowerCase().trim())
        .map((letter) => {
          const at = from.indexOf(letter);
          return at < 0 ? letter : to[at];
        })
        .join("");
    const options = Array.from(picker.querySelectorAll("[data-fold]"));
    const count = picker.querySelector("[data-person-count]");
    const format = box.dataset.countFormat || "%(shown)s / %(total)s";
    const narrow = () => {
      const wanted = fold(box.value);
      let shown = 0;
      options.forEach((option) => {
        const hit = !wanted || option.dataset.fold.includes(wanted) || chosen(option);
        itemOf(option).hidden = !hit;
        shown += hit ? 1 : 0;
      });
      picker.querySelectorAll("fieldset").forEach((group) => {
        group.hidden = !Array.from(group.querySelectorAll("[data-fold]")).some(
          (option) => !itemOf(option).hidden,
        );
      });
      if (count) {
        count.hidden = !wanted;
        count.textContent = format
          .replace("%(shown)s", String(shown))
          .replace("%(total)s", String(options.length));
      }
    };
    box.hidden = false;
    box.addEventListener("input", narrow);
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  };

  const setUpAll = (root) => {
    root.querySelectorAll("[data-person-picker]:not([data-person-find])").forEach(setUp);
    root.querySelectorAll("[data-person-find]").forEach(findUp);
  };
  setUpAll(document);
  document.addEventListener("htmx:load", (event) => setUpAll(event.target));
})();
