/*
 * Material fetches the whole search index on every page load, before anyone
 * searches: with a thousand initiatives that is ~0.5 MB (gzip) per page view,
 * more than the page itself. This holds Material's request for the index
 * back until the visitor reaches for search (points at, taps or focuses the
 * search field, or opens it with a key); Material shows "Initialising search"
 * meanwhile. Loaded before Material's bundle; nothing else is changed.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = /[?&]q=/.test(location.search);

  XMLHttpRequest.prototype.open = function (method, url) {
    this.sisSearchIndex = INDEX.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.sisSearchIndex && !wanted) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  function inSearch(event) {
    var target = event.target;
    return target && target.closest && target.closest(".md-search, label[for='__search'], #__search");
  }

  ["focusin", "pointerover", "pointerdown", "change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (inSearch(event)) release();
    }, true);
  });
})();
