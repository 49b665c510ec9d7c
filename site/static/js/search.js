/* Header search box: an accessible combobox (ARIA 1.2 list autocomplete) fed by the autocomplete endpoint. */
(function () {
  "use strict";
  var t = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (s, p, n) { return n === 1 ? s : p; };
  var interpolate = window.interpolate || function (fmt, args) { return fmt.replace("%s", args[0]); };

  function setup(form) {
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector(".search-suggestions");
    var status = form.querySelector(".search-status");
    if (!input || !list) { return; }
    var endpoint = form.getAttribute("data-autocomplete-url");
    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(results) {
      items = results;
      list.textContent = "";
      results.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        if (item.language) { li.lang = item.language; }
        li.textContent = item.title;
        var type = document.createElement("span");
        type.className = "suggestion-type";
        type.textContent = item.type;
        li.appendChild(type);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = item.url; });
        list.appendChild(li);
      });
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      if (status) {
        status.textContent = results.length
          ? interpolate(ngettext("%s suggestion, use the arrow keys to browse.", "%s suggestions, use the arrow keys to browse.", results.length), [results.length])
          : t("No suggestions.");
      }
      active = -1;
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { render([]); if (status) { status.textContent = ""; } return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(endpoint + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === q) { render(data.results || []); } })
        .catch(function () { /* aborted or offline: the form still submits to the search page */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (list.hidden && items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        if (items.length) { event.preventDefault(); highlight((active + 1) % items.length); }
      } else if (event.key === "ArrowUp") {
        if (items.length) { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0 && items[active]) { event.preventDefault(); window.location.href = items[active].url; }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); } else { input.value = ""; }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("form[data-autocomplete-url]").forEach(setup);
})();
