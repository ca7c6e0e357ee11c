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

  // "Unduh yang tampil (CSV)": the visible rows, written as scripts/site/exports.py writes
  // programs.csv: the same columns, "; " between the values of a list, a BOM for Excel,
  // and an apostrophe before text a spreadsheet would run as a formula.
  var download = document.getElementById("explorer-download");
  var programs = null; // programs.json by id, fetched on the first download

  function csvCell(value) {
    if (value === null || value === undefined) {
      return "";
    }
    if (Array.isArray(value)) {
      value = value.join("; ");
    }
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(value)) {
      value = "'" + value;
    }
    value = String(value);
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function saveVisible() {
    var fields = download.dataset.fields.split(" ");
    var lines = [fields.join(",")];
    rows.forEach(function (row) {
      if (!row.el.hidden) {
        var program = programs[row.el.dataset.id];
        lines.push(fields.map(function (field) { return csvCell(program[field]); }).join(","));
      }
    });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "program-csr.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoked later: the browser may still be reading the blob for the download.
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  download.addEventListener("click", function () {
    if (programs) {
      saveVisible();
      return;
    }
    fetch(download.dataset.src)
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (list) {
        programs = {};
        list.forEach(function (program) { programs[program.id] = program; });
        saveVisible();
      })
      .catch(function () {
        count.textContent = "Data unduhan tidak dapat dimuat; coba lagi atau unduh dari halaman Data Terbuka.";
      });
  });

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
