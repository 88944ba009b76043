/* The 360 questionnaire's draft, kept in the respondent's browser only (issue 8 item 3): the
   server never stores unfinished answers about a colleague. The entry's name (data-draft-key)
   is an HMAC the server derives for this user and questionnaire, so it says nothing to anyone
   else; the entry is removed once the questionnaire is submitted. */
(function () {
  "use strict";
  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function init() {
    var store = storage();
    if (!store) { return; }
    document.querySelectorAll("[data-clear-draft]").forEach(function (node) {
      store.removeItem(node.getAttribute("data-clear-draft"));
    });
    var form = document.querySelector("form[data-draft-key]");
    if (!form) { return; }
    var key = form.getAttribute("data-draft-key");
    var status = document.getElementById("autosave");
    var counter = status ? status.querySelector(".survey-answered") : null;
    function answered() { return form.querySelectorAll("input[type=radio]:checked").length; }
    function show(saved) {
      if (!counter) { return; }
      // The first number of the sentence is the count answered (kk, ru and en alike).
      var before = counter.getAttribute("data-answered") || "0";
      var now = String(answered());
      counter.textContent = counter.textContent.replace(new RegExp("\\b" + before + "\\b"), now);
      counter.setAttribute("data-answered", now);
      if (saved && status && !status.querySelector(".survey-saved")) {
        var note = document.createElement("span");
        note.className = "survey-saved";
        note.textContent = form.getAttribute("data-draft-saved") + " · ";
        status.insertBefore(note, counter);
      }
    }
    var draft = null;
    try { draft = JSON.parse(store.getItem(key) || "null"); } catch (e) { draft = null; }
    if (draft && typeof draft === "object") {
      Object.keys(draft).forEach(function (name) {
        var input = form.querySelector('input[type=radio][name="' + CSS.escape(name) + '"][value="' + CSS.escape(String(draft[name])) + '"]');
        if (input && !form.querySelector('input[type=radio][name="' + CSS.escape(name) + '"]:checked')) {
          input.checked = true;
        }
      });
      show(false);
    }
    form.addEventListener("change", function () {
      var values = {};
      form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
        values[input.name] = input.value;
      });
      try { store.setItem(key, JSON.stringify(values)); } catch (e) { return; }
      show(true);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
