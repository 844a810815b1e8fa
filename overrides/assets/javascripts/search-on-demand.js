/*
 * Material fetches the whole search index on every page load, before anyone
 * searches: with a thousand initiatives that is ~0.5 MB (gzip) per page view,
 * more than the page itself. This holds Material's request for the index
 * back until the visitor reaches for search (points at, taps or focuses the
 * search field, or opens it with a key); Material shows "Initialising search"
 * meanwhile. Its search worker (12 KB gzipped, Material starts it on every
 * page) is started then too: until that moment Material talks to a stand-in
 * that keeps its messages. Loaded before Material's bundle; nothing else is
 * changed.
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

  // The search worker: a stand-in until search is wanted, then the real one.
  var RealWorker = window.Worker;
  var standIns = [];
  var WORKER = /\/workers\/search\.[^/]*\.js$/;
  if (RealWorker && typeof EventTarget === "function" && !wanted) {
    window.Worker = function (url, options) {
      if (wanted || !WORKER.test(String(url).split(/[?#]/)[0])) return new RealWorker(url, options);
      var standIn = new EventTarget();
      var queue = [];
      var real = null;
      standIn.postMessage = function (message) {
        if (real) real.postMessage(message);
        else queue.push(message);
      };
      standIn.terminate = function () {
        if (real) real.terminate();
        queue = [];
      };
      standIn.start = function () {
        real = new RealWorker(url, options);
        ["message", "error", "messageerror"].forEach(function (type) {
          real.addEventListener(type, function (event) {
            var copy = type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data });
            standIn.dispatchEvent(copy);
            if (typeof standIn["on" + type] === "function") standIn["on" + type](copy);
          });
        });
        queue.splice(0).forEach(function (message) { real.postMessage(message); });
      };
      standIns.push(standIn);
      return standIn;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  function release() {
    if (wanted) return;
    wanted = true;
    standIns.splice(0).forEach(function (standIn) { standIn.start(); });
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
