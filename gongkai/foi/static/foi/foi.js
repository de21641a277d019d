// 依申请公开: progressive enhancement only (every form works without it).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function bindApplicantType(form) {
    var org = form.querySelector(".org-only");
    if (!org) return;
    function update() {
      var checked = form.querySelector("input[name=applicant_type]:checked");
      org.hidden = !checked || checked.value === "natural_person";
    }
    form.addEventListener("change", function (e) { if (e.target.name === "applicant_type") update(); });
    update();
  }
  function bindSituation(form) {
    var select = form.querySelector("select[name=situation]");
    if (!select) return;
    var where = form.querySelector(".field-published_where");
    var body = form.querySelectorAll(".field-other_body, .field-other_body_contact");
    function update() {
      if (where) where.hidden = select.value !== "already_public";
      body.forEach(function (el) { el.hidden = select.value !== "other_body"; });
    }
    select.addEventListener("change", update);
    update();
  }
  // The reply limit that will apply: the chosen body's own (a stricter local limit, e.g. 15), else the default.
  function bindReplyLimit(form) {
    var select = form.querySelector("select[name=unit]");
    var out = document.querySelector("[data-reply-limit]");
    if (!select || !out) return;
    function update() {
      var option = select.options[select.selectedIndex];
      var days = option && option.getAttribute("data-limit");
      if (days) out.textContent = days + "个工作日";
    }
    select.addEventListener("change", update);
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-applicant-form]").forEach(bindApplicantType);
    document.querySelectorAll("[data-applicant-form]").forEach(bindReplyLimit);
    document.querySelectorAll("[data-reply-form]").forEach(bindSituation);
  });
})();
