/* Agenda: map of the events (GeoJSON) and the repetition fields of the event forms. */
(function () {
  "use strict";
  function initMap(el) {
    if (!window.L) { return; }
    var map = L.map(el, { scrollWheelZoom: false }).setView([50.8466, 4.3528], 12);
    L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution }).addTo(map);
    fetch(el.dataset.geojson, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, { radius: 8, color: feature.properties.color, fillOpacity: 0.8 });
          },
          onEachFeature: function (feature, marker) {
            var p = feature.properties;
            var box = document.createElement("div");
            var link = document.createElement("a");
            link.href = p.url;
            link.textContent = p.title;
            if (p.language && p.language !== document.documentElement.lang) { link.lang = p.language; link.hreflang = p.language; }
            box.appendChild(link);
            var when = document.createElement("p");
            var status = p.status_label || (p.status === "cancelled" ? el.dataset.cancelled : "");
            when.textContent = p.when + (status ? " · " + status : "");
            box.appendChild(when);
            marker.bindPopup(box);
          }
        }).addTo(map);
        if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [20, 20] }); }
        el.setAttribute("data-loaded", String(data.features.length));
      });
  }

  function initRepeat(form) {
    var select = form.querySelector("[name=repeat]");
    if (!select) { return; }
    function row(name) {
      var input = form.querySelector("[name=" + name + "]");
      return input ? input.closest(".field") : null;
    }
    function update() {
      var value = select.value;
      var show = {
        repeat_interval: value && value !== "custom",
        repeat_weekdays: value === "weekly",
        repeat_position: value === "monthly_weekday",
        repeat_until: value && value !== "custom",
        repeat_count: value && value !== "custom"
      };
      Object.keys(show).forEach(function (name) {
        var field = row(name);
        if (field) { field.hidden = !show[name]; }
      });
    }
    select.addEventListener("change", update);
    update();
  }

  document.querySelectorAll(".agenda-map[data-geojson]").forEach(initMap);
  document.querySelectorAll("form.event-form").forEach(initRepeat);
})();
