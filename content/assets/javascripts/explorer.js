// Program explorer (/program/): filters, counts and sums every program in the
// browser from explorer/facts.json (scripts/site/explorer.py), and shows the
// selection twenty at a time, fetching the titles of only the programs shown
// (explorer/rows-N.json). The selection lives in the address, e.g.
// /program/?sektor=kesehatan&tahun=2025&urut=nilai, so it can be shared and Back works.
// Without JavaScript the page keeps its server-made list of the newest programs and
// the links to every list and download.
(function () {
  "use strict";
  var root = document.getElementById("explorer");
  if (!root) {
    return;
  }
  var form = document.getElementById("explorer-filters");
  var list = document.getElementById("explorer-list");
  var chips = document.getElementById("explorer-chips");
  var notice = document.getElementById("explorer-notice");
  var pager = document.getElementById("explorer-pages");
  var download = document.getElementById("explorer-download");
  var KEYS = ["sektor", "kecamatan", "tahun", "status", "anggota"];
  var SORTS = ["nilai", "nama"];
  var PAGE = 20;
  var facts = null;
  var labels = {}; // key -> [[slug, label], …]
  var chunks = {}; // chunk number -> promise of [[id, title], …]
  var state = { q: "", urut: "", hal: 1 };
  var number = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
  var tenth = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 });

  function resolve(path) {
    return new URL(path, document.baseURI).href;
  }

  function getJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    });
  }

  // As scripts/site/formats.py says them: "Rp1.500.000", "Rp38,4 miliar", "–".
  function rupiah(value) {
    return value === null ? "–" : "Rp" + number.format(value);
  }

  function rupiahCompact(value) {
    if (value === null || Math.abs(value) < 1e6) {
      return rupiah(value);
    }
    var units = [[1e12, "triliun"], [1e9, "miliar"], [1e6, "juta"]];
    for (var i = 0; i < units.length; i++) {
      var amount = Math.round((value / units[i][0]) * 10) / 10;
      if (Math.abs(value) >= units[i][0] && (i === 0 || Math.abs(amount) < 1000)) {
        return "Rp" + tenth.format(amount) + " " + units[i][1];
      }
    }
    return rupiah(value);
  }

  function count(n) {
    return n === null ? "–" : number.format(n);
  }

  function label(key, index) {
    return labels[key][index][1];
  }

  // The state read from the address: only values the data knows are taken; the rest
  // are named in a notice and left out.
  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    var unknown = [];
    KEYS.forEach(function (key) {
      var value = params.get(key);
      var index = value === null ? -1 : labels[key].findIndex(function (pair) { return pair[0] === value; });
      state[key] = index;
      if (value !== null && value !== "" && index < 0) {
        unknown.push(form.elements[key].labels[0].textContent + " “" + value + "”");
      }
    });
    state.q = (params.get("q") || "").slice(0, 200);
    state.urut = SORTS.indexOf(params.get("urut")) >= 0 ? params.get("urut") : "";
    state.hal = Math.max(1, parseInt(params.get("hal"), 10) || 1);
    notice.textContent = unknown.length
      ? "Saringan yang tidak dikenal diabaikan: " + unknown.join(", ") + "."
      : "";
    notice.hidden = !unknown.length;
  }

  function writeAddress(push) {
    var params = new URLSearchParams();
    if (state.q) {
      params.set("q", state.q);
    }
    KEYS.forEach(function (key) {
      if (state[key] >= 0) {
        params.set(key, labels[key][state[key]][0]);
      }
    });
    if (state.urut) {
      params.set("urut", state.urut);
    }
    if (state.hal > 1) {
      params.set("hal", String(state.hal));
    }
    var search = params.toString();
    var url = search ? "?" + search : window.location.pathname;
    if (push) {
      history.pushState(null, "", url);
    } else {
      history.replaceState(null, "", url);
    }
  }

  function words() {
    return state.q.toLocaleLowerCase("id").split(/\s+/).filter(Boolean);
  }

  // Does program i match every chosen filter but `except` (for the counts beside a filter)?
  function matches(i, except, titles) {
    var c = facts.columns;
    for (var k = 0; k < KEYS.length; k++) {
      var key = KEYS[k];
      if (key === except || state[key] < 0) {
        continue;
      }
      var value = c[key][i];
      if (key === "kecamatan" ? value.indexOf(state[key]) < 0 : value !== state[key]) {
        return false;
      }
    }
    if (titles) {
      var title = titles[i];
      return words().every(function (word) { return title.indexOf(word) >= 0; });
    }
    return true;
  }

  // All titles, lower-cased, for the words box: fetched (every chunk) on first use only.
  var allTitles = null;
  function titles() {
    if (!state.q) {
      return Promise.resolve(null);
    }
    if (allTitles) {
      return Promise.resolve(allTitles);
    }
    var wanted = [];
    for (var n = 0; n * facts.chunk < facts.count; n++) {
      wanted.push(chunk(n));
    }
    return Promise.all(wanted).then(function (parts) {
      allTitles = [];
      parts.forEach(function (rows) {
        rows.forEach(function (row) { allTitles.push(row[1].toLocaleLowerCase("id")); });
      });
      return allTitles;
    });
  }

  function chunk(n) {
    if (!chunks[n]) {
      chunks[n] = getJSON(resolve(root.dataset.rows + "rows-" + n + ".json"));
    }
    return chunks[n];
  }

  function order(selected) {
    var c = facts.columns;
    if (state.urut === "nilai") {
      selected.sort(function (a, b) {
        var x = c.amount[a], y = c.amount[b];
        if (x === y) {
          return a - b;
        }
        if (x === null) {
          return 1;
        }
        if (y === null) {
          return -1;
        }
        return y - x;
      });
    } else if (state.urut === "nama") {
      selected.sort(function (a, b) { return c.title_rank[a] - c.title_rank[b]; });
    }
    return selected;
  }

  function setFigure(name, text) {
    root.querySelectorAll('[data-figure="' + name + '"]').forEach(function (el) {
      el.textContent = text;
    });
  }

  function summarise(selected) {
    var c = facts.columns;
    var amount = 0, amountKnown = 0, people = 0, peopleKnown = 0;
    var members = {};
    selected.forEach(function (i) {
      if (c.amount[i] !== null) {
        amount += c.amount[i];
        amountKnown++;
      }
      if (c.beneficiaries[i] !== null) {
        people += c.beneficiaries[i];
        peopleKnown++;
      }
      members[c.anggota[i]] = true;
    });
    var total = amountKnown ? amount : null;
    setFigure("selection-programs", count(selected.length));
    setFigure("selection-amount-compact", rupiahCompact(total));
    setFigure("selection-amount", rupiah(total));
    setFigure("selection-beneficiaries", count(peopleKnown ? people : null));
    setFigure("selection-members", count(Object.keys(members).length));
    var left = [];
    if (selected.length - amountKnown) {
      left.push(count(selected.length - amountKnown) + " program tanpa nilai kontribusi");
    }
    if (selected.length - peopleKnown) {
      left.push(count(selected.length - peopleKnown) + " program tanpa jumlah penerima manfaat");
    }
    var note = document.getElementById("explorer-unknown");
    note.textContent = left.length ? "Tidak ikut dijumlahkan: " + left.join(" dan ") + "." : "";
    note.hidden = !left.length;
  }

  // Beside each filter value, how many programs it would give with the other filters.
  function facets(titleList) {
    var c = facts.columns;
    KEYS.forEach(function (key) {
      var tally = labels[key].map(function () { return 0; });
      for (var i = 0; i < facts.count; i++) {
        if (matches(i, key, titleList)) {
          if (key === "kecamatan") {
            c.kecamatan[i].forEach(function (k) { tally[k]++; });
          } else if (c[key][i] >= 0) {
            tally[c[key][i]]++;
          }
        }
      }
      var select = form.elements[key];
      labels[key].forEach(function (pair, index) {
        var option = select.options[index + 1];
        option.textContent = pair[1] + " (" + count(tally[index]) + ")";
        option.disabled = tally[index] === 0 && state[key] !== index;
      });
    });
  }

  function showChips() {
    chips.textContent = "";
    var any = false;
    KEYS.forEach(function (key) {
      if (state[key] >= 0) {
        any = true;
        addChip(form.elements[key].labels[0].textContent + ": " + label(key, state[key]), function () {
          state[key] = -1;
        });
      }
    });
    if (state.q) {
      any = true;
      addChip("Kata: " + state.q, function () { state.q = ""; });
    }
    if (any) {
      var all = document.createElement("button");
      all.type = "button";
      all.className = "chip chip--all";
      all.textContent = "Hapus semua saringan";
      all.addEventListener("click", clearAll);
      chips.appendChild(all);
    }
    chips.hidden = !any;
  }

  function addChip(text, remove) {
    var chip = document.createElement("button");
    chip.type = "button";
    chip.className = "chip";
    chip.setAttribute("aria-label", "Hapus saringan " + text);
    chip.textContent = text + " ✕";
    chip.addEventListener("click", function () {
      remove();
      state.hal = 1;
      update(true);
    });
    chips.appendChild(chip);
  }

  function clearAll() {
    KEYS.forEach(function (key) { state[key] = -1; });
    state.q = "";
    state.hal = 1;
    update(true);
  }

  function card(i, row) {
    var c = facts.columns;
    var li = document.createElement("li");
    li.className = "program-card";
    var link = document.createElement("a");
    link.className = "program-card__title";
    link.href = resolve(root.dataset.root + "program/" + row[0] + "/");
    link.textContent = row[1];
    var value = document.createElement("span");
    value.className = "program-card__value money";
    value.textContent = rupiah(c.amount[i]);
    var meta = document.createElement("p");
    meta.className = "program-card__meta";
    var places = c.kecamatan[i].map(function (k) { return label("kecamatan", k); }).join(", ");
    meta.textContent = [
      label("anggota", c.anggota[i]),
      label("sektor", c.sektor[i]),
      places || "–",
      label("tahun", c.tahun[i]),
      c.status[i] >= 0 ? label("status", c.status[i]) : "–",
    ].join(" · ");
    li.appendChild(link);
    li.appendChild(value);
    li.appendChild(meta);
    return li;
  }

  var shown = 0; // the newest update: an older one finishing later is dropped
  function update(push) {
    var ticket = ++shown;
    syncForm();
    writeAddress(push);
    showChips();
    return titles().then(function (titleList) {
      var selected = [];
      for (var i = 0; i < facts.count; i++) {
        if (matches(i, null, titleList)) {
          selected.push(i);
        }
      }
      order(selected);
      summarise(selected);
      facets(titleList);
      var pages = Math.max(1, Math.ceil(selected.length / PAGE));
      state.hal = Math.min(state.hal, pages);
      var slice = selected.slice((state.hal - 1) * PAGE, state.hal * PAGE);
      var needed = {};
      slice.forEach(function (i) { needed[Math.floor(i / facts.chunk)] = true; });
      return Promise.all(Object.keys(needed).map(function (n) {
        return chunk(Number(n)).then(function (rows) { return [Number(n), rows]; });
      })).then(function (loaded) {
        if (ticket !== shown) {
          return;
        }
        var rows = {};
        loaded.forEach(function (pair) { rows[pair[0]] = pair[1]; });
        list.textContent = "";
        slice.forEach(function (i) {
          list.appendChild(card(i, rows[Math.floor(i / facts.chunk)][i % facts.chunk]));
        });
        document.getElementById("explorer-empty").hidden = selected.length > 0;
        pager.hidden = pages < 2;
        document.getElementById("explorer-page").textContent =
          "Halaman " + count(state.hal) + " dari " + count(pages);
        document.getElementById("explorer-prev").disabled = state.hal <= 1;
        document.getElementById("explorer-next").disabled = state.hal >= pages;
        root.dataset.shown = String(ticket); // what a test waits for
      });
    }).catch(function () {
      say("Data program tidak dapat dimuat; muat ulang halaman, atau unduh dari Data Terbuka.");
    });
  }

  function say(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  function syncForm() {
    KEYS.forEach(function (key) {
      form.elements[key].value = state[key] >= 0 ? labels[key][state[key]][0] : "";
    });
    form.elements.q.value = state.q;
    form.elements.urut.value = state.urut;
  }

  function readForm() {
    KEYS.forEach(function (key) {
      var value = form.elements[key].value;
      state[key] = labels[key].findIndex(function (pair) { return pair[0] === value; });
    });
    state.q = form.elements.q.value.trim().slice(0, 200);
    state.urut = form.elements.urut.value;
    state.hal = 1;
  }

  // "Unduh yang tampil (CSV)": every program of the selection, whatever the page, written
  // as scripts/site/exports.py writes programs.csv: the same columns, "; " between the
  // values of a list, a BOM for Excel, and an apostrophe before text a spreadsheet would
  // run as a formula.
  var records = null; // programs.json, fetched on the first download
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

  function recordMatches(record) {
    var chosen = {};
    KEYS.forEach(function (key) {
      chosen[key] = state[key] >= 0 ? labels[key][state[key]][0] : null;
    });
    if (chosen.sektor && record.sector !== chosen.sektor) { return false; }
    if (chosen.kecamatan && record.kecamatan.indexOf(chosen.kecamatan) < 0) { return false; }
    if (chosen.tahun && String(record.year) !== chosen.tahun) { return false; }
    if (chosen.status && record.status !== chosen.status) { return false; }
    if (chosen.anggota && record.member !== chosen.anggota) { return false; }
    var title = String(record.title).toLocaleLowerCase("id");
    return words().every(function (word) { return title.indexOf(word) >= 0; });
  }

  function save() {
    var fields = download.dataset.fields.split(" ");
    var lines = [fields.join(",")];
    records.forEach(function (record) {
      if (recordMatches(record)) {
        lines.push(fields.map(function (field) { return csvCell(record[field]); }).join(","));
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
    if (records) {
      save();
      return;
    }
    getJSON(resolve(download.dataset.src))
      .then(function (all) {
        records = all;
        save();
      })
      .catch(function () {
        say("Data unduhan tidak dapat dimuat; coba lagi atau unduh dari halaman Data Terbuka.");
      });
  });

  var typing = null;
  form.addEventListener("input", function (event) {
    if (event.target.name !== "q") {
      return;
    }
    clearTimeout(typing);
    typing = setTimeout(function () {
      readForm();
      update(false);
    }, 250);
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "q") {
      return;
    }
    readForm();
    update(true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    readForm();
    update(true);
  });
  document.getElementById("explorer-prev").addEventListener("click", function () {
    state.hal--;
    update(true).then(function () { list.scrollIntoView(); });
  });
  document.getElementById("explorer-next").addEventListener("click", function () {
    state.hal++;
    update(true).then(function () { list.scrollIntoView(); });
  });
  document.getElementById("explorer-reset").addEventListener("click", clearAll);
  window.addEventListener("popstate", function () {
    readAddress();
    update(false);
  });

  getJSON(resolve(root.dataset.facts))
    .then(function (loaded) {
      facts = loaded;
      labels = facts.labels;
      form.hidden = false;
      download.hidden = false;
      // The filters fold behind one button on a phone, so results start on the first screen.
      if (window.matchMedia("(min-width: 60em)").matches) {
        document.getElementById("explorer-fold").open = true;
      }
      readAddress();
      return update(false);
    })
    .catch(function () {
      say("Data program tidak dapat dimuat; daftar di bawah menampilkan program terbaru.");
    });
})();
