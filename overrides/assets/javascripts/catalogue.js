/*
 * Catalogue filters. The page lists every initiative without JavaScript; this
 * script shows the filter form, hides the cards that do not match, announces
 * the count (the count element is aria-live) and keeps the filters in the URL
 * so that a filtered view can be shared, reloaded and navigated back to.
 */
(function () {
  "use strict";

  var form = document.getElementById("sis-filters");
  var count = document.getElementById("sis-count");
  if (!form || !count || !window.fetch || !window.URLSearchParams) return;

  var controls = Array.prototype.slice.call(form.querySelectorAll("[data-field]"));
  var template = form.getAttribute("data-count-template");
  var rows = [];

  function cardText(card, selector) {
    var element = card && card.querySelector(selector);
    return element ? element.textContent : "";
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  // What each control asks for, read once per change: the words of the text
  // field already folded, so that a thousand cards cost a thousand lookups.
  function wantedFilters() {
    var wanted = [];
    controls.forEach(function (control) {
      if (!control.value) return;
      var field = control.getAttribute("data-field");
      var value = field === "text" ? fold(control.value).split(/\s+/) : control.value;
      wanted.push({ field: field, value: value });
    });
    return wanted;
  }

  function matches(row, wanted) {
    return wanted.every(function (filter) {
      var have = row[filter.field];
      if (filter.field === "text") {
        return filter.value.every(function (word) { return have.indexOf(word) !== -1; });
      }
      return Array.isArray(have) ? have.indexOf(filter.value) !== -1 : have === filter.value;
    });
  }

  function apply() {
    var wanted = wantedFilters();
    var shown = 0;
    // Chromium restyles the whole list for every card hidden or shown in it:
    // hiding a thousand took half a second. Out of the document, the cards
    // change for almost nothing, and the list is laid out once on its return
    // (in the same task, so nothing flickers). Not while focus is inside it.
    var list = document.getElementById("sis-catalogue");
    var place = list && !list.contains(document.activeElement) ? [list.parentNode, list.nextSibling] : null;
    if (place) place[0].removeChild(list);
    rows.forEach(function (row) {
      var visible = matches(row, wanted);
      // Touch only the cards that change.
      if (row.card && row.card.hidden === visible) row.card.hidden = !visible;
      if (visible) shown += 1;
    });
    if (place) place[0].insertBefore(list, place[1]);
    count.textContent = template
      .replace("{shown}", String(shown))
      .replace("{total}", String(rows.length));
  }

  function toUrl(push) {
    var params = new URLSearchParams();
    controls.forEach(function (control) {
      if (control.value) params.set(control.name, control.value);
    });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    controls.forEach(function (control) {
      var value = params.get(control.name) || "";
      if (control.tagName === "SELECT" &&
          !control.querySelector('option[value="' + value.replace(/"/g, "") + '"]')) {
        value = "";
      }
      control.value = value;
    });
  }

  function setUp(data) {
    var fields = data.fields;
    rows = data.rows.map(function (values) {
      var row = {};
      fields.forEach(function (name, index) { row[name] = values[index]; });
      row.card = document.getElementById("initiative-" + row.slug);
      // The free-text filter searches name and summary (on the card) and organisation.
      row.text = fold([cardText(row.card, ".sis-card__title"), cardText(row.card, ".sis-card__summary"),
                       row.organisation || ""].join(" "));
      return row;
    });
    form.hidden = false;
    fromUrl();
    apply();

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT") { apply(); toUrl(true); }
    });
    form.addEventListener("input", function (event) {
      if (event.target.tagName === "INPUT") { apply(); toUrl(false); }
    });
    form.addEventListener("reset", function () {
      // The browser resets the controls after this event.
      setTimeout(function () { apply(); toUrl(true); }, 0);
    });
    window.addEventListener("popstate", function () { fromUrl(); apply(); });
  }

  fetch(form.getAttribute("data-source"))
    .then(function (response) { return response.json(); })
    .then(setUp)
    .catch(function () { /* the full list stays, as without JavaScript */ });
})();
