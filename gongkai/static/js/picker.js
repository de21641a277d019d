// Search picker (搜索选择) for big multi-selects: a plain <select multiple> stays the form field (it works without
// script); with script it is hidden behind a text box that filters the options as you type, a list to choose from
// and the chosen items as removable chips. Applied to every <select multiple data-picker> and to any <select
// multiple> with more than PICKER_MIN options (data-picker="off" opts out). Keyboard: type to filter (a substring or
// the characters in order), ↓/↑ to move,
// Enter to choose or unchoose, Esc to close, Backspace in an empty box removes the last chip. CSP: no inline code.
(function () {
  "use strict";
  var PICKER_MIN = 12;
  var counter = 0;

  function norm(text) {
    return (text || "").toLowerCase().replace(/\s+/g, "");
  }

  // A match is the typed text as a substring, or its characters in order (发改 finds 发展和改革委员会, as people
  // abbreviate unit names).
  function matches(key, query) {
    if (key.indexOf(query) !== -1) { return true; }
    var at = 0;
    for (var i = 0; i < query.length; i += 1) {
      at = key.indexOf(query.charAt(i), at);
      if (at === -1) { return false; }
      at += 1;
    }
    return true;
  }

  function enhance(select) {
    counter += 1;
    var uid = "picker-" + counter;
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    var labelText = label ? label.textContent.trim() : (select.getAttribute("aria-label") || "选项");
    var options = Array.prototype.slice.call(select.options);

    var box = document.createElement("div");
    box.className = "picker";
    var chips = document.createElement("ul");
    chips.className = "picker-chips";
    chips.setAttribute("aria-label", "已选择的" + labelText);
    var input = document.createElement("input");
    input.type = "text";
    input.className = "picker-input";
    input.id = (select.id || uid) + "-search";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", uid + "-list");
    input.setAttribute("autocomplete", "off");
    input.placeholder = "输入文字筛选，回车选择";
    var list = document.createElement("ul");
    list.className = "picker-list";
    list.id = uid + "-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-multiselectable", "true");
    list.setAttribute("aria-label", labelText);
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    if (label) { label.setAttribute("for", input.id); }
    var items = options.map(function (option, index) {
      var li = document.createElement("li");
      li.id = uid + "-opt-" + index;
      li.setAttribute("role", "option");
      li.textContent = option.textContent;
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () { toggle(index); input.focus(); });
      list.appendChild(li);
      return { option: option, li: li, key: norm(option.textContent) };
    });
    var empty = document.createElement("li");
    empty.className = "picker-empty";
    empty.textContent = "没有匹配的选项";
    empty.hidden = true;
    list.appendChild(empty);
    var active = -1;

    function visible() {
      return items.filter(function (item) { return !item.li.hidden; });
    }

    function setActive(item) {
      items.forEach(function (it) { it.li.classList.remove("active"); });
      if (item) {
        item.li.classList.add("active");
        input.setAttribute("aria-activedescendant", item.li.id);
        item.li.scrollIntoView({ block: "nearest" });
        active = items.indexOf(item);
      } else {
        input.removeAttribute("aria-activedescendant");
        active = -1;
      }
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(null);
    }

    function filter() {
      var query = norm(input.value);
      var shown = 0;
      items.forEach(function (item) {
        var match = !query || matches(item.key, query);
        item.li.hidden = !match;
        if (match) { shown += 1; }
      });
      empty.hidden = shown > 0;
      status.textContent = query ? (shown ? "找到 " + shown + " 项" : "没有匹配的选项") : "";
      var first = visible()[0];
      setActive(first || null);
      open();
    }

    function renderChips() {
      chips.innerHTML = "";
      items.forEach(function (item, index) {
        item.li.setAttribute("aria-selected", item.option.selected ? "true" : "false");
        if (!item.option.selected) { return; }
        var chip = document.createElement("li");
        chip.className = "picker-chip";
        var text = document.createElement("span");
        text.textContent = item.option.textContent;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "picker-remove";
        remove.textContent = "×";
        remove.setAttribute("aria-label", "移除 " + item.option.textContent);
        remove.addEventListener("click", function () { toggle(index); input.focus(); });
        chip.appendChild(text);
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
    }

    function toggle(index) {
      var option = items[index].option;
      option.selected = !option.selected;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      renderChips();
      status.textContent = (option.selected ? "已选择 " : "已移除 ") + option.textContent;
    }

    input.addEventListener("input", filter);
    input.addEventListener("focus", filter);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      var shown = visible();
      var position = shown.indexOf(items[active]);
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) { filter(); return; }
        setActive(shown[Math.min(position + 1, shown.length - 1)] || null);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        setActive(shown[Math.max(position - 1, 0)] || null);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();  // choose, do not submit the form
          toggle(active);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      } else if (event.key === "Backspace" && !input.value) {
        var chosen = items.filter(function (item) { return item.option.selected; });
        if (chosen.length) { toggle(items.indexOf(chosen[chosen.length - 1])); }
      }
    });

    box.appendChild(chips);
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(status);
    select.parentNode.insertBefore(box, select.nextSibling);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.classList.add("picker-source");
    renderChips();
  }

  document.querySelectorAll("select[multiple]").forEach(function (select) {
    var flag = select.getAttribute("data-picker");
    if (flag === "off") { return; }
    if (flag !== null || select.options.length > PICKER_MIN) { enhance(select); }
  });
})();
