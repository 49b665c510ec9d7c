/* In Common maps: the directory map (clustered markers from the GeoJSON feed), embeds and a profile's small map.
 * Every map is described by a JSON config rendered with json_script; the element names it in data-map-config.
 * The list next to the map is the primary content: without JavaScript the page still works. */
(function () {
  "use strict";

  var DEFAULT_COLOR = "#2f6f4f";
  var COLOR_RE = /^#[0-9a-fA-F]{6}$/;

  /* The JavaScript catalog (base.html, embed) defines gettext and ngettext; fall back to English without it. */
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (singular, plural, count) { return count === 1 ? singular : plural; };

  function readConfig(element) {
    var source = document.getElementById(element.getAttribute("data-map-config"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function baseMap(element, config) {
    var map = L.map(element, { scrollWheelZoom: false, keyboard: true }).setView(config.center || config.point, config.zoom || 12);
    L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
    map.on("focus", function () { map.scrollWheelZoom.enable(); });
    map.on("blur", function () { map.scrollWheelZoom.disable(); });
    return map;
  }

  // "Alert me about this view": the link follows the area on screen (bbox added to the filters it carries).
  function followViewInAlertLink(map) {
    var link = document.getElementById("alert-link");
    if (!link) { return; }
    function update() {
      var bounds = map.getBounds();
      var url = new URL(link.href, window.location.href);
      var query = new URLSearchParams(url.searchParams.get("query") || "");
      query.delete("page");
      query.set("bbox", [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
        .map(function (value) { return value.toFixed(5); }).join(","));
      url.searchParams.set("query", query.toString());
      link.href = url.toString();
    }
    map.on("moveend", update);
    update();
  }

  function markerIcon(color, extraClass) {
    var pin = document.createElement("span");
    pin.className = "map-pin";
    pin.style.backgroundColor = COLOR_RE.test(color || "") ? color : DEFAULT_COLOR;
    var className = "map-marker" + (extraClass ? " " + extraClass : "");
    return L.divIcon({ className: className, html: pin, iconSize: [20, 20], iconAnchor: [10, 10], popupAnchor: [0, -10] });
  }

  function eventIcon(color) {
    var pin = document.createElement("span");
    pin.className = "event-pin";
    pin.style.backgroundColor = COLOR_RE.test(color || "") ? color : DEFAULT_COLOR;
    return L.divIcon({ className: "map-marker map-marker-event", html: pin, iconSize: [20, 20], iconAnchor: [10, 10], popupAnchor: [0, -10] });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function popupContent(feature, data, linkTarget) {
    var props = feature.properties;
    var box = element("div", "map-popup");
    if (props.lang) { box.lang = props.lang; }
    var title = element("p", "map-popup-title");
    var link = element("a", "", props.name);
    link.href = props.url;
    if (linkTarget) { link.target = linkTarget; link.rel = "noopener"; }
    title.appendChild(link);
    box.appendChild(title);
    var kind = [data.types && data.types[props.type], data.kinds && data.kinds[props.kind]].filter(Boolean).join(" · ");
    if (kind) {
      var meta = element("p", "map-popup-meta", kind.charAt(0).toUpperCase() + kind.slice(1));
      meta.lang = document.documentElement.lang;
      box.appendChild(meta);
    }
    if (props.categories.length) {
      var list = element("ul", "map-popup-categories");
      list.lang = document.documentElement.lang;
      props.categories.forEach(function (slug) {
        var category = (data.categories || {})[slug];
        if (!category) { return; }
        var item = element("li");
        var swatch = element("span", "swatch");
        swatch.style.backgroundColor = COLOR_RE.test(category.color) ? category.color : DEFAULT_COLOR;
        swatch.setAttribute("aria-hidden", "true");
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(category.name));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (props.stale) {
      var stale = element("p", "map-popup-stale", gettext("Not verified for over a year: the information may be out of date."));
      stale.lang = document.documentElement.lang;
      box.appendChild(stale);
    }
    return box;
  }

  function eventPopupContent(props, linkTarget) {
    var box = element("div", "map-popup map-popup-event");
    var title = element("p", "map-popup-title");
    var link = element("a", "", props.title);
    link.href = props.url;
    if (props.language && props.language !== document.documentElement.lang) {
      link.lang = props.language;
      link.hreflang = props.language;
    }
    if (linkTarget) { link.target = linkTarget; link.rel = "noopener"; }
    title.appendChild(link);
    box.appendChild(title);
    var when = element("p", "map-popup-meta");
    var time = element("time", "", props.when);
    time.dateTime = props.start;
    when.appendChild(element("span", "map-popup-kind", gettext("Event") + " · "));
    when.appendChild(time);
    box.appendChild(when);
    if (props.place) { box.appendChild(element("p", "map-popup-place", props.place)); }
    if (props.status_label) { box.appendChild(element("p", "map-popup-status", props.status_label)); }
    return box;
  }

  function setStatus(text, isError) {
    var status = document.getElementById("map-status");
    if (status) {
      status.textContent = text;
      status.classList.toggle("map-status-error", Boolean(isError));
    }
  }

  function directoryMap(element, config) {
    var map = baseMap(element, config);
    var linkTarget = element.getAttribute("data-link-target") || "";
    var clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50 });
    map.addLayer(clusters);
    element.setAttribute("aria-busy", "true");
    setStatus(gettext("Loading the map…"));
    fetch(config.geojsonUrl, { headers: { Accept: "application/geo+json" }, credentials: "omit" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        var markers = data.features.map(function (feature) {
          var coordinates = feature.geometry.coordinates;
          var first = feature.properties.categories[0];
          var color = first && data.categories[first] ? data.categories[first].color : DEFAULT_COLOR;
          var stale = Boolean(feature.properties.stale);
          var label = stale ? feature.properties.name + " (" + gettext("not verified for over a year") + ")" : feature.properties.name;
          var marker = L.marker([coordinates[1], coordinates[0]], {
            icon: markerIcon(color, stale ? "map-marker-stale" : ""),
            title: label,
            alt: label,
            keyboard: true
          });
          marker.bindPopup(function () { return popupContent(feature, data, linkTarget); });
          marker.feature = feature;
          return marker;
        });
        clusters.addLayers(markers);
        element.setAttribute("data-marker-count", String(markers.length));
        element.setAttribute("data-stale-count", String(markers.filter(function (m) { return m.feature.properties.stale; }).length));
        element.removeAttribute("aria-busy");
        if (markers.length) {
          map.fitBounds(clusters.getBounds(), { padding: [24, 24], maxZoom: 15 });
        }
        followViewInAlertLink(map);
        status.places = ngettext("%(count)s place on the map.", "%(count)s places on the map.", markers.length)
          .replace("%(count)s", String(markers.length));
        showStatus();
      })
      .catch(function () {
        element.removeAttribute("aria-busy");
        setStatus(gettext("The map could not be loaded. The list shows the same results."), true);
      });
    var status = { places: "", events: "" };
    function showStatus() { setStatus([status.places, status.events].filter(Boolean).join(" ")); }
    (config.layers || []).forEach(function (layer) {
      if (layer.key === "events") { eventsLayer(map, element, layer, linkTarget, function (text) { status.events = text; showStatus(); }); }
    });
    return map;
  }

  /* Upcoming events, as their own layer (square markers, own clusters) that a checkbox shows and hides. */
  function eventsLayer(map, mapElement, layer, linkTarget, report) {
    var group = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 30,
      iconCreateFunction: function (cluster) {
        var count = element("span", "event-cluster-count", String(cluster.getChildCount()));
        return L.divIcon({ className: "map-marker map-marker-event event-cluster", html: count, iconSize: [28, 28] });
      }
    });
    var toggle = layer.toggle ? document.getElementById(layer.toggle) : null;
    fetch(layer.url, { headers: { Accept: "application/geo+json" }, credentials: "omit" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        var wanted = layer.categories || [];
        var features = data.features.filter(function (feature) {
          if (!wanted.length) { return true; }
          return (feature.properties.categories || []).some(function (slug) { return wanted.indexOf(slug) !== -1; });
        });
        var markers = features.map(function (feature) {
          var props = feature.properties;
          var coordinates = feature.geometry.coordinates;
          var label = props.title + " · " + props.when;
          var marker = L.marker([coordinates[1], coordinates[0]], {
            icon: eventIcon(props.color),
            title: label,
            alt: label,
            keyboard: true
          });
          marker.bindPopup(function () { return eventPopupContent(props, linkTarget); });
          marker.feature = feature;
          return marker;
        });
        group.addLayers(markers);
        mapElement.setAttribute("data-event-count", String(markers.length));
        var text = ngettext("%(count)s event on the map.", "%(count)s events on the map.", markers.length)
          .replace("%(count)s", String(markers.length));
        function apply() {
          var shown = !toggle || toggle.checked;
          if (shown) { map.addLayer(group); } else { map.removeLayer(group); }
          mapElement.setAttribute("data-events-shown", String(shown));
          report(shown ? text : gettext("The events are hidden."));
        }
        if (toggle) {
          toggle.closest("[data-layer-toggle]").hidden = false;
          toggle.addEventListener("change", apply);
        }
        apply();
      })
      .catch(function () {
        report(gettext("The events could not be loaded. Their list is under the map."));
      });
  }

  function pointMap(element, config) {
    var map = baseMap(element, config);
    if (config.approximate) {
      L.circle(config.point, { radius: 400, color: DEFAULT_COLOR, weight: 2, fillOpacity: 0.15 }).addTo(map);
    } else {
      L.marker(config.point, { icon: markerIcon(DEFAULT_COLOR), title: config.label, alt: config.label, keyboard: false }).addTo(map);
    }
    return map;
  }

  function copyButtons() {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      if (!navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var field = document.getElementById(button.getAttribute("data-copy-target"));
        navigator.clipboard.writeText(field.value).then(function () {
          button.textContent = gettext("Copied");
        });
      });
    });
  }

  function init() {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("[data-map-config]").forEach(function (element) {
      var config = readConfig(element);
      if (!config) { return; }
      element.classList.add("map-ready");
      element.inCommonMap = config.geojsonUrl ? directoryMap(element, config) : pointMap(element, config);
    });
    copyButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
