// Rich-text body editor: a contenteditable area that keeps what is pasted from Word (headings, lists, tables).
// The server cleans the HTML (nh3) on save; without JavaScript the plain textarea works as before.
(function () {
  "use strict";
  document.querySelectorAll("textarea.rich-source").forEach(function (source) {
    var editor = document.createElement("div");
    editor.className = "rich-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    var label = document.querySelector("label[for='" + source.id + "']");
    if (label) {
      if (!label.id) { label.id = source.id + "-label"; }
      editor.setAttribute("aria-labelledby", label.id);
    }
    editor.innerHTML = source.value;
    source.hidden = true;
    source.parentNode.insertBefore(editor, source.nextSibling);
    var sync = function () { source.value = editor.innerHTML; };
    editor.addEventListener("input", sync);
    if (source.form) { source.form.addEventListener("submit", sync); }
  });
  // Confirmation for buttons that change the public site: the form's required fields are checked first (a blank
  // or spaces-only reason is refused before the question is asked).
  var blankRequired = function (form) {
    var blank = null;
    form.querySelectorAll("[required]").forEach(function (field) {
      var empty = typeof field.value === "string" && field.value.trim() === "";
      field.setCustomValidity(empty ? (field.getAttribute("data-required-message") || "请填写此项。") : "");
      if (empty && !blank) { blank = field; }
    });
    return blank;
  };
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (event) {
      var form = el.form;
      if (form && (blankRequired(form) || !form.checkValidity())) {
        event.preventDefault();
        form.reportValidity();
        return;
      }
      if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  document.querySelectorAll("[data-required-message]").forEach(function (field) {
    field.addEventListener("input", function () { field.setCustomValidity(""); });
  });
  // "Select all" for the findings to mask.
  var all = document.getElementById("finding-all");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name='finding'], input[name='group']").forEach(function (box) { box.checked = all.checked; });
    });
  }
})();
