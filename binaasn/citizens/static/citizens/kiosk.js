// Counter kiosk: each answer gets a UUID made here and waits in localStorage until the server
// has stored it. The server ignores a UUID it already has, so a retry after a lost reply can
// never count an answer twice; an answer leaves the queue only once the server confirmed it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-kiosk]");
  if (!form || !window.localStorage || !window.fetch) { return; }  // plain form post still works
  var KEY = "binaasn-kiosk:" + form.getAttribute("data-queue-key");
  var thanks = document.getElementById("kiosk-thanks");
  var waiting = document.getElementById("kiosk-queue");
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(KEY, JSON.stringify(queue)); }

  function uuid4() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function showQueue() {
    var n = load().length;
    waiting.hidden = n === 0;
    waiting.textContent = waiting.getAttribute("data-template").replace("%(n)s", n);
  }

  function csrfToken() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function drop(id) {
    save(load().filter(function (item) { return item.client_uuid !== id; }));
  }

  function flush() {
    if (sending || !navigator.onLine) { return; }
    var queue = load();
    if (!queue.length) { showQueue(); return; }
    sending = true;
    var item = queue[0];
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(item)
    }).then(function (response) {
      sending = false;
      // Stored (or already stored) — or refused for good (400): either way it leaves the queue.
      if (response.ok || response.status === 400) {
        drop(item.client_uuid);
        showQueue();
        flush();
      } else {
        showQueue();  // rate-limited or server trouble: try again later
      }
    }, function () {
      sending = false;  // offline: keep it
      showQueue();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!form.reportValidity()) { return; }
    var data = {};
    new FormData(form).forEach(function (value, key) {
      if (key !== "csrfmiddlewaretoken" && typeof value === "string") { data[key] = value; }
    });
    data.client_uuid = uuid4();
    data.answered_on = today();
    var queue = load();
    queue.push(data);
    save(queue);
    form.reset();
    thanks.hidden = false;
    window.scrollTo(0, 0);
    showQueue();
    flush();
  });

  form.addEventListener("input", function () { thanks.hidden = true; });
  window.addEventListener("online", flush);
  window.setInterval(flush, 10000);
  showQueue();
  flush();
})();
