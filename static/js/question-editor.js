// The question editor's answer forms, enhanced: add, remove and reorder rows of each list,
// draw hotspot regions with the mouse and move or resize them with the keyboard, and a live
// preview as learners see it. Without this file the forms still work: rows have a position
// number and a "Delete" box, regions are typed as numbers, and "Preview" shows saved versions.
(function () {
  "use strict";

  const editor = document.querySelector("[data-qe]");
  if (!editor) return;
  const form = editor.closest("form");

  // --- Rows: add, remove, move -----------------------------------------------------------

  function rowsOf(part) {
    return Array.from(part.querySelectorAll(":scope [data-qe-rows] > [data-qe-row]"));
  }

  function liveRows(part) {
    return rowsOf(part).filter((row) => !row.hidden);
  }

  function renumber(part) {
    liveRows(part).forEach((row, index) => {
      const order = row.querySelector("[data-qe-order] input");
      if (order) order.value = String(index + 1);
      const number = row.querySelector("[data-qe-number]");
      if (number) number.textContent = String(index + 1);
      const name = row.querySelector(".qe-row__legend")?.textContent.trim() || `Row ${index + 1}`;
      for (const [selector, verb] of [["[data-qe-up]", "Move up"], ["[data-qe-down]", "Move down"], ["[data-qe-remove]", "Remove"]]) {
        row.querySelector(selector)?.setAttribute("aria-label", `${verb}: ${name}`);
      }
    });
    part.dispatchEvent(new CustomEvent("qe:rows", { bubbles: true }));
  }

  function enhanceRow(part, row) {
    row.querySelector("[data-qe-order]")?.setAttribute("hidden", "");
    row.querySelector("[data-qe-delete]")?.setAttribute("hidden", "");
    const actions = row.querySelector("[data-qe-actions]");
    if (!actions) return;
    actions.hidden = false;
    const legend = row.querySelector(".qe-row__legend");
    actions.querySelector("[data-qe-up]").addEventListener("click", () => move(part, row, -1));
    actions.querySelector("[data-qe-down]").addEventListener("click", () => move(part, row, 1));
    actions.querySelector("[data-qe-remove]").addEventListener("click", () => {
      const rows = liveRows(part);
      const next = rows[rows.indexOf(row) + 1] || rows[rows.indexOf(row) - 1];
      const box = row.querySelector("[data-qe-delete] input[type=checkbox]");
      if (box) box.checked = true;
      row.hidden = true;
      renumber(part);
      announce(`${legend ? legend.textContent.trim() : "Row"} removed.`);
      (next?.querySelector("input, textarea, select") || part.querySelector("[data-qe-add]"))?.focus();
      changed();
    });
  }

  function move(part, row, step) {
    const rows = liveRows(part);
    const index = rows.indexOf(row);
    const other = rows[index + step];
    if (!other) return;
    if (step < 0) other.before(row);
    else other.after(row);
    renumber(part);
    row.querySelector(step < 0 ? "[data-qe-up]" : "[data-qe-down]")?.focus();
    announce(`Moved to position ${index + step + 1} of ${rows.length}.`);
    changed();
  }

  function addRow(part) {
    const total = part.querySelector("input[name$='-TOTAL_FORMS']");
    const template = part.querySelector("[data-qe-template]");
    const index = Number(total.value);
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    const holder = document.createElement("ol");
    holder.innerHTML = html;
    const row = holder.firstElementChild;
    part.querySelector("[data-qe-rows]").append(row);
    total.value = String(index + 1);
    enhanceRow(part, row);
    renumber(part);
    row.querySelector("input:not([type=hidden]), textarea, select")?.focus();
    return row;
  }

  const status = document.createElement("p");
  status.className = "visually-hidden w-sr-only";
  status.setAttribute("role", "status");
  editor.prepend(status);
  function announce(text) {
    status.textContent = text;
  }

  editor.querySelectorAll("[data-qe-formset]").forEach((part) => {
    rowsOf(part).forEach((row) => enhanceRow(part, row));
    const add = part.querySelector("[data-qe-add]");
    if (add) {
      add.hidden = false;
      add.addEventListener("click", () => {
        addRow(part);
        changed();
      });
    }
  });

  // --- Live preview -------------------------------------------------------------------------

  const preview = document.querySelector("[data-qe-preview]");
  const previewUrl = editor.dataset.qePreviewUrl;
  let timer = null;
  let inFlight = null;

  function refreshPreview() {
    if (!preview || !previewUrl) return;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    preview.setAttribute("aria-busy", "true");
    fetch(previewUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      signal: inFlight.signal,
      headers: { "X-Requested-With": "XMLHttpRequest" },
    })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        preview.innerHTML = html;
        preview.setAttribute("aria-busy", "false");
        hotspot?.imageFromPreview(preview);
      })
      .catch(() => preview.setAttribute("aria-busy", "false"));
  }

  function changed() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refreshPreview, 500);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("focusout", changed); // rich-text boxes write their value on blur

  // --- Hotspot regions ----------------------------------------------------------------------

  const stageBox = editor.querySelector("[data-qe-hotspot]");
  const hotspot = stageBox ? makeHotspot(stageBox) : null;

  function makeHotspot(box) {
    const part = box.closest("[data-qe-formset]");
    const svg = box.querySelector("[data-qe-svg]");
    const stage = box.querySelector("[data-qe-stage]");
    const image = box.querySelector("[data-qe-image]");
    const list = box.querySelector("[data-qe-region-list]");
    const say = box.querySelector("[data-qe-status]");
    const tools = box.querySelector("[data-qe-tools]");
    const finish = box.querySelector("[data-qe-finish]");
    const NS = "http://www.w3.org/2000/svg";
    let tool = "circle";
    let selected = -1;
    let drawing = null; // {kind, start, points}
    tools.hidden = false;

    const round = (n) => Math.round(Math.min(1, Math.max(0, n)) * 10000) / 10000;
    const field = (row, name) => row.querySelector(`[name$='-${name}']`);

    function regionOf(row) {
      const shape = field(row, "shape").value;
      const label = field(row, "label").value.trim();
      if (shape === "circle") {
        const cx = parseFloat(field(row, "cx").value);
        const cy = parseFloat(field(row, "cy").value);
        const r = parseFloat(field(row, "r").value);
        if ([cx, cy, r].some(Number.isNaN)) return null;
        return { shape, cx, cy, r, label };
      }
      if (shape === "polygon") {
        const points = field(row, "points").value.trim().split(/\s+/).filter(Boolean)
          .map((pair) => pair.split(",").map(parseFloat))
          .filter((p) => p.length === 2 && !p.some(Number.isNaN));
        if (points.length < 3) return null;
        return { shape, points, label };
      }
      return null;
    }

    function write(row, region) {
      field(row, "shape").value = region.shape;
      if (region.shape === "circle") {
        field(row, "cx").value = round(region.cx);
        field(row, "cy").value = round(region.cy);
        field(row, "r").value = round(Math.max(region.r, 0.005));
      } else {
        field(row, "points").value = region.points.map(([x, y]) => `${round(x)},${round(y)}`).join(" ");
      }
      changed();
    }

    function describe(region, index) {
      const name = region.label || "no label yet";
      if (region.shape === "circle") {
        return `Region ${index + 1}, circle: ${name}. Centre ${pct(region.cx)} across, ${pct(region.cy)} down, radius ${pct(region.r)}.`;
      }
      const [cx, cy] = centroid(region.points);
      return `Region ${index + 1}, polygon of ${region.points.length} points: ${name}. Centre ${pct(cx)} across, ${pct(cy)} down.`;
    }

    const pct = (n) => `${Math.round(n * 1000) / 10}%`;
    const centroid = (points) => [
      points.reduce((s, p) => s + p[0], 0) / points.length,
      points.reduce((s, p) => s + p[1], 0) / points.length,
    ];

    function draw() {
      // The list's buttons are updated in place, never replaced while in use: a keyboard
      // user's focus stays where it is whatever the editor redraws.
      svg.replaceChildren();
      const shown = [];
      liveRows(part).forEach((row, index) => {
        const region = regionOf(row);
        if (!region) return;
        shown.push([region, index]);
        let shape;
        if (region.shape === "circle") {
          shape = document.createElementNS(NS, "ellipse");
          shape.setAttribute("cx", region.cx * 100);
          shape.setAttribute("cy", region.cy * 100);
          shape.setAttribute("rx", region.r * 100);
          shape.setAttribute("ry", region.r * 100);
        } else {
          shape = document.createElementNS(NS, "polygon");
          shape.setAttribute("points", region.points.map(([x, y]) => `${x * 100},${y * 100}`).join(" "));
        }
        shape.setAttribute("class", "qe-region" + (index === selected ? " qe-region--selected" : ""));
        svg.append(shape);
      });
      while (list.children.length > shown.length) list.lastElementChild.remove();
      while (list.children.length < shown.length) {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.addEventListener("click", (event) => select(Number(event.currentTarget.dataset.qeRegion)));
        button.addEventListener("keydown", keyboard);
        item.append(button);
        list.append(item);
      }
      shown.forEach(([region, index], position) => {
        const button = list.children[position].firstElementChild;
        button.dataset.qeRegion = String(index);
        button.className = "qe-region-button" + (index === selected ? " is-selected" : "");
        button.setAttribute("aria-pressed", index === selected ? "true" : "false");
        button.textContent = describe(region, index);
      });
    }

    function select(index, focus = true) {
      selected = index;
      draw();
      if (focus) list.querySelector(`[data-qe-region="${index}"]`)?.focus();
    }

    function keyboard(event) {
      const index = Number(event.currentTarget.dataset.qeRegion);
      const row = liveRows(part)[index];
      const region = row && regionOf(row);
      if (!region) return;
      const step = event.shiftKey ? 0.05 : 0.01;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      let scale = null;
      if (event.key === "+" || event.key === "=") scale = event.shiftKey && event.key === "=" ? 1.25 : 1.1;
      if (event.key === "-" || event.key === "_") scale = event.key === "_" ? 0.8 : 0.9;
      if (!(event.key in moves) && scale === null) return;
      event.preventDefault();
      selected = index;
      if (event.key in moves) {
        const [dx, dy] = moves[event.key];
        if (region.shape === "circle") {
          region.cx = round(region.cx + dx);
          region.cy = round(region.cy + dy);
        } else {
          const xs = region.points.map((p) => p[0]);
          const ys = region.points.map((p) => p[1]);
          const mx = Math.max(-Math.min(...xs), Math.min(dx, 1 - Math.max(...xs)));
          const my = Math.max(-Math.min(...ys), Math.min(dy, 1 - Math.max(...ys)));
          region.points = region.points.map(([x, y]) => [x + mx, y + my]);
        }
      } else if (region.shape === "circle") {
        region.r = Math.min(0.5, Math.max(0.005, region.r * scale));
      } else {
        const [cx, cy] = centroid(region.points);
        region.points = region.points.map(([x, y]) => [cx + (x - cx) * scale, cy + (y - cy) * scale]);
      }
      write(row, region);
      select(index);
      say.textContent = describe(regionOf(row), index);
    }

    function at(event) {
      const rect = svg.getBoundingClientRect();
      return [round((event.clientX - rect.left) / rect.width), round((event.clientY - rect.top) / rect.height)];
    }

    function newRegion(region) {
      const row = addRow(part);
      write(row, region);
      const index = liveRows(part).indexOf(row);
      select(index, false);
      field(row, "label").focus();
      say.textContent = `${describe(region, index)} Now name the area in its row.`;
    }

    function preview(points) {
      let shape = svg.querySelector(".qe-drawing");
      if (!shape) {
        shape = document.createElementNS(NS, "polyline");
        shape.setAttribute("class", "qe-drawing");
        svg.append(shape);
      }
      shape.setAttribute("points", points.map(([x, y]) => `${x * 100},${y * 100}`).join(" "));
    }

    svg.addEventListener("pointerdown", (event) => {
      const point = at(event);
      if (tool === "circle") {
        drawing = { start: point };
        svg.setPointerCapture(event.pointerId);
      } else {
        drawing = drawing || { points: [] };
        drawing.points.push(point);
        finish.disabled = drawing.points.length < 3;
        preview(drawing.points);
        say.textContent = `Point ${drawing.points.length} at ${pct(point[0])} across, ${pct(point[1])} down.`;
      }
    });
    svg.addEventListener("pointermove", (event) => {
      if (tool !== "circle" || !drawing?.start) return;
      const [x, y] = at(event);
      const r = Math.hypot(x - drawing.start[0], y - drawing.start[1]);
      let ghost = svg.querySelector(".qe-drawing");
      if (!ghost) {
        ghost = document.createElementNS(NS, "ellipse");
        ghost.setAttribute("class", "qe-drawing");
        svg.append(ghost);
      }
      ghost.setAttribute("cx", drawing.start[0] * 100);
      ghost.setAttribute("cy", drawing.start[1] * 100);
      ghost.setAttribute("rx", r * 100);
      ghost.setAttribute("ry", r * 100);
    });
    svg.addEventListener("pointerup", (event) => {
      if (tool !== "circle" || !drawing?.start) return;
      const [x, y] = at(event);
      const r = Math.max(0.02, Math.hypot(x - drawing.start[0], y - drawing.start[1]));
      const [cx, cy] = drawing.start;
      drawing = null;
      newRegion({ shape: "circle", cx, cy, r });
    });

    function finishPolygon() {
      if (!drawing?.points || drawing.points.length < 3) return;
      const points = drawing.points;
      drawing = null;
      finish.disabled = true;
      newRegion({ shape: "polygon", points });
    }
    finish.addEventListener("click", finishPolygon);
    svg.addEventListener("dblclick", finishPolygon);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && tool === "polygon" && drawing?.points?.length >= 3) {
        event.preventDefault();
        finishPolygon();
      }
      if (event.key === "Escape" && drawing) {
        drawing = null;
        finish.disabled = true;
        draw();
      }
    });
    tools.querySelectorAll("[data-qe-tool]").forEach((button) => {
      button.addEventListener("click", () => {
        tool = button.dataset.qeTool;
        drawing = null;
        tools.querySelectorAll("[data-qe-tool]").forEach((b) =>
          b.setAttribute("aria-pressed", b === button ? "true" : "false"));
        draw();
      });
    });

    part.addEventListener("input", draw);
    part.addEventListener("change", draw);
    part.addEventListener("qe:rows", draw);
    stage.classList.add("is-enhanced");
    draw();

    return {
      imageFromPreview(container) {
        const shown = container.querySelector(".hotspot__image[src]");
        if (shown && image.getAttribute("src") !== shown.getAttribute("src")) {
          image.src = shown.getAttribute("src");
          image.hidden = false;
          box.querySelector("[data-qe-no-image]")?.remove();
        }
      },
    };
  }

  refreshPreview();
})();
