// Faceted lists: apply a facet as soon as its checkbox changes. Without JavaScript the "Apply filters" button does it.
(function () {
  "use strict";
  document.querySelectorAll("form[data-facet-form]").forEach(function (form) {
    var apply = form.querySelector(".facet-apply");
    if (apply) {
      apply.hidden = true;
    }
    form.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox]")) {
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    });
  });
  // On a phone the filters fold away unless some are in use, so the results come first.
  var panel = document.querySelector("details[data-facet-panel]");
  var phone = window.matchMedia("(max-width: 55.99rem)");
  if (panel && phone.matches && !document.querySelector(".active-filters")) {
    panel.open = false;
  }
  phone.addEventListener("change", function () {
    if (panel && !phone.matches) {
      panel.open = true;
    }
  });
  // After a reload caused by a facet, put the focus back on the results count so screen readers announce it.
  var status = document.querySelector(".result-count");
  if (status && window.location.search && document.referrer.split("?")[0] === window.location.href.split("?")[0]) {
    status.setAttribute("tabindex", "-1");
    status.focus({ preventScroll: true });
  }
})();
