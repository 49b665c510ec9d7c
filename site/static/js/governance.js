/* The draggable map pin of the profile form: it fills the latitude/longitude fields, which still work without JS. */
(function () {
  "use strict";
  var map = document.getElementById("profile-map");
  if (!map || typeof L === "undefined") { return; }
  var latInput = document.getElementById(map.dataset.latInput);
  var lngInput = document.getElementById(map.dataset.lngInput);
  var brussels = [50.8467, 4.3525];
  var lat = parseFloat(latInput.value), lng = parseFloat(lngInput.value);
  var hasPoint = !isNaN(lat) && !isNaN(lng);
  var leaflet = L.map(map).setView(hasPoint ? [lat, lng] : brussels, hasPoint ? 16 : 12);
  L.tileLayer(map.dataset.tileUrl, { maxZoom: 19, attribution: map.dataset.tileAttribution }).addTo(leaflet);
  var marker = L.marker(hasPoint ? [lat, lng] : brussels, {
    draggable: true,
    keyboard: true,
    title: gettext("Drag the pin to the right place")
  }).addTo(leaflet);
  function write(point) {
    latInput.value = point.lat.toFixed(6);
    lngInput.value = point.lng.toFixed(6);
  }
  marker.on("dragend", function () { write(marker.getLatLng()); });
  leaflet.on("click", function (event) { marker.setLatLng(event.latlng); write(event.latlng); });
  function read() {
    var a = parseFloat(latInput.value), b = parseFloat(lngInput.value);
    if (!isNaN(a) && !isNaN(b)) { marker.setLatLng([a, b]); leaflet.panTo([a, b]); }
  }
  latInput.addEventListener("change", read);
  lngInput.addEventListener("change", read);
})();
