/*
 * Catalogue filters, at any size. The page holds the filters, the count and
 * the first page of results; without JavaScript numbered pages follow. This
 * script enables the filters and, when the visitor filters, types or asks for
 * another page, fetches the catalogue's data file once (one per language,
 * site_content/catalogue.py), filters it in memory on strings folded once,
 * and draws only the page of results shown: a keystroke costs the same at
 * 5,000 initiatives as at 50. The URL keeps the filters and the page, the
 * count (aria-live) says how many match, and the map's municipalities set the
 * municipality filter. Each option's count is what the other chosen filters
 * leave for it; initiatives for the whole region (hela-skane) count under
 * every municipality. The language switch keeps the filters, in the other
 * language's words. Once the list is drawn and the URL updated, the list says
 * data-state="ready".
 */
(function () {
  "use strict";

  var form = document.getElementById("sis-filters");
  var count = document.getElementById("sis-count");
  var list = document.getElementById("sis-catalogue");
  var pager = document.getElementById("sis-pages");
  var none = document.getElementById("sis-none");
  if (!form || !count || !list || !pager || !window.fetch || !window.URLSearchParams) return;

  var controls = Array.prototype.slice.call(form.querySelectorAll("[data-field]"));
  var selects = controls.filter(function (control) { return control.tagName === "SELECT"; });
  var base = new URL(form.getAttribute("data-base"), location.href).pathname;
  // The data file lies in assets/catalogue/ below the site's root; pictures' addresses start there.
  var root = new URL("../../", new URL(form.getAttribute("data-source"), location.href)).pathname;
  var switcher = document.querySelector("a[data-sis-language]");
  var switcherBase = switcher ? switcher.getAttribute("href").split("?")[0] : "";
  var pageSize = parseInt(form.getAttribute("data-page-size"), 10) || 24;
  var pageParam = form.getAttribute("data-param-page");
  var text = {};
  ["count-template", "count-page-template", "prev", "next", "page-label", "themes-label-one",
    "themes-label-other", "municipalities-label-one", "municipalities-label-other"]
    .forEach(function (name) { text[name] = form.getAttribute("data-" + name) || ""; });

  var data = null;       // the catalogue, once fetched
  var loading = null;    // its promise
  var pageNumber = 1;

  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  // --- The data: fetched once, prepared once -------------------------------

  function textOf(value) { return Array.isArray(value) ? value[0] : value; }
  function langOf(value) { return Array.isArray(value) ? value[1] : null; }

  function prepare(json) {
    var fields = json.fields;
    var at = {};
    fields.forEach(function (name, index) { at[name] = index; });
    var termIndex = {};
    ["themes", "municipalities"].forEach(function (vocabulary) {
      termIndex[vocabulary] = {};
      json.terms[vocabulary].forEach(function (term, index) { termIndex[vocabulary][term[0]] = index; });
    });
    var rows = json.rows.map(function (row) {
      var themes = row[at.themes], places = row[at.municipalities];
      return {
        slug: row[at.slug],
        name: row[at.name],
        summary: row[at.summary],
        themes: themes,
        municipalities: places,
        stage: row[at.stage],
        partners: row[at.partners],
        image: at.image === undefined ? null : row[at.image],
        // Free text searches name, summary, organisation and the term labels.
        text: fold([textOf(row[at.name]), textOf(row[at.summary]), row[at.organisation] || "",
                    themes.map(function (i) { return json.terms.themes[i][1]; }).join(" "),
                    places.map(function (i) { return json.terms.municipalities[i][1]; }).join(" ")].join(" "))
      };
    });
    var regions = {};
    (json.regions || []).forEach(function (index) { regions[index] = true; });
    rows.forEach(function (row) {
      row.region = row.municipalities.some(function (index) { return regions[index]; });
    });
    // For each row, the filter it fails (failed()); filters are few, -2 is the least.
    var misses = new Int8Array(rows.length);
    return { rows: rows, terms: json.terms, termIndex: termIndex, regions: regions, misses: misses };
  }

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-source"))
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (json) {
          data = prepare(json);
          form.setAttribute("data-loaded", "");  // for make bench: the data is in
          return data;
        });
      loading.catch(function () {
        // The page as it came stays usable: its numbered pages and term links.
        loading = null;
        list.setAttribute("data-state", "ready");
      });
    }
    return loading;
  }

  // --- Filtering: on indices and folded strings, no DOM --------------------

  function wanted() {
    var filters = [];
    controls.forEach(function (control) {
      if (!control.value) return;
      var field = control.getAttribute("data-field");
      var value = control.value;
      if (field === "text") {
        var words = fold(value).split(/\s+/).filter(Boolean);
        if (words.length) filters.push({ field: field, words: words });
      } else if (field === "themes" || field === "municipalities") {
        var index = data.termIndex[field][value];
        filters.push({ field: field, index: index === undefined ? -1 : index });
      } else {
        filters.push({ field: field, value: value });
      }
    });
    return filters;
  }

  function passes(row, filter) {
    if (filter.words) {
      for (var w = 0; w < filter.words.length; w++) {
        if (row.text.indexOf(filter.words[w]) === -1) return false;
      }
      return true;
    }
    if (filter.index !== undefined) {
      return row[filter.field].indexOf(filter.index) !== -1 ||
        (filter.field === "municipalities" && row.region && !data.regions[filter.index]);
    }
    if (filter.field === "partners") return row.partners.indexOf(filter.value) !== -1;
    return row[filter.field] === filter.value;
  }

  // The one filter a row fails: -1 for none, -2 for more than one. A row failing
  // none is a result; one failing only a control's own filter counts for that
  // control's options. One pass gives both.
  function failed(row, filters) {
    var miss = -1;
    for (var i = 0; i < filters.length; i++) {
      if (passes(row, filters[i])) continue;
      if (miss !== -1) return -2;
      miss = i;
    }
    return miss;
  }

  // --- Drawing one page of results -----------------------------------------

  function element(tag, className, content, lang) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    if (lang) node.setAttribute("lang", lang);
    return node;
  }

  // The same card as sis/macros.html's initiative_card.
  function picture(image) {
    if (!image) {
      var none = element("span", "sis-card__image sis-card__image--none");
      none.setAttribute("aria-hidden", "true");
      return none;
    }
    var sizes = "(min-width: 76.25em) 20rem, (min-width: 45em) 50vw, 100vw";
    function from(set) {
      return set.split(", ").map(function (entry) { return root + entry; }).join(", ");
    }
    // Attributes in the order of the picture macro's (sis/macros.html).
    var img = document.createElement("img");
    img.setAttribute("src", root + image[0]);
    if (image[1]) {
      img.setAttribute("srcset", from(image[1]));
      img.setAttribute("sizes", sizes);
    }
    img.setAttribute("alt", textOf(image[5]));
    if (langOf(image[5])) img.setAttribute("lang", langOf(image[5]));
    img.setAttribute("class", "sis-card__image");
    if (image[3] && image[4]) {
      img.setAttribute("width", String(image[3]));
      img.setAttribute("height", String(image[4]));
    }
    img.setAttribute("loading", "lazy");
    img.setAttribute("decoding", "async");
    if (!image[2]) return img;
    var wrapper = element("picture");
    var source = document.createElement("source");
    source.setAttribute("type", "image/webp");
    source.setAttribute("srcset", from(image[2]));
    source.setAttribute("sizes", sizes);
    wrapper.appendChild(source);
    wrapper.appendChild(img);
    return wrapper;
  }

  function card(row) {
    var item = element("li", "sis-card sis-card--initiative");
    item.id = "initiative-" + row.slug;
    item.setAttribute("data-slug", row.slug);
    var title = element("h3", "sis-card__title");
    var link = element("a", "", textOf(row.name), langOf(row.name));
    link.href = base + row.slug + "/";
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(picture(row.image));
    item.appendChild(element("p", "sis-card__summary", textOf(row.summary), langOf(row.summary)));
    var meta = element("p", "sis-card__meta");
    // As the pages' own cards: each list named ("Theme", "Themes") and read as a list.
    [["themes", "sis-tag"], ["municipalities", "sis-tag sis-tag--place"]].forEach(function (kind) {
      var indexes = row[kind[0]];
      var label = text[kind[0] + "-label-" + (indexes.length === 1 ? "one" : "other")];
      meta.appendChild(element("span", "sis-visually-hidden", label + ": "));
      indexes.forEach(function (index, position) {
        var term = data.terms[kind[0]][index];
        var region = kind[0] === "municipalities" && data.regions[index];
        meta.appendChild(element("span", kind[1] + (region ? " sis-tag--region" : ""), term[1], term[2]));
        meta.appendChild(element("span", "sis-visually-hidden", position === indexes.length - 1 ? "." : ","));
        meta.appendChild(document.createTextNode(" "));  // tags apart, for search and copying
      });
    });
    item.appendChild(meta);
    return item;
  }

  function pageHref(number) {
    var params = stateParams(number);
    var query = params.toString();
    return base + (query ? "?" + query : "");
  }

  function pagerItem(number, current) {
    var item = element("li");
    var link = element("a", "", String(number));
    link.href = pageHref(number);
    link.setAttribute("data-page", String(number));
    link.setAttribute("aria-label", format(text["page-label"], { number: number }));
    if (current) link.setAttribute("aria-current", "page");
    item.appendChild(link);
    return item;
  }

  function step(number, label, rel) {
    var item = element("li");
    var link = element("a", "sis-pages__step", label);
    link.href = pageHref(number);
    link.rel = rel;
    link.setAttribute("data-page", String(number));
    item.appendChild(link);
    return item;
  }

  function drawPager(pages) {
    var items = document.createDocumentFragment();
    if (pageNumber > 1) items.appendChild(step(pageNumber - 1, text.prev, "prev"));
    var shown = {};
    [1, pages, pageNumber - 1, pageNumber, pageNumber + 1].forEach(function (n) {
      if (n >= 1 && n <= pages) shown[n] = true;
    });
    var last = 0;
    Object.keys(shown).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
      if (last && n - last > 1) {
        var gap = element("li", "", "…");
        gap.setAttribute("aria-hidden", "true");
        items.appendChild(gap);
      }
      items.appendChild(pagerItem(n, n === pageNumber));
      last = n;
    });
    if (pageNumber < pages) items.appendChild(step(pageNumber + 1, text.next, "next"));
    var ul = pager.querySelector("ul");
    ul.textContent = "";
    ul.appendChild(items);
    pager.hidden = pages <= 1;
  }

  function render() {
    var filters = wanted();
    var found = [];
    var rows = data.rows;
    // Kept from one change to the next: at 5,000 rows, less for the collector.
    var misses = data.misses;
    for (var i = 0; i < rows.length; i++) {
      misses[i] = failed(rows[i], filters);
      if (misses[i] === -1) found.push(rows[i]);
    }
    var pages = Math.max(1, Math.ceil(found.length / pageSize));
    if (pageNumber > pages) pageNumber = pages;
    var start = (pageNumber - 1) * pageSize;
    var shown = found.slice(start, start + pageSize);
    var cards = document.createDocumentFragment();
    // A row's card is made once and shown again as it was, its picture loaded.
    shown.forEach(function (row) { cards.appendChild(row.card || (row.card = card(row))); });
    list.textContent = "";
    list.appendChild(cards);
    none.hidden = found.length > 0;
    drawPager(pages);
    recount(filters, misses);
    count.textContent = found.length > pageSize
      ? format(text["count-page-template"], { first: start + 1, last: start + shown.length, shown: found.length })
      : format(text["count-template"], { shown: found.length, total: rows.length });
  }

  // --- Each option's count: what the other chosen filters leave for it -----

  // A select's counts so far: themes and places by term index, stages and partners by key.
  function tally(control, filters) {
    var field = control.getAttribute("data-field");
    var own = -1;
    filters.forEach(function (filter, index) { if (filter.field === field) own = index; });
    var terms = field === "themes" || field === "municipalities" ? data.terms[field] : null;
    return {
      control: control,
      field: field,
      own: own,
      byIndex: terms ? new Int32Array(terms.length) : null,
      byKey: {},
      // Places: rows for the whole region count for every municipality, once.
      regionRows: 0,
      overlap: field === "municipalities" ? new Int32Array(terms.length) : null
    };
  }

  function add(tally, row) {
    var field = tally.field;
    if (field === "themes") {
      for (var t = 0; t < row.themes.length; t++) tally.byIndex[row.themes[t]]++;
    } else if (field === "municipalities") {
      for (var m = 0; m < row.municipalities.length; m++) {
        var index = row.municipalities[m];
        tally.byIndex[index]++;
        if (row.region && !data.regions[index]) tally.overlap[index]++;
      }
      if (row.region) tally.regionRows++;
    } else if (field === "stage") {
      if (row.stage) tally.byKey[row.stage] = (tally.byKey[row.stage] || 0) + 1;
    } else if (field === "partners") {
      for (var p = 0; p < row.partners.length; p++) {
        tally.byKey[row.partners[p]] = (tally.byKey[row.partners[p]] || 0) + 1;
      }
    }
  }

  function countOf(tally, option) {
    if (!tally.byIndex) return tally.byKey[option.value] || 0;
    var index = data.termIndex[tally.field][option.value];
    if (index === undefined) return 0;
    var own = tally.byIndex[index];
    if (tally.field !== "municipalities" || option.hasAttribute("data-region")) return own;
    return own + tally.regionRows - tally.overlap[index];
  }

  // misses: for each row, the filter it fails (see failed()). A row counts for a
  // select when it fails no filter or only the select's own: one pass counts all.
  function recount(filters, misses) {
    var tallies = selects.map(function (control) { return tally(control, filters); });
    var rows = data.rows;
    for (var i = 0; i < rows.length; i++) {
      var miss = misses[i];
      if (miss === -2) continue;
      for (var t = 0; t < tallies.length; t++) {
        if (miss === -1 || miss === tallies[t].own) add(tallies[t], rows[i]);
      }
    }
    tallies.forEach(function (tally) {
      Array.prototype.forEach.call(tally.control.options, function (option) {
        var label = option.getAttribute("data-label");
        if (!option.value || label === null) return;
        var text = label + " (" + countOf(tally, option) + ")";
        if (option.textContent !== text) option.textContent = text;
      });
    });
  }

  // --- The language switch keeps the filters, in the other language's words --

  function switchLanguage() {
    if (!switcher) return;
    var params = new URLSearchParams();
    controls.forEach(function (control) {
      var name = control.getAttribute("data-other-name");
      if (!control.value || !name) return;
      if (control.tagName === "SELECT") {
        var option = control.options[control.selectedIndex];
        var other = option && option.getAttribute("data-other");
        if (other) params.set(name, other);
      } else {
        params.set(name, control.value);
      }
    });
    var query = params.toString();
    switcher.setAttribute("href", switcherBase + (query ? "?" + query : ""));
  }

  // --- The URL keeps the state ---------------------------------------------

  function stateParams(number) {
    var params = new URLSearchParams();
    controls.forEach(function (control) {
      if (control.value) params.set(control.name, control.value);
    });
    if (number > 1) params.set(pageParam, String(number));
    return params;
  }

  function toUrl(push) {
    switchLanguage();
    var url = pageHref(pageNumber) + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    controls.forEach(function (control) {
      var value = params.get(control.name) || "";
      if (control.tagName === "SELECT" &&
          !control.querySelector('option[value="' + value.replace(/["\\]/g, "") + '"]')) {
        value = "";
      }
      control.value = value;
    });
    // A numbered page of its own (/sida/2/) says its number in the form.
    var own = location.pathname === base ? 1 : parseInt(form.getAttribute("data-page-number"), 10) || 1;
    pageNumber = Math.max(1, parseInt(params.get(pageParam), 10) || own);
    switchLanguage();
    return params.toString() !== "";
  }

  // What happens on every change: the data first (once), then the page drawn.
  function update(push, keepPage) {
    if (!keepPage) pageNumber = 1;
    draw(function () { toUrl(push); });
  }

  function draw(after) {
    if (data) {
      render();
      settle(after);
      return;
    }
    list.setAttribute("data-state", "loading");
    load().then(function () { render(); settle(after); }, function () {});
  }

  // The URL once the list is drawn: the browser's history call can take
  // several milliseconds, which the visitor should not wait for.
  function settle(after) {
    list.setAttribute("data-state", "drawn");
    setTimeout(function () {
      if (after) after();
      list.setAttribute("data-state", "ready");
    }, 0);
  }

  // --- Wiring --------------------------------------------------------------

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT") update(true);
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "INPUT") update(false);
  });
  form.addEventListener("reset", function () {
    // The browser resets the controls after this event.
    setTimeout(function () { update(true); }, 0);
  });
  // The data is on its way while the visitor is still choosing.
  form.addEventListener("focusin", function () { load().catch(function () {}); });
  form.addEventListener("pointerdown", function () { load().catch(function () {}); });

  pager.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-page]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
    event.preventDefault();
    pageNumber = parseInt(link.getAttribute("data-page"), 10);
    update(true, true);
    count.scrollIntoView({ block: "start" });
    // Focus lands on the count, which says where the visitor now is.
    count.setAttribute("tabindex", "-1");
    count.focus({ preventScroll: true });
  });

  // The map's municipalities (and the table beside it) set the municipality filter.
  var municipality = form.querySelector("select[data-field=municipalities]");
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".sis-map a[data-term]");
    if (!link || !municipality || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
    var value = link.getAttribute("data-term");
    if (!municipality.querySelector('option[value="' + value.replace(/["\\]/g, "") + '"]')) return;
    event.preventDefault();
    municipality.value = value;
    update(true);
    var top = count.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight) count.scrollIntoView({ block: "start" });
  });

  // Back and forward: drawn again once anything has been drawn from the data.
  window.addEventListener("popstate", function () {
    if (fromUrl() || loading) draw();
  });

  // Chosen or typed before this script ran: kept, unless the URL says otherwise.
  var early = controls.some(function (control) { return control.value; });
  if (!location.search && early) {
    update(false);
  } else if (fromUrl()) {
    draw();
  } else {
    list.setAttribute("data-state", "ready");
  }
})();
