// Site search (/cari/): asks Pagefind's index (site/pagefind/, built by
// scripts/site/search.py) and lists the pages it finds, ten at a time, with
// their excerpt. The index is fetched only here, in chunks, as the reader types.
// The words and filters are kept in the address (?q=posyandu&sektor=Kesehatan), so a
// search can be shared. Everything from the index is put in as text: an excerpt
// keeps only Pagefind's <mark> highlights.
(function () {
  "use strict";
  var form = document.getElementById("search-page");
  if (!form) {
    return;
  }
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var query = form.elements.q;
  var sort = form.elements.urut;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var PAGE = 10;
  var pagefind = null;
  var results = [];
  var shown = 0;
  var latest = 0; // the newest search: an older one that finishes later is dropped

  function resolve(path) {
    return new URL(path, document.baseURI).href;
  }

  function say(text) {
    status.textContent = text;
  }

  function chosen() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) {
        filters[select.dataset.filter] = select.value;
      }
    });
    return filters;
  }

  function remember() {
    var params = new URLSearchParams();
    if (query.value.trim()) {
      params.set("q", query.value.trim());
    }
    selects.forEach(function (select) {
      if (select.value) {
        params.set(select.name, select.value);
      }
    });
    if (sort.value) {
      params.set("urut", sort.value);
    }
    var search = params.toString();
    history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  }

  // Pagefind's excerpt is escaped text with <mark> around the words found; it is read
  // by an inert parser and rebuilt from text nodes, so nothing else can come through.
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    var out = document.createElement("p");
    out.className = "search-results__excerpt";
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  // "Program · Kesehatan · PT … · 2025 · Rp5.000.000": what the page is, from the index.
  function describe(data) {
    var filters = data.filters || {};
    var meta = data.meta || {};
    var parts = [];
    ["jenis", "sektor"].forEach(function (key) {
      if (filters[key] && filters[key].length) {
        parts.push(filters[key].join(", "));
      }
    });
    if (meta.anggota) {
      parts.push(meta.anggota);
    }
    ["kecamatan", "tahun", "status"].forEach(function (key) {
      if (filters[key] && filters[key].length) {
        parts.push(filters[key].join(", "));
      }
    });
    if (meta.nilai) {
      parts.push(meta.nilai);
    }
    return parts.join(" · ");
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "search-results__item";
    var title = document.createElement("a");
    title.className = "search-results__title";
    title.href = data.url;
    title.textContent = (data.meta && data.meta.title) || data.url;
    var heading = document.createElement("h2");
    heading.appendChild(title);
    li.appendChild(heading);
    var kind = document.createElement("p");
    kind.className = "search-results__kind";
    kind.textContent = describe(data);
    li.appendChild(kind);
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE);
    var ticket = latest;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (ticket !== latest) {
        return;
      }
      pages.forEach(function (data) { list.appendChild(item(data)); });
      shown += pages.length;
      more.hidden = shown >= results.length;
    });
  }

  function count(n) {
    return n.toLocaleString("id-ID");
  }

  function run() {
    remember();
    var words = query.value.trim();
    var filters = chosen();
    var ticket = ++latest;
    list.textContent = "";
    more.hidden = true;
    if (!words && !Object.keys(filters).length) {
      results = [];
      say("Ketik kata yang dicari, atau pilih sektor, kecamatan atau tahun.");
      return Promise.resolve();
    }
    say("Mencari …");
    var options = { filters: filters };
    if (sort.value) {
      options.sort = {};
      options.sort[sort.value] = "desc";
    }
    return pagefind.search(words || null, options).then(function (search) {
      if (ticket !== latest) {
        return;
      }
      results = search.results;
      shown = 0;
      var about = words ? " untuk “" + words + "”" : "";
      if (!results.length) {
        say("Tidak ada hasil" + about + ". Coba kata lain atau hapus saringan.");
        return;
      }
      return showMore().then(function () {
        if (ticket === latest) {
          say(count(results.length) + " hasil" + about + ".");
        }
      });
    });
  }

  // A value from the address is taken only when the list offers it; else it is named.
  function choose(select, wanted) {
    var offered = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
    if (wanted && offered) {
      select.value = wanted;
      return null;
    }
    return wanted ? select.labels[0].textContent : null;
  }

  var timer = null;
  // Until the index has loaded, what is typed waits: the first search reads it then.
  var ready = false;
  query.addEventListener("input", function () {
    clearTimeout(timer);
    if (ready) {
      pagefind.preload(query.value.trim());
      timer = setTimeout(run, 250);
    }
  });
  form.addEventListener("change", function () {
    if (ready) {
      run();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    if (ready) {
      run();
    }
  });
  more.addEventListener("click", function () { showMore(); });

  form.hidden = false;
  // The filters fold behind one button on a phone, so the results start on the first screen.
  if (window.matchMedia("(min-width: 60em)").matches) {
    document.getElementById("search-fold").open = true;
  }
  var params = new URLSearchParams(window.location.search);
  if (params.has("q")) {
    query.value = params.get("q").slice(0, Number(query.maxLength) || 200);
  }
  if (["nilai", "tanggal"].indexOf(params.get("urut")) >= 0) {
    sort.value = params.get("urut");
  }
  say("Memuat indeks pencarian …");
  import(resolve(form.dataset.bundle + "pagefind.js"))
    .then(function (module) {
      pagefind = module;
      return pagefind.options({
        baseUrl: new URL(resolve(form.dataset.root)).pathname,
        // One thread: the worker's own 12 KB script is not worth it for these searches.
        noWorker: true,
        // The page list's file name already changes with its content, so the browser
        // may keep it between visits (Pagefind would otherwise fetch it anew each time).
        metaCacheTag: "1",
      });
    })
    // Pagefind's program and its list of pages, loaded now so the first query is quick.
    .then(function () { return pagefind.init(); })
    .then(function () {
      // The lists come with the page: Pagefind's filter indexes load only when one is used.
      var unknown = selects
        .map(function (select) { return choose(select, params.get(select.name)); })
        .filter(Boolean);
      ready = true;
      return run().then(function () {
        if (unknown.length) {
          say(status.textContent + " Saringan yang tidak dikenal diabaikan: " + unknown.join(", ") + ".");
        }
      });
    })
    .catch(function () {
      say("Indeks pencarian tidak dapat dimuat. Muat ulang halaman, atau telusuri lewat menu.");
    });
})();
