// Program explorer (/program/): narrows the plain table of every program by
// sector, kecamatan, year, status, member and title words. Without JavaScript
// the filter form stays hidden and the whole table is shown. Filters can be
// preset from the address, e.g. /program/?sektor=kesehatan&tahun=2025.
(function () {
  "use strict";
  var form = document.getElementById("explorer-filters");
  var table = document.getElementById("explorer-table");
  if (!form || !table) {
    return;
  }
  var count = document.getElementById("explorer-count");
  var keys = ["sektor", "kecamatan", "tahun", "status", "anggota"];
  var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
    return { el: row, text: row.textContent.toLocaleLowerCase("id") };
  });

  function matches(row, chosen, words) {
    for (var i = 0; i < keys.length; i++) {
      var value = chosen[keys[i]];
      // data-kecamatan holds several slugs separated by spaces.
      if (value && (" " + row.el.dataset[keys[i]] + " ").indexOf(" " + value + " ") < 0) {
        return false;
      }
    }
    return words.every(function (word) {
      return row.text.indexOf(word) >= 0;
    });
  }

  function apply() {
    var chosen = {};
    keys.forEach(function (key) {
      chosen[key] = form.elements[key].value;
    });
    var words = form.elements.q.value.toLocaleLowerCase("id").split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var show = matches(row, chosen, words);
      row.el.hidden = !show;
      if (show) {
        shown++;
      }
    });
    count.textContent =
      "Menampilkan " + shown.toLocaleString("id-ID") + " dari " +
      rows.length.toLocaleString("id-ID") + " program.";
  }

  var params = new URLSearchParams(window.location.search);
  keys.concat("q").forEach(function (key) {
    var control = form.elements[key];
    var value = params.get(key);
    // Only a value the form offers is taken from the address.
    if (value !== null && (control.tagName !== "SELECT" ||
        Array.prototype.some.call(control.options, function (o) { return o.value === value; }))) {
      control.value = value;
    }
  });

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0);
  });
  apply();
})();
