// The preview page: loaded once per post; Python sends patches of rendered blocks.
"use strict";
(function () {
  const content = document.getElementById("content");
  let blocks = [];   // per block, its DOM nodes
  let lines = [];    // per block, its first source line
  let bridge = null;
  let ourScrollY = -1;
  const CHUNKED = 800, CHUNK = 100;  // blocks  // where our own last scroll went: its scroll event is not the author's

  const remote = document.documentElement.dataset.remote !== "no";
  const REMOTE = /^(https?:)?\/\//i;

  // In place of a remote image, video or player the author chose not to load: its address and
  // alt text, in a box. The template is inert: nothing was fetched.
  function placeholder(el, url) {
    const box = document.createElement("span");
    box.className = "hpe-remote";
    let host = url;
    try { host = new URL(url, "https://x/").host; } catch (e) { /* keep the text */ }
    const what = el.tagName === "IMG" ? "Remote image" : "Remote content";
    const alt = el.getAttribute("alt") || el.getAttribute("title") || "";
    box.textContent = what + " from " + host + (alt ? ": " + alt : "");
    box.title = url + " (not loaded: View \u2192 Load Remote Images)";
    // inline: the site's own CSS may replace the preview's style sheet
    box.style.cssText = "display:inline-block;padding:0.4em 0.7em;border:1px dashed currentColor;" +
      "border-radius:4px;opacity:0.7;font-size:0.9em;font-family:sans-serif";
    el.replaceWith(box);
  }

  function nodesOf(html) {
    const t = document.createElement("template");
    t.innerHTML = html;
    for (const base of t.content.querySelectorAll("base")) base.remove();  // never moves our URLs
    if (!remote) {
      for (const el of t.content.querySelectorAll("img, video, audio, iframe, embed, object, source")) {
        const inner = el.tagName === "VIDEO" || el.tagName === "AUDIO" ? el.querySelector("source") : null;
        const url = el.getAttribute("src") || el.getAttribute("data") || el.getAttribute("srcset") ||
          (inner && inner.getAttribute("src")) || "";
        if (REMOTE.test(url.trim())) {
          if (el.tagName === "SOURCE") el.remove(); else placeholder(el, url.trim());
        }
      }
    }
    return Array.from(t.content.childNodes);
  }

  function firstElement(i) {
    for (const n of blocks[i]) if (n.nodeType === 1) return n;
    return null;
  }

  // Replace `remove` blocks at `at` with new ones; later blocks move by `shift` source lines.
  function chunked(fresh) {
    const frag = document.createDocumentFragment();
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const chunk = document.createElement("div");
      chunk.className = "hpe-chunk";
      for (const nodes of fresh.slice(i, i + CHUNK)) for (const n of nodes) chunk.appendChild(n);
      frag.appendChild(chunk);
    }
    return frag;
  }

  function patch(p) {
    let anchor = null;
    for (let i = p.at + p.remove; i < blocks.length && !anchor; i++) anchor = blocks[i][0] || null;
    const emptied = new Set();
    for (let i = p.at; i < p.at + p.remove; i++) {
      for (const n of blocks[i]) {
        if (n.parentNode !== content) emptied.add(n.parentNode);
        n.remove();
      }
    }
    for (const chunk of emptied) if (chunk && !chunk.firstChild) chunk.remove();  // (it would keep its height)
    const fresh = p.html.map(nodesOf);
    if (p.at === 0 && p.remove === blocks.length && fresh.length > CHUNKED) {
      // a long post: blocks go in chunks, so an edit lays out one chunk, not the whole post
      content.replaceChildren(chunked(fresh));
    } else if (fresh.length > CHUNK && (!anchor || anchor.parentNode === content)) {
      // many blocks at once (a long post rendered further as it is read): in chunks too
      content.insertBefore(chunked(fresh), anchor);
    } else {
      const frag = document.createDocumentFragment();
      for (const nodes of fresh) for (const n of nodes) frag.appendChild(n);
      const last = content.lastElementChild;
      const parent = anchor ? anchor.parentNode
        : (last && last.className === "hpe-chunk" ? last : content);
      parent.insertBefore(frag, anchor);
    }
    blocks = blocks.slice(0, p.at).concat(fresh, blocks.slice(p.at + p.remove));
    lines = lines.slice(0, p.at).concat(p.lines, lines.slice(p.at + p.remove));
    if (p.shift) for (let i = p.at + p.html.length; i < lines.length; i++) lines[i] += p.shift;
    return blocks.length;
  }

  function top(el) { return el.getBoundingClientRect().top + window.scrollY; }

  // A long post rendered as far as it is read: its lines below hold their estimated place (the
  // scroll bar is the whole post's) and a position there is read as one of those lines.
  const rest = document.createElement("div");
  rest.id = "hpe-rest";
  let restFrom = 0, restLines = 0, perLine = 20;  // the first line not rendered, how many, px each
  function setRest(from, count) {
    restFrom = from;
    restLines = count;
    if (count <= 0) { rest.remove(); return; }
    if (!rest.parentNode) content.after(rest);
    const h = content.getBoundingClientRect().height;
    if (from > 0 && h > 0) perLine = h / from;
    rest.style.height = Math.round(perLine * count) + "px";
  }

  // The blocks with an element, as [index, element], searched by position.
  function elementAtOrBefore(y) {
    let lo = 0, hi = blocks.length - 1, best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      let i = mid, el = firstElement(i);
      while (!el && i > lo) el = firstElement(--i);
      if (!el) { lo = mid + 1; continue; }
      if (top(el) <= y) { best = i; lo = mid + 1; } else { hi = i - 1; }
    }
    return best;
  }

  function nextWithElement(i) {
    for (let j = i + 1; j < blocks.length; j++) if (firstElement(j)) return j;
    return -1;
  }

  // The source line shown at page position y (fractional within a block).
  function lineAt(y) {
    if (restLines > 0 && y >= top(rest)) return restFrom + Math.min(restLines, (y - top(rest)) / perLine);
    const i = elementAtOrBefore(y);
    if (i < 0) return 0;
    const j = nextWithElement(i);
    const y0 = top(firstElement(i));
    const y1 = j >= 0 ? top(firstElement(j)) : restLines > 0 ? top(rest) : document.documentElement.scrollHeight;
    const l1 = j >= 0 ? lines[j] : restLines > 0 ? restFrom : lines[i] + 1;
    const f = y1 > y0 ? Math.min(1, Math.max(0, (y - y0) / (y1 - y0))) : 0;
    return lines[i] + f * (l1 - lines[i]);
  }

  function blockOfLine(line) {
    let lo = 0, hi = lines.length - 1, best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid] <= line) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    while (best >= 0 && !firstElement(best)) best--;
    return best;
  }

  // Scroll so the block holding source line `line` is at the top (interpolated within it).
  function scrollToLine(line) {
    const i = line > 0 ? blockOfLine(line) : -1;  // the editor at its top: the page at its top, header too
    let y = 0;
    if (restLines > 0 && line >= restFrom) {
      y = top(rest) + (line - restFrom) * perLine - 8;
    } else if (i >= 0) {
      const j = nextWithElement(i);
      const y0 = top(firstElement(i));
      const y1 = j < 0 ? y0 + firstElement(i).getBoundingClientRect().height : top(firstElement(j));
      const l1 = j < 0 ? lines[i] + 1 : lines[j];
      const f = l1 > lines[i] ? Math.min(1, Math.max(0, (line - lines[i]) / (l1 - lines[i]))) : 0;
      y = y0 + f * (y1 - y0) - 8;
    }
    window.scrollTo(0, Math.max(0, y));
    ourScrollY = window.scrollY;
    return window.scrollY;
  }

  window.addEventListener("scroll", function () {
    if (Math.abs(window.scrollY - ourScrollY) < 1 || !bridge) return;
    ourScrollY = -1;
    bridge.previewScrolled(lineAt(window.scrollY + 8));
  }, { passive: true });

  let hovered = null;  // the link under the mouse: its address goes to the status bar
  document.addEventListener("mouseover", function (ev) {
    const a = ev.target.closest ? ev.target.closest("a[href]") : null;
    if (a === hovered || !bridge) return;
    hovered = a;
    bridge.hoverLink(a ? a.href : "");
  });

  document.addEventListener("click", function (ev) {
    const a = ev.target.closest ? ev.target.closest("a[href]") : null;
    if (a) {
      ev.preventDefault();
      const href = a.getAttribute("href");
      if (href.startsWith("#")) {
        const target = document.getElementById(decodeURIComponent(href.slice(1)));
        if (target) target.scrollIntoView();
      } else if (bridge) {
        bridge.openLink(a.href);
      }
      return;
    }
    if (bridge) bridge.previewClicked(lineAt(ev.clientY + window.scrollY));
  });

  window.hpe = {
    patch: patch,
    scrollToLine: scrollToLine,
    setRest: setRest,
    // the block holding source line `line` into view (the typed block stays visible)
    revealLine: function (line) {
      const i = blockOfLine(line);
      const el = i >= 0 ? firstElement(i) : null;
      if (!el) return false;
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) {
        el.scrollIntoView({ block: r.height > window.innerHeight ? "start" : "center" });
        ourScrollY = window.scrollY;  // our own scroll: not sent back to the editor
      }
      return true;
    },
    lineAt: lineAt,
    setTheme: function (name) { document.documentElement.className = name; },
    // the author's text font, size (px) and line width (characters): custom properties the
    // style reads (set through the CSSOM, which the page's policy allows)
    setStyle: function (s) {
      const root = document.documentElement.style;
      if (s.font) root.setProperty("--text-font", '"' + s.font + '"');
      else root.removeProperty("--text-font");
      root.setProperty("--text-size", s.size + "px");
      root.setProperty("--measure", s.width + "ch");
    },
    setHeader: function (html) { document.getElementById("header").innerHTML = html; },
    blockCount: function () { return blocks.length; },
  };

  if (window.qt && window.QWebChannel) {
    new QWebChannel(qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge;
      bridge.pageReady();
    });
  }
})();
