// The console's only script (served as a file: the page's CSP allows no inline script).
// It follows the console's event stream and reloads the live part of the page when the vault
// says something changed, unless she is filling a form there (then it waits until she is
// done); it says when the console has closed; and, as she works, it tells the console she is
// still here (at most once a minute), so that it does not close under her.
'use strict';
(function () {
  var live = document.getElementById('live');
  var status = document.getElementById('status');
  var closed = document.getElementById('closed');
  var csrf = document.querySelector('meta[name="csrf"]').getAttribute('content');
  var stale = false;
  var over = false;

  // A form in the live part that she has focused or started to fill.
  function busy() {
    var active = document.activeElement;
    if (active && live.contains(active) && active.tagName === 'INPUT') {
      return true;
    }
    var fields = live.querySelectorAll('input:not([type="hidden"])');
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value !== fields[i].defaultValue) {
        return true;
      }
    }
    return false;
  }

  function say(text) {
    status.textContent = text || '';
  }

  function reload() {
    if (over) {
      return;
    }
    if (busy()) {
      stale = true;
      say(status.getAttribute('data-waiting'));
      return;
    }
    stale = false;
    fetch('/live', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        live.innerHTML = html;
        say(status.getAttribute('data-updated'));
      })
      .catch(function () {
        stale = true;
      });
  }

  function close() {
    over = true;
    events.close();
    live.hidden = true;
    say('');
    closed.hidden = false;
    closed.focus();
  }

  // Once she leaves a form untouched (or sends it), a waiting update goes ahead.
  document.addEventListener('focusout', function () {
    if (stale) {
      setTimeout(function () {
        if (stale) {
          reload();
        }
      }, 200);
    }
  });

  var events = new EventSource('/events');
  events.addEventListener('changed', reload);
  events.addEventListener('closed', close);
  events.addEventListener('error', function () {
    // The stream broke: if the console itself is gone (stopped before the page heard it
    // close), say so rather than let the browser retry forever.
    if (over) {
      return;
    }
    fetch('/live', { credentials: 'same-origin', cache: 'no-store' })
      .catch(function () {
        close();
      });
  });

  var lastPing = Date.now();
  function stillHere() {
    var now = Date.now();
    if (over || now - lastPing < 60000) {
      return;
    }
    lastPing = now;
    fetch('/alive', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-Console-Csrf': csrf }
    }).catch(function () {});
  }
  ['keydown', 'pointerdown', 'input'].forEach(function (kind) {
    document.addEventListener(kind, stillHere, { passive: true });
  });
})();
